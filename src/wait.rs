//! `waitForVpcPeeringInstance` as a [`Plan`]: sleep, poll the detail call, report what it found (`onPoll`), judge
//! it, and again until the judgement ends the wait. What one poll means (done, keep polling, or fail) is [`judge`].
//! Pure, so every branch and every step is tested natively; the executor only sleeps, sends and calls back.

use crate::call::{Call, Until, WaitPlan};
use crate::error::{echo, Error, ErrorCode};
use crate::model::{Item, PeeringView};
use crate::plan::{Account, Finished, Outcome, Plan, Report, Step};
use crate::retry::poll_delay_ms;

/// The wait's name, in JS and in messages.
pub const NAME: &str = "waitForVpcPeeringInstance";

/// The wait's plan: its options, the polls sent so far, and the peering the last poll found (kept while `onPoll`
/// sees it).
#[derive(Debug)]
pub struct Wait {
    wait: WaitPlan,
    polls: u32,
    found: Option<Item>,
    reports: bool,
}

impl Wait {
    /// The plan of a validated wait.
    pub fn new(wait: WaitPlan) -> Wait {
        Wait { wait, polls: 0, found: None, reports: true }
    }

    /// A wait inside another plan, which reports its own progress: this one never asks to report a poll.
    pub fn silent(wait: WaitPlan) -> Wait {
        Wait { reports: false, ..Wait::new(wait) }
    }

    /// The call each poll sends.
    pub fn poll_call(&self) -> &Call {
        &self.wait.poll
    }

    /// The pause before the next poll: `pollIntervalMs`, growing by half up to `maxPollIntervalMs`. A pause past the
    /// deadline is cut short by the budget, which reports the timeout.
    fn pause(&self) -> Step<'static> {
        Step::Sleep(poll_delay_ms(self.polls, self.wait.poll_interval_ms, self.wait.max_poll_interval_ms))
    }

    /// The step after judging `found`: finish, fail (counting the polls sent as `attempts`), or pause and poll again.
    fn verdict(&self, found: Option<Item>) -> Step<'static> {
        match judge(&self.wait, &self.wait.instance_no, found) {
            Verdict::Done(Some(item)) => Step::Done(Finished::Item(item)),
            Verdict::Done(None) => Step::Done(Finished::Nothing),
            Verdict::KeepPolling => self.pause(),
            Verdict::Fail(error) => Step::Fail(Error { attempts: self.polls, ..error }),
        }
    }
}

impl Plan for Wait {
    fn name(&self) -> &'static str {
        NAME
    }

    fn timeout_ms(&self) -> Option<u32> {
        self.wait.poll.timeout_ms
    }

    fn next(&mut self, outcome: Outcome) -> Step<'_> {
        match outcome {
            Outcome::Start => self.pause(),
            Outcome::Slept => {
                self.polls += 1;
                Step::Call { call: &self.wait.poll, account: Account::Source }
            }
            Outcome::Answered(answer) => {
                match answer.items.kept.into_iter().next() {
                    // `onPoll` sees the peering before it is judged (and its throw ends the wait whatever the verdict).
                    Some(instance) if self.reports => Step::Report(Report::Poll(self.found.insert(instance))),
                    found => self.verdict(found),
                }
            }
            Outcome::Reported => {
                let found = self.found.take();
                self.verdict(found)
            }
            Outcome::Failed(error) => Step::Fail(error),
        }
    }
}

/// The outcome of one poll.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// The wait is over: the instance reached a wanted status, or `None` when waiting for GONE and it is gone.
    Done(Option<Item>),
    /// Not there yet.
    KeepPolling,
    /// Waiting longer cannot help.
    Fail(Error),
}

/// Whether a peering may still be waiting for the other account's answer, from documented facts only (ncp-api.md
/// §4, §6): status `INIT` on a between-accounts peering. NCP documents no field that tells "awaiting acceptance"
/// from "accepted, being set up" (the operation code during either is undocumented), so this is a "may": the
/// caller, who knows whether the other account has accepted, decides with `awaitAcceptance`. The localised status
/// name is never consulted.
pub fn may_await_acceptance(peering: PeeringView<'_>) -> bool {
    peering.status_code() == "INIT" && peering.is_between_accounts()
}

