//! Sending: the host's `fetch`, under the call's time budget and the caller's signal, with retries.
//! The only code that performs I/O or reads the clock.

use crate::action::Action;
use crate::error::{Error, ErrorCode};
use crate::model::Answer;
use crate::options::Call;
use crate::request::{build, SignedRequest};
use crate::response::parse_answer;
use crate::retry::{backoff_ms, is_retryable};
use js_sys::{Array, Function, Object, Promise, Reflect};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    // The global timer functions exist in every runtime we serve (Node, workerd, browsers, web workers).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// A failure on its way to JS: the error, and the JS value that caused it (`err.cause`).
pub struct Failure {
    /// The error.
    pub error: Error,
    /// The original JS error or abort reason.
    pub cause: Option<JsValue>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure { error, cause: None }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Stop {
    Running,
    TimedOut,
    Aborted,
}

/// The time budget and cancellation of one call (or one wait): a deadline timer and the caller's signal, both of
/// which abort the in-flight fetch. Dropping it clears the timer and the listener, so nothing is left pending.
pub struct Budget {
    what: &'static str,
    timeout_ms: Option<u32>,
    started_at: f64,
    controller: Option<AbortController>,
    state: Rc<Cell<Stop>>,
    /// Resolves with `stopped_token` when the budget stops; racing it never leaves a rejection unhandled.
    /// `None` when nothing can stop the call (no deadline, no signal): awaiting is then direct.
    stopped: Option<Promise>,
    stopped_token: JsValue,
    timer: Option<JsValue>,
    signal: Option<AbortSignal>,
    on_timeout: Option<Closure<dyn FnMut()>>,
    on_abort: Option<Closure<dyn FnMut()>>,
}

/// How a raced promise ended.
enum Raced {
    Value(JsValue),
    Rejected(JsValue),
    Stopped,
}

impl Budget {
    /// Starts the budget: `what` names the call in messages.
    pub fn start(what: &'static str, timeout_ms: Option<u32>, signal: Option<AbortSignal>) -> Budget {
        let state = Rc::new(Cell::new(Stop::Running));
        // Only a deadline or a signal can abort the fetch; creating an AbortController costs microseconds in Node.
        let controller = (timeout_ms.is_some() || signal.is_some()).then(|| AbortController::new().ok()).flatten();
        let stoppable = timeout_ms.is_some() || signal.is_some();
        let stopped_token: JsValue = if stoppable { Object::new().into() } else { JsValue::UNDEFINED };
        let mut resolve_stopped: Option<Function> = None;
        let stopped = stoppable.then(|| Promise::new(&mut |resolve, _reject| resolve_stopped = Some(resolve)));
        let stop = {
            let state = state.clone();
            let controller = controller.clone();
            let token = stopped_token.clone();
            move |why: Stop, reason: Option<JsValue>| {
                if state.get() != Stop::Running {
                    return;
                }
                state.set(why);
                if let Some(controller) = &controller {
                    match reason {
                        Some(reason) => controller.abort_with_reason(&reason),
                        None => controller.abort(),
                    }
                }
                if let Some(resolve) = &resolve_stopped {
                    let _ = resolve.call1(&JsValue::UNDEFINED, &token);
                }
            }
        };
        let mut budget = Budget {
            what,
            timeout_ms,
            started_at: js_sys::Date::now(),
            controller,
            state,
            stopped,
            stopped_token,
            timer: None,
            signal: signal.clone(),
            on_timeout: None,
            on_abort: None,
        };
        if let Some(signal) = signal {
            if signal.aborted() {
                stop(Stop::Aborted, Some(signal.reason()));
            } else {
                let stop = stop.clone();
                let listened = signal.clone();
                let on_abort = Closure::<dyn FnMut()>::new(move || stop(Stop::Aborted, Some(listened.reason())));
                let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
                budget.on_abort = Some(on_abort);
            }
        }
        if let Some(ms) = timeout_ms {
            if budget.state.get() == Stop::Running {
                let on_timeout = Closure::<dyn FnMut()>::new(move || stop(Stop::TimedOut, None));
                budget.timer = Some(set_timeout(on_timeout.as_ref().unchecked_ref(), f64::from(ms)));
                budget.on_timeout = Some(on_timeout);
            }
        }
        budget
    }

