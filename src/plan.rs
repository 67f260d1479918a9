//! Plans: what a call from JS does, as a pure state machine. Given the last outcome, a plan says the next step:
//! send a call, sleep, report progress, finish, or fail. One executor in the JS boundary (`js/executor.rs`) performs
//! the steps (the send path, the budget's sleep, the caller's callback) and hands each outcome back, so every
//! decision is here, tested natively step by step, and no plan touches JS or a clock.
//!
//! A single API call is the one-step plan [`Single`]; the wait is [`crate::wait::Wait`]. Plans that act in two
//! accounts (issue 14's connect and disconnect) name the keys of each call with [`Account`].

use crate::error::Error;
use crate::call::Call;
use crate::connect::{ConnectionResult, StepRecord};
use crate::model::{Answer, Item, JsonList};

/// What became of the last step, handed to [`Plan::next`].
#[derive(Debug)]
pub enum Outcome {
    /// Nothing yet: the plan starts.
    Start,
    /// The call answered (after its own retries).
    Answered(Answer<JsonList>),
    /// The call failed after its retries, or the budget stopped (deadline, signal) during a call or a sleep.
    Failed(Error),
    /// The sleep is over.
    Slept,
    /// The report was delivered (or nobody asked for it).
    Reported,
}

/// Whose keys sign a call. The keys themselves are in [`Call::credentials`]; a plan says whose they are so that its
/// record of the calls, and its choice of what it can do alone, can tell the accounts apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Account {
    /// The options' own `accessKey` / `secretKey`: every single call and the wait.
    Source,
    /// A second account's keys, for plans across two accounts (issue 14: the target VPC's owner).
    Target,
}

/// Progress for the caller's callback.
#[derive(Debug, PartialEq)]
pub enum Report<'a> {
    /// A wait's poll found the peering (`onPoll`).
    Poll(&'a Item),
    /// A connection's step settled (`onStep`).
    Step(&'a StepRecord),
}

/// What a plan finishes with, converted to JS by the executor.
#[derive(Debug)]
pub enum Finished {
    /// An API call's answer.
    Answer(Answer<JsonList>),
    /// One item: a peering (a wait that reached its status).
    Item(Item),
    /// Nothing, `null` in JS (a wait until GONE).
    Nothing,
    /// A connection made or undone (`connectVpcs`, `disconnectVpcs`).
    Connection(Box<ConnectionResult>),
}

/// The next thing to do.
#[derive(Debug)]
pub enum Step<'a> {
    /// Send `call` (retried as its own options say) under the plan's budget, signed with `account`'s keys.
    Call {
        /// The call.
        call: &'a Call,
        /// Whose keys sign it.
        account: Account,
    },
    /// Wait this many milliseconds (cut short, as a failure, when the budget stops).
    Sleep(f64),
    /// Tell the caller (its callback may throw: the plan then ends with that throw).
    Report(Report<'a>),
    /// The plan succeeded.
    Done(Finished),
    /// The plan failed. Right after a failed call, the executor keeps that failure's JS cause.
    Fail(Error),
}

/// A call from JS as a state machine. `next` is called with [`Outcome::Start`] first, then with the outcome of each
/// step it returned, until it returns [`Step::Done`] or [`Step::Fail`]. It must answer every outcome (none panics).
pub trait Plan {
    /// The name messages give the whole plan ("… timed out after …").
    fn name(&self) -> &'static str;
    /// The time budget of the whole plan, `None` for none.
    fn timeout_ms(&self) -> Option<u32>;
    /// The step after `outcome`.
    fn next(&mut self, outcome: Outcome) -> Step<'_>;
}

/// One API call: call, then finish with its answer or its failure.
#[derive(Debug)]
pub struct Single {
    call: Call,
}

impl Single {
    /// The plan of `call`.
    pub fn new(call: Call) -> Single {
        Single { call }
    }
}

impl Plan for Single {
    fn name(&self) -> &'static str {
        self.call.action.name()
    }

    fn timeout_ms(&self) -> Option<u32> {
        self.call.timeout_ms
    }

    fn next(&mut self, outcome: Outcome) -> Step<'_> {
        match outcome {
            Outcome::Answered(answer) => Step::Done(Finished::Answer(answer)),
            Outcome::Failed(error) => Step::Fail(error),
            Outcome::Start | Outcome::Slept | Outcome::Reported => Step::Call { call: &self.call, account: Account::Source },
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::action::Action;
    use crate::error::ErrorCode;
    use crate::model::Items;
    use crate::options::{validate_call, OptionValue};
    use crate::resource::PEERING;

    /// Options with the demo keys and `extra`.
    pub(crate) fn entries(extra: &[(&str, OptionValue)]) -> Vec<(String, OptionValue)> {
        let mut entries = vec![
            ("accessKey".to_owned(), OptionValue::String("AK".into())),
            ("secretKey".to_owned(), OptionValue::String("SK".into())),
        ];
        entries.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        entries
    }

    /// An answer to `action` listing `items`.
    pub(crate) fn answer(action: Action, items: Vec<Item>) -> Answer<JsonList> {
        let mut list = JsonList::for_action(action.spec(), true);
        let total_rows = items.len() as u32;
        for item in items {
            list.push(item);
        }
        Answer {
            request_id: "r".into(),
            return_code: "0".into(),
            return_message: "success".into(),
            total_rows,
            items: list,
        }
    }

    fn single() -> Single {
        let options = entries(&[("vpcPeeringInstanceNo", OptionValue::String("9".into())), ("timeoutMs", OptionValue::Number(500.0))]);
        Single::new(validate_call(Action::Detail, &options).unwrap())
    }

    #[test]
    fn a_single_call_calls_once_then_finishes_with_its_answer() {
        let mut plan = single();
        assert_eq!(plan.name(), "getVpcPeeringInstanceDetail");
        assert_eq!(plan.timeout_ms(), Some(500));
        let Step::Call { call, account } = plan.next(Outcome::Start) else { panic!("a call first") };
        assert_eq!(call.action, Action::Detail);
        assert_eq!(account, Account::Source);
        let answered = answer(Action::Detail, vec![Item::new(&PEERING)]);
        let Step::Done(Finished::Answer(done)) = plan.next(Outcome::Answered(answered)) else { panic!("done") };
        assert_eq!(done.total_rows, 1);
    }

    #[test]
    fn a_single_call_fails_with_its_call_s_error_unchanged() {
        let error = Error { attempts: 3, ..Error::new(ErrorCode::Network, "down") };
        let Step::Fail(failed) = single().next(Outcome::Failed(error.clone())) else { panic!("a failure") };
        assert_eq!(failed, error);
    }
}