/// Judges one poll: `found` is the detail call's first instance, `None` when the list came back empty.
pub fn judge(plan: &WaitPlan, instance_no: &str, found: Option<Item>) -> Verdict {
    let number = found.as_ref().map(|found| PeeringView::of(found).instance_no());
    if let Some(other) = number.filter(|number| !same_number(number, instance_no)) {
        let message = format!("the detail answer for peering {instance_no} is about peering {}", echo(other));
        return Verdict::Fail(Error::new(ErrorCode::BadResponse, message));
    }
    match (&plan.until, found) {
        (Until::Gone, None) => Verdict::Done(None),
        (Until::Gone, Some(_)) => Verdict::KeepPolling,
        (Until::Status(codes), None) => Verdict::Fail(Error::new(
            ErrorCode::NotFound,
            format!("peering {instance_no} was not found (deleted or rejected) while waiting for {}", codes.join(" or ")),
        )),
        (Until::Status(codes), Some(instance)) => {
            let peering = PeeringView::of(&instance);
            if codes.iter().any(|code| code == peering.status_code()) {
                Verdict::Done(Some(instance))
            } else if codes.iter().any(|code| code == "RUN") && !plan.await_acceptance && may_await_acceptance(peering) {
                let login_id = peering.target_login_id();
                let message = format!(
                    "peering {instance_no} is a cross-account request still INIT: unless {} has accepted it \
                     (acceptOrRejectVpcPeering), it stays INIT; NCP does not tell the two apart, so pass \
                     awaitAcceptance: true to keep waiting once it is accepted",
                    if login_id.is_empty() { "the target account" } else { login_id }
                );
                Verdict::Fail(Error { instance: Some(Box::new(instance)), ..Error::new(ErrorCode::AwaitingAcceptance, message) })
            } else {
                Verdict::KeepPolling
            }
        }
    }
}