    /// The signal to give `fetch`, aborted when the budget stops.
    fn fetch_signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// Milliseconds left, `None` without a deadline.
    pub fn remaining_ms(&self) -> Option<f64> {
        self.timeout_ms.map(|ms| (f64::from(ms) - (js_sys::Date::now() - self.started_at)).max(0.0))
    }

    /// The failure describing why the budget stopped, if it has.
    pub fn stopped_failure(&self) -> Option<Failure> {
        match self.state.get() {
            Stop::Running => None,
            Stop::TimedOut => Some(Failure::from(Error::new(
                ErrorCode::Timeout,
                format!("{} timed out after {} ms (timeoutMs)", self.what, self.timeout_ms.unwrap_or(0)),
            ))),
            Stop::Aborted => Some(Failure {
                error: Error::new(ErrorCode::Aborted, format!("{} was aborted by the caller's signal", self.what)),
                cause: self.signal.as_ref().map(AbortSignal::reason),
            }),
        }
    }

    /// Awaits `promise` unless the budget stops first. Always attaches to `promise`, so a rejection it meets
    /// after the budget stopped is never left unhandled.
    async fn race(&self, promise: Promise) -> Raced {
        let Some(stopped) = &self.stopped else {
            return match JsFuture::from(promise).await {
                Ok(value) => Raced::Value(value),
                Err(error) => Raced::Rejected(error),
            };
        };
        let contenders = Array::of2(&promise, stopped);
        match JsFuture::from(Promise::race(&contenders)).await {
            Ok(value) if Object::is(&value, &self.stopped_token) => Raced::Stopped,
            // A stop that lands while the promise settles still wins: the caller asked for it.
            _ if self.state.get() != Stop::Running => Raced::Stopped,
            Ok(value) => Raced::Value(value),
            Err(error) => Raced::Rejected(error),
        }
    }

