//! What one poll of `waitForVpcPeeringInstance` means: done, keep polling, or fail. Pure, so every branch is
//! tested natively; the JS glue only sleeps and polls.

use crate::error::{echo, Error, ErrorCode};
use crate::model::{Item, PeeringView};
use crate::call::{Until, WaitPlan};

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

    #[test]
    fn list_of_statuses() {
        let either = plan(&[("until", OptionValue::List(vec![OptionValue::String("INIT".into()), OptionValue::String("RUN".into())]))]);
        assert!(matches!(judge(&either, "9", Some(instance("INIT", true, "NULL"))), Verdict::Done(Some(_))));
    }
}