/// Whether two instance numbers are the same number (leading zeros aside: the option may be written `"009"`).
fn same_number(a: &str, b: &str) -> bool {
    a.trim().trim_start_matches('0') == b.trim().trim_start_matches('0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::model::{CodeName, Value};
    use crate::resource::PEERING;
    use crate::options::{validate_wait, OptionValue};

    fn plan(extra: &[(&str, OptionValue)]) -> WaitPlan {
        let mut entries = vec![
            ("accessKey".to_owned(), OptionValue::String("AK".into())),
            ("secretKey".to_owned(), OptionValue::String("SK".into())),
            ("vpcPeeringInstanceNo".to_owned(), OptionValue::String("9".into())),
        ];
        entries.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        validate_wait(&entries).unwrap()
    }

    fn instance(status: &str, between: bool, operation: &str) -> Item {
        let code = |code: &str| Value::CodeName(CodeName { code: code.into(), code_name: String::new() });
        Item::new(&PEERING)
            .with("vpcPeeringInstanceNo", Value::Text("9".into()))
            .with("vpcPeeringInstanceStatus", code(status))
            .with("vpcPeeringInstanceOperation", code(operation))
            .with("isBetweenAccounts", Value::Flag(between))
            .with("targetVpcLoginId", Value::Text("bob@example.com".into()))
    }

    #[test]
    fn run_reached() {
        let found = instance("RUN", false, "NULL");
        assert_eq!(judge(&plan(&[]), "9", Some(found.clone())), Verdict::Done(Some(found)));
    }

    #[test]
    fn same_account_init_keeps_polling() {
        assert_eq!(judge(&plan(&[]), "9", Some(instance("INIT", false, "CREAT"))), Verdict::KeepPolling);
    }

    #[test]
    fn cross_account_init_fails_at_once_unless_asked_to_wait() {
        let Verdict::Fail(err) = judge(&plan(&[]), "9", Some(instance("INIT", true, "NULL"))) else { panic!() };
        assert_eq!(err.code, ErrorCode::AwaitingAcceptance);
        assert!(err.message.contains("bob@example.com"));
        assert!(err.instance.is_some());
        let patient = plan(&[("awaitAcceptance", OptionValue::Bool(true))]);
        assert_eq!(judge(&patient, "9", Some(instance("INIT", true, "NULL"))), Verdict::KeepPolling);
        // No operation code is documented for either state, so none changes the verdict.
        for operation in ["CREAT", "SETUP", "", "ANYTHING"] {
            assert!(matches!(judge(&plan(&[]), "9", Some(instance("INIT", true, operation))), Verdict::Fail(_)));
            assert_eq!(judge(&patient, "9", Some(instance("INIT", true, operation))), Verdict::KeepPolling);
        }
    }

    #[test]
    fn gone() {
        let gone = plan(&[("until", OptionValue::String("GONE".into()))]);
        assert_eq!(judge(&gone, "9", None), Verdict::Done(None));
        assert_eq!(judge(&gone, "9", Some(instance("TERMTING", false, "NULL"))), Verdict::KeepPolling);
        let Verdict::Fail(err) = judge(&plan(&[]), "9", None) else { panic!() };
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    #[test]
    fn regression_an_answer_about_another_peering_fails_the_wait() {
        // Issue 11 #7: a wait took whatever instance the detail answer held.
        let other = instance("RUN", false, "NULL").with("vpcPeeringInstanceNo", Value::Text("10".into()));
        for plan in [plan(&[]), plan(&[("until", OptionValue::String("GONE".into()))])] {
            let Verdict::Fail(err) = judge(&plan, "9", Some(other.clone())) else { panic!() };
            assert_eq!(err.code, ErrorCode::BadResponse);
            assert_eq!(err.message, "the detail answer for peering 9 is about peering 10");
        }
        assert!(matches!(judge(&plan(&[]), "0009", Some(instance("RUN", false, "NULL"))), Verdict::Done(Some(_))));
    }

    /// The wait's plan with the demo keys, peering `no` and `extra`.
    fn waiting(no: &str, extra: &[(&str, OptionValue)]) -> Wait {
        let mut options = vec![("vpcPeeringInstanceNo", OptionValue::String(no.into()))];
        options.extend(extra.iter().cloned());
        Wait::new(validate_wait(&crate::plan::tests::entries(&options)).unwrap())
    }

    fn found(instance: Item) -> Outcome {
        Outcome::Answered(crate::plan::tests::answer(Action::Detail, vec![instance]))
    }

    fn nothing_found() -> Outcome {
        Outcome::Answered(crate::plan::tests::answer(Action::Detail, vec![]))
    }

    /// Sends `outcome`; the step must be a sleep, whose length is returned.
    fn sleeps(wait: &mut Wait, outcome: Outcome) -> f64 {
        match wait.next(outcome) {
            Step::Sleep(ms) => ms,
            other => panic!("expected a sleep, got {other:?}"),
        }
    }

    /// After a sleep: the poll, the detail call of the plan's peering, with the options' own keys.
    fn polls(wait: &mut Wait) {
        match wait.next(Outcome::Slept) {
            Step::Call { call, account } => {
                assert_eq!(call.action, Action::Detail);
                assert_eq!(account, Account::Source);
            }
            other => panic!("expected the poll, got {other:?}"),
        }
    }

    /// The found peering is reported (`onPoll`) before it is judged.
    fn reports(wait: &mut Wait, instance: Item) {
        let expected = instance.clone();
        match wait.next(found(instance)) {
            Step::Report(Report::Poll(reported)) => assert_eq!(reported, &expected),
            other => panic!("expected a report, got {other:?}"),
        }
    }

    #[test]
    fn plan_sleeps_polls_reports_and_finishes_with_the_running_peering() {
        let mut wait = waiting("9", &[]);
        assert_eq!(wait.name(), "waitForVpcPeeringInstance");
        assert_eq!(wait.timeout_ms(), Some(3_600_000));
        assert_eq!(sleeps(&mut wait, Outcome::Start), 2000.0);
        polls(&mut wait);
        reports(&mut wait, instance("INIT", false, "CREAT"));
        assert_eq!(sleeps(&mut wait, Outcome::Reported), 3000.0);
        polls(&mut wait);
        reports(&mut wait, instance("RUN", false, "NULL"));
        let Step::Done(Finished::Item(done)) = wait.next(Outcome::Reported) else { panic!("done") };
        assert_eq!(done, instance("RUN", false, "NULL"));
    }

    #[test]
    fn plan_pauses_grow_by_half_up_to_the_cap() {
        let mut wait = waiting("9", &[("pollIntervalMs", OptionValue::Number(100.0)), ("maxPollIntervalMs", OptionValue::Number(200.0))]);
        let mut pauses = vec![sleeps(&mut wait, Outcome::Start)];
        for _ in 0..3 {
            polls(&mut wait);
            reports(&mut wait, instance("INIT", false, "CREAT"));
            pauses.push(sleeps(&mut wait, Outcome::Reported));
        }
        assert_eq!(pauses, [100.0, 150.0, 200.0, 200.0]);
    }

    #[test]
    fn plan_until_gone_finishes_with_nothing_once_the_detail_is_empty_without_a_report() {
        let mut wait = waiting("9", &[("until", OptionValue::String("GONE".into()))]);
        assert_eq!(wait.timeout_ms(), Some(300_000));
        sleeps(&mut wait, Outcome::Start);
        polls(&mut wait);
        reports(&mut wait, instance("TERMTING", false, "TERMT"));
        sleeps(&mut wait, Outcome::Reported);
        polls(&mut wait);
        assert!(matches!(wait.next(nothing_found()), Step::Done(Finished::Nothing)));
    }

    #[test]
    fn plan_fails_counting_its_polls_as_attempts() {
        let mut wait = waiting("9", &[]);
        sleeps(&mut wait, Outcome::Start);
        polls(&mut wait);
        reports(&mut wait, instance("INIT", false, "CREAT"));
        sleeps(&mut wait, Outcome::Reported);
        polls(&mut wait);
        let Step::Fail(error) = wait.next(nothing_found()) else { panic!("not found") };
        assert_eq!((error.code, error.attempts), (ErrorCode::NotFound, 2));
        assert_eq!(error.message, "peering 9 was not found (deleted or rejected) while waiting for RUN");

        let mut cross = waiting("9", &[]);
        sleeps(&mut cross, Outcome::Start);
        polls(&mut cross);
        reports(&mut cross, instance("INIT", true, "NULL"));
        let Step::Fail(error) = cross.next(Outcome::Reported) else { panic!("awaiting acceptance") };
        assert_eq!((error.code, error.attempts), (ErrorCode::AwaitingAcceptance, 1));
        assert_eq!(error.instance.as_deref(), Some(&instance("INIT", true, "NULL")));
    }

    #[test]
    fn plan_passes_a_failed_poll_on_unchanged() {
        let mut wait = waiting("9", &[]);
        sleeps(&mut wait, Outcome::Start);
        polls(&mut wait);
        let failure = Error { attempts: 4, status: Some(503), ..Error::new(ErrorCode::NcpApi, "busy") };
        let Step::Fail(error) = wait.next(Outcome::Failed(failure.clone())) else { panic!("failed") };
        assert_eq!(error, failure);
        // A deadline met in a pause arrives the same way.
        let stopped = Error::new(ErrorCode::Timeout, "waitForVpcPeeringInstance timed out after 5 ms (timeoutMs)");
        let Step::Fail(error) = waiting("9", &[]).next(Outcome::Failed(stopped.clone())) else { panic!("failed") };
        assert_eq!(error, stopped);
    }

    #[test]
    fn plan_judges_the_peering_of_its_own_number() {
        // The number comes from the plan (as the option gave it), not from the poll's parameters.
        let mut wait = waiting("0009", &[]);
        assert_eq!(wait.wait.instance_no, "0009");
        sleeps(&mut wait, Outcome::Start);
        polls(&mut wait);
        reports(&mut wait, instance("RUN", false, "NULL"));
        assert!(matches!(wait.next(Outcome::Reported), Step::Done(Finished::Item(_))));

        let mut numbered = waiting("12", &[]);
        assert_eq!(numbered.wait.instance_no, "12");
        sleeps(&mut numbered, Outcome::Start);
        polls(&mut numbered);
        reports(&mut numbered, instance("RUN", false, "NULL"));
        let Step::Fail(error) = numbered.next(Outcome::Reported) else { panic!("another peering") };
        assert_eq!(error.message, "the detail answer for peering 12 is about peering 9");
    }

    #[test]
    fn list_of_statuses() {
        let either = plan(&[("until", OptionValue::List(vec![OptionValue::String("INIT".into()), OptionValue::String("RUN".into())]))]);
        assert!(matches!(judge(&either, "9", Some(instance("INIT", true, "NULL"))), Verdict::Done(Some(_))));
    }
}