    /// Waits `ms`, or less if the budget stops first (then fails with why).
    pub async fn sleep(&self, ms: f64) -> Result<(), Failure> {
        let mut timer = JsValue::UNDEFINED;
        let slept = Promise::new(&mut |resolve, _reject| timer = set_timeout(&resolve, ms));
        let raced = self.race(slept).await;
        clear_timeout(&timer);
        match raced {
            Raced::Stopped => Err(self.stopped_failure().unwrap_or_else(|| stopped_without_reason(self.what))),
            _ => Ok(()),
        }
    }
}

fn stopped_without_reason(what: &str) -> Failure {
    Failure::from(Error::new(ErrorCode::Aborted, format!("{what} was stopped")))
}

impl Drop for Budget {
    fn drop(&mut self) {
        if let Some(timer) = &self.timer {
            clear_timeout(timer);
        }
        if let (Some(signal), Some(on_abort)) = (&self.signal, &self.on_abort) {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}

/// The fetch to call: the caller's, or the host's global one.
pub fn resolve_fetch(option: Option<Function>) -> Result<(Function, JsValue), Error> {
    if let Some(fetch) = option {
        return Ok((fetch, JsValue::UNDEFINED));
    }
    let global = js_sys::global();
    match Reflect::get(&global, &JsValue::from_str("fetch")).ok().and_then(|f| f.dyn_into::<Function>().ok()) {
        Some(fetch) => Ok((fetch, global.into())),
        None => Err(Error::invalid_option("fetch", "this runtime has no global fetch: pass the fetch option")),
    }
}

/// Sends `call`, retrying retryable failures within the budget. Every failure carries `attempts`.
pub async fn execute(call: &Call, fetch: &(Function, JsValue), budget: &Budget) -> Result<Answer, Failure> {
    let mut attempts = 0;
    loop {
        // A budget already stopped (a signal aborted before the call) sends nothing: `attempts` says so.
        if let Some(mut stopped) = budget.stopped_failure() {
            stopped.error.attempts = attempts;
            return Err(stopped);
        }
        attempts += 1;
        let outcome = attempt(call, fetch, budget).await;
        let mut failure = match outcome {
            Ok(answer) => return Ok(answer),
            Err(failure) => failure,
        };
        failure.error.attempts = attempts;
        let retries_done = attempts - 1;
        if retries_done >= call.retries || !is_retryable(&failure.error) {
            return Err(failure);
        }
        let delay = backoff_ms(retries_done, js_sys::Math::random());
        if budget.remaining_ms().is_some_and(|left| left <= delay) {
            return Err(failure);
        }
        if let Err(mut stopped) = budget.sleep(delay).await {
            stopped.error.attempts = attempts;
            return Err(stopped);
        }
    }
}

/// The headers as a plain object, the shape every `fetch` accepts.
fn headers_object(request: &SignedRequest) -> Object {
    let headers = Object::new();
    for (name, value) in &request.headers {
        let _ = Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    headers
}

async fn attempt(call: &Call, (fetch, this): &(Function, JsValue), budget: &Budget) -> Result<Answer, Failure> {
    let timestamp = call.timestamp.unwrap_or_else(|| js_sys::Date::now() as u64);
    let request = build(call, timestamp);
    let secrets = [call.credentials.secret_key(), request.headers[2].1.as_str()];
    let result = send(call.action, &request, fetch, this, budget).await;
    result.map_err(|mut failure| {
        failure.error.redact(&secrets);
        failure
    })
}

async fn send(action: Action, request: &SignedRequest, fetch: &Function, this: &JsValue, budget: &Budget) -> Result<Answer, Failure> {
    let init = Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = Reflect::set(&init, &JsValue::from_str(key), value);
    };
    set("method", &JsValue::from_str(request.method.as_str()));
    set("headers", &headers_object(request));
    if let Some(body) = &request.body {
        set("body", &JsValue::from_str(body));
    }
    if let Some(signal) = budget.fetch_signal() {
        set("signal", &signal);
    }
    let where_to = request.url.split('?').next().unwrap_or_default().to_owned();
    let network = |cause: JsValue, during: &str| Failure {
        error: Error::new(
            ErrorCode::Network,
            format!("{} could not {during} {where_to}: {}", action.name(), describe_js_error(&cause)),
        ),
        cause: Some(cause),
    };
    let stopped = || budget.stopped_failure().unwrap_or_else(|| stopped_without_reason(action.name()));
    if budget.state.get() != Stop::Running {
        return Err(stopped());
    }
    let pending = match fetch.call2(this, &JsValue::from_str(&request.url), &init) {
        Ok(value) => Promise::resolve(&value),
        Err(thrown) => return Err(network(thrown, "send a request to")),
    };
    let response = match budget.race(pending).await {
        Raced::Value(response) => response,
        Raced::Rejected(cause) => return Err(network(cause, "reach")),
        Raced::Stopped => return Err(stopped()),
    };
    let status = Reflect::get(&response, &JsValue::from_str("status")).ok().and_then(|s| s.as_f64());
    let text_fn = Reflect::get(&response, &JsValue::from_str("text")).ok().and_then(|f| f.dyn_into::<Function>().ok());
    let (Some(status), Some(text_fn)) = (status, text_fn) else {
        return Err(Failure::from(Error::new(
            ErrorCode::BadResponse,
            format!("{}: fetch resolved with something that is not a Response", action.name()),
        )));
    };
    let status = status.clamp(0.0, 999.0) as u16;
    let reading = match text_fn.call0(&response) {
        Ok(value) => Promise::resolve(&value),
        Err(thrown) => return Err(network(thrown, "read the answer from")),
    };
    let body = match budget.race(reading).await {
        Raced::Value(body) => body.as_string().unwrap_or_default(),
        Raced::Rejected(cause) => {
            let mut failure = network(cause, "read the whole answer from");
            failure.error.status = Some(status);
            return Err(failure);
        }
        Raced::Stopped => return Err(stopped()),
    };
    parse_answer(action, status, &body).map_err(Failure::from)
}

/// `message` of a JS error, with its `cause`'s message or code when it has one (undici hides the reason there).
fn describe_js_error(value: &JsValue) -> String {
    let field = |v: &JsValue, key: &str| Reflect::get(v, &JsValue::from_str(key)).ok().and_then(|x| x.as_string());
    let message = field(value, "message").or_else(|| value.as_string()).unwrap_or_else(|| "unknown error".to_owned());
    let cause = Reflect::get(value, &JsValue::from_str("cause")).unwrap_or(JsValue::UNDEFINED);
    match (cause.is_object()).then(|| field(&cause, "message").or_else(|| field(&cause, "code"))).flatten() {
        Some(detail) if !detail.is_empty() => format!("{message} ({detail})"),
        _ => message,
    }
}
