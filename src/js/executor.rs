//! The one executor: it drives a [`Plan`] from its first step to its last. It sends the plan's calls by the send
//! path (retries, the budget, the secrets of each signature), sleeps by the budget, hands reports to the caller's
//! callback, and gives each outcome back to the plan. Every decision is the plan's (src/plan.rs), so this loop is
//! the same for a single call, the wait and any later plan.

use super::{instance_to_js, json_to_js};
use crate::connect::step_json;
use super::send::{execute, Budget, CallSecrets, Failure};
use crate::error::Error;
use crate::plan::{Finished, Outcome, Plan, Report, Step};
use js_sys::Function;
use wasm_bindgen::JsValue;

/// Why a plan did not finish.
pub enum Stopped {
    /// It failed: the error, with the JS cause of the failure it came from.
    Failed(Failure),
    /// The caller's callback threw: its error reaches the caller unchanged.
    Thrown(JsValue),
}

impl From<Failure> for Stopped {
    fn from(failure: Failure) -> Stopped {
        Stopped::Failed(failure)
    }
}

impl From<Error> for Stopped {
    fn from(error: Error) -> Stopped {
        Stopped::Failed(Failure::from(error))
    }
}

/// The caller's progress callbacks.
pub struct Callbacks<'a> {
    /// `onPoll`: a wait's poll found the peering.
    pub on_poll: Option<&'a Function>,
    /// `onStep`: a connection's step settled.
    pub on_step: Option<&'a Function>,
}

/// Runs `plan` under `budget`: its calls with `fetch`, every signature sent going into `secrets`; its reports to
/// the caller's callbacks, when given.
pub async fn drive(
    plan: &mut dyn Plan,
    fetch: &(Function, JsValue),
    budget: &Budget,
    callbacks: Callbacks<'_>,
    secrets: &mut CallSecrets,
) -> Result<Finished, Stopped> {
    let mut outcome = Outcome::Start;
    // The JS cause (fetch's error, the abort reason) of the failure just handed to the plan: a plan that fails
    // because of it fails with it.
    let mut cause = None;
    loop {
        let last_cause = cause.take();
        outcome = match plan.next(outcome) {
            // `account` is already in `call.credentials`: the plan chose the keys when it made the call. A request of a
            // plan that gives each request less time than the whole (connectVpcs' requestTimeoutMs) runs under a
            // budget of its own, so that one that never answers fails the plan instead of holding it to its end.
            Step::Call { call, account: _ } => {
                let own = call.timeout_ms.and_then(|ms| budget.for_request(call.action.name(), ms));
                match execute(call, fetch, own.as_ref().unwrap_or(budget), secrets).await {
                    Ok(answer) => Outcome::Answered(answer),
                    Err(failure) => {
                        cause = failure.cause;
                        Outcome::Failed(failure.error)
                    }
                }
            }
            Step::Sleep(ms) => match budget.sleep(ms).await {
                Ok(()) => Outcome::Slept,
                Err(failure) => {
                    cause = failure.cause;
                    Outcome::Failed(failure.error)
                }
            },
            Step::Report(Report::Poll(instance)) => {
                if let Some(on_poll) = callbacks.on_poll {
                    on_poll.call1(&JsValue::UNDEFINED, &instance_to_js(instance)).map_err(Stopped::Thrown)?;
                }
                Outcome::Reported
            }
            Step::Report(Report::Step(step)) => {
                if let Some(on_step) = callbacks.on_step {
                    let step = json_to_js(&step_json(step)).unwrap_or(JsValue::UNDEFINED);
                    on_step.call1(&JsValue::UNDEFINED, &step).map_err(Stopped::Thrown)?;
                }
                Outcome::Reported
            }
            Step::Done(finished) => return Ok(finished),
            Step::Fail(error) => return Err(Stopped::Failed(Failure { error, cause: last_cause })),
        };
    }
}
