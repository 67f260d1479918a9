//! Fuzzing `connectVpcs` / `disconnectVpcs` (`connect::Connection`) against a hostile service: every call it makes is
//! answered from a script of random bytes — VPCs, peerings, route tables and routes with numbers, statuses, blocks,
//! flags and names drawn from a vocabulary that mixes the plausible with the wrong (other VPCs, leading zeros,
//! overlapping and malformed blocks, empty fields), lists that claim more rows than they hold, and failures of every
//! code. Properties, for either goal, dry run or not, one account's keys or two:
//! - the plan never panics, and ends (done or failed) within a bounded number of steps;
//! - a dry run sends no change; no change is sent twice with the same parameters in one run;
//! - every call is signed with the keys of the account its step names, and the target's keys only when given;
//! - a failure's `steps` and a result's steps are JSON (serde_json reads them) holding no secret key.

#[path = "fuzz/support.rs"]
mod support;

use ncloud_vpc_wasm::action::Action;
use ncloud_vpc_wasm::call::Call;
use ncloud_vpc_wasm::connect::{steps_json, Connection, Goal};
use ncloud_vpc_wasm::error::{Error, ErrorCode};
use ncloud_vpc_wasm::model::{Answer, CodeName, Item, Items, JsonList, Value};
use ncloud_vpc_wasm::options::{validate_connection, OptionValue};
use ncloud_vpc_wasm::plan::{Account, Finished, Outcome, Plan, Step};
use ncloud_vpc_wasm::resource::{PEERING, ROUTE, ROUTE_TABLE, VPC};
use proptest::prelude::*;
use support::run;

const SOURCE_SECRET: &str = "source-secret-key-0000000000";
const TARGET_SECRET: &str = "target-secret-key-1111111111";

/// Reads the script a byte at a time (zeros once it is spent).
struct Script<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Script<'_> {
    fn byte(&mut self) -> u8 {
        let byte = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        byte
    }

    fn pick<'v>(&mut self, values: &[&'v str]) -> &'v str {
        values[usize::from(self.byte()) % values.len()]
    }
}

const NUMBERS: &[&str] = &["10002", "10003", "20004", "0010002", "", "100001", "100002", "30003", "x9", "18446744073709551616"];
// What a hostile or confused service may put where a number, status, block, type or text belongs.
const STATUSES: &[&str] = &["INIT", "RUN", "TERMTING", "", "CREATING", "run"];
const BLOCKS: &[&str] = &["10.0.0.0/16", "10.1.0.0/16", "10.0.128.0/17", "0.0.0.0/0", "", "10.1.0.0/33", "x/y", "10.3.0.0/16"];
const TYPES: &[&str] = &["VPCPEERING", "LOCAL", "NATGW", "", "vpcpeering"];
const TEXTS: &[&str] = &["", "app", "a\u{0}b", "bob@example.com", "<forward>", "\"quoted\"", "é한😀"];

fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

fn pair(value: &str) -> Value {
    Value::CodeName(CodeName { code: value.to_owned(), code_name: String::new() })
}

/// Mostly a plausible value (so that runs get far), else anything from the vocabulary.
fn likely<'v>(script: &mut Script<'_>, plausible: &[&'v str], any: &[&'v str]) -> &'v str {
    if script.byte() < 192 { script.pick(plausible) } else { script.pick(any) }
}

/// A random item of the resource the action answers with, mostly about what `call` asked.
fn item(call: &Call, script: &mut Script<'_>) -> Item {
    let param = |name: &str| call.params.iter().find(|(key, _)| key == name).map_or("", |(_, value)| value.as_str());
    let vpc_no = param("vpcNo");
    let resource = call.action.spec().resource;
    let vpc = if vpc_no.is_empty() { "10002" } else { vpc_no };
    let block = if vpc == "10002" { "10.0.0.0/16" } else { "10.3.0.0/16" };
    if std::ptr::eq(resource, &VPC) {
        Item::new(&VPC)
            .with("vpcNo", text(likely(script, &[vpc], NUMBERS)))
            .with("vpcName", text(script.pick(TEXTS)))
            .with("ipv4CidrBlock", text(likely(script, &[block], BLOCKS)))
    } else if std::ptr::eq(resource, &ROUTE_TABLE) {
        Item::new(&ROUTE_TABLE)
            .with("routeTableNo", text(likely(script, &["30003", "30004"], NUMBERS)))
            .with("vpcNo", text(likely(script, &[vpc], NUMBERS)))
    } else if std::ptr::eq(resource, &ROUTE) {
        Item::new(&ROUTE)
            .with("destinationCidrBlock", text(script.pick(BLOCKS)))
            .with("targetType", pair(likely(script, &["VPCPEERING"], TYPES)))
            .with("targetNo", text(likely(script, &["100001", "100002"], NUMBERS)))
            .with("targetName", text(script.pick(TEXTS)))
    } else {
        Item::new(&PEERING)
            .with("vpcPeeringInstanceNo", text(likely(script, &["100001", "100002"], NUMBERS)))
            .with("vpcPeeringName", text(script.pick(TEXTS)))
            .with("vpcPeeringInstanceStatus", pair(likely(script, &["INIT", "RUN"], STATUSES)))
            .with("sourceVpcNo", text(likely(script, &[param("sourceVpcNo"), "10002", "10003", "20004"], NUMBERS)))
            .with("targetVpcNo", text(likely(script, &[param("targetVpcNo"), "10002", "10003", "20004"], NUMBERS)))
            .with("sourceVpcLoginId", text(script.pick(TEXTS)))
            .with("targetVpcIpv4CidrBlock", text(script.pick(BLOCKS)))
            .with("isBetweenAccounts", Value::Flag(script.byte() % 2 == 0))
    }
}

/// The service's answer to `action`: a failure, or a list of 0–3 random items claiming 0–5 rows.
// The error is the crate's own, as the executor hands it over: its size is not this test's to change.
#[allow(clippy::result_large_err)]
fn answer(call: &Call, script: &mut Script<'_>) -> Result<Answer<JsonList>, Error> {
    let action = call.action;
    let roll = script.byte();
    if roll < 8 {
        let codes = [ErrorCode::NcpApi, ErrorCode::Network, ErrorCode::Timeout, ErrorCode::BadResponse, ErrorCode::Http];
        let code = codes[usize::from(roll) % codes.len()];
        let status = [200, 400, 401, 429, 500, 503][usize::from(script.byte()) % 6];
        return Err(Error { status: Some(status), attempts: 1, ..Error::new(code, format!("hostile {SOURCE_SECRET}")) });
    }
    let mut list = JsonList::for_action(action.spec(), true);
    let count = if script.byte() < 160 { 1 } else { script.byte() % 4 };
    for _ in 0..count {
        list.push(item(call, script));
    }
    let total_rows = if script.byte() < 192 { u32::from(count) } else { u32::from(script.byte() % 6) };
    Ok(Answer { request_id: "r".into(), return_code: "0".into(), return_message: String::new(), total_rows, items: list })
}

fn options(script: &mut Script<'_>) -> Vec<(String, OptionValue)> {
    let s = |v: &str| OptionValue::String(v.to_owned());
    let mut entries = vec![
        ("accessKey".to_owned(), s("AK-SOURCE")),
        ("secretKey".to_owned(), s(SOURCE_SECRET)),
        ("sourceVpcNo".to_owned(), s("10002")),
        ("targetVpcNo".to_owned(), s(if script.byte() % 2 == 0 { "10003" } else { "20004" })),
        ("pollIntervalMs".to_owned(), OptionValue::Number(1.0)),
    ];
    let flags = script.byte();
    if flags & 1 != 0 {
        entries.push(("targetVpcName".to_owned(), s("bob-data")));
        entries.push(("targetVpcLoginId".to_owned(), s("bob@example.com")));
        if flags & 2 != 0 {
            entries.push(("targetAccessKey".to_owned(), s("AK-TARGET")));
            entries.push(("targetSecretKey".to_owned(), s(TARGET_SECRET)));
        }
    }
    if flags & 4 != 0 {
        entries.push(("dryRun".to_owned(), OptionValue::Bool(true)));
    }
    if flags & 8 != 0 {
        entries.push(("vpcPeeringName".to_owned(), s("data")));
    }
    if flags & 48 == 48 {
        entries.push(("sourceRouteTableNoList".to_owned(), OptionValue::List(vec![s("30003")])));
    }
    entries
}

/// One run against the script; returns the number of steps taken.
fn check(bytes: &[u8]) -> u64 {
    let mut script = Script { bytes, at: 0 };
    let entries = options(&mut script);
    let dry_run = entries.iter().any(|(key, _)| key == "dryRun");
    let target_keys = entries.iter().any(|(key, _)| key == "targetAccessKey");
    let goal = if script.byte() % 2 == 0 { Goal::Connect } else { Goal::Disconnect };
    let mut plan = Connection::new(validate_connection(&entries).expect("valid options"), goal, 1_700_000_000_000);
    let mut outcome = Outcome::Start;
    let mut sent_changes: Vec<(Action, Vec<(String, String)>)> = Vec::new();
    for steps in 1..=20_000u64 {
        outcome = match plan.next(outcome) {
            Step::Call { call, account } => {
                let key = call.credentials.access_key();
                match account {
                    Account::Source => assert_eq!(key, "AK-SOURCE", "{:?} for the source", call.action),
                    Account::Target if target_keys => assert_eq!(key, "AK-TARGET", "{:?} for the target", call.action),
                    Account::Target => assert_eq!(key, "AK-SOURCE", "{:?}: the target's keys were not given", call.action),
                }
                if !call.action.is_read_only() {
                    assert!(!dry_run, "a dry run sent {:?}", call.action);
                    let change = (call.action, call.params.clone());
                    assert!(!sent_changes.contains(&change), "{:?} sent twice with {:?}", call.action, call.params);
                    sent_changes.push(change);
                }
                match answer(call, &mut script) {
                    Ok(answer) => Outcome::Answered(answer),
                    Err(error) => Outcome::Failed(error),
                }
            }
            Step::Sleep(ms) => {
                assert!(ms.is_finite() && ms >= 0.0);
                // The budget stops a wait that would go on forever: the script decides when.
                if script.byte() < 8 { Outcome::Failed(Error::new(ErrorCode::Timeout, "timed out")) } else { Outcome::Slept }
            }
            Step::Report(_) => Outcome::Reported,
            Step::Done(Finished::Connection(result)) => {
                let json = steps_json(&result.steps, true);
                serde_json::from_str::<serde_json::Value>(&json).expect("the steps are JSON");
                assert!(!json.contains(SOURCE_SECRET) && !json.contains(TARGET_SECRET));
                return steps;
            }
            Step::Done(other) => panic!("a connection finished with {other:?}"),
            Step::Fail(error) => {
                let steps_text = error.steps.as_deref().expect("a failed connection carries its steps");
                serde_json::from_str::<serde_json::Value>(steps_text).expect("the steps are JSON");
                assert!(!steps_text.contains(TARGET_SECRET) && !steps_text.contains("x-ncp-apigw-signature-v2"));
                return steps;
            }
        };
    }
    panic!("the plan did not end within 20,000 steps")
}

#[test]
fn connection_against_a_hostile_service() {
    run(file!(), "connection_against_a_hostile_service", prop::collection::vec(any::<u8>(), 0..512), |bytes| check(&bytes));
}
