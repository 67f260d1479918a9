//! Fuzzing the option validator (`options::validate_call` for every action, `validate_wait`,
//! `validate_client_config`) on arbitrary JS-like values: the real keys, their near misses and any key at all, with
//! values of every `OptionValue` variant (NaN, ±infinity, -0, huge and fractional numbers, strings with control
//! characters, huge strings, nested lists, functions, objects, bigint/symbol). About half the cases start from valid
//! options, so that the accepted path (and the request built from it) is fuzzed too.
//!
//! Properties: no panic; every error is `ERR_INVALID_OPTION` naming a field; the secret key is in no message and in
//! no `Debug` output of what is accepted; an accepted call builds a request whose query is strictly encoded and
//! whose signature is 44 characters of base64; validation is deterministic.

#[path = "fuzz/support.rs"]
mod support;

use ncloud_vpc_wasm::action::Action;
use ncloud_vpc_wasm::error::{Error, ErrorCode};
use ncloud_vpc_wasm::options::{validate_call, validate_client_config, validate_wait, OptionValue, CLIENT_KEYS};
use ncloud_vpc_wasm::call::Call;
use ncloud_vpc_wasm::request::build;
use proptest::prelude::*;
use proptest::sample::select;
use support::{any_string, run, string_of, PLAIN};

/// A secret key no generator below produces by chance, so finding it in a message means it leaked.
const SECRET: &str = "zQ7SECRETmarker0000000000000000000000000";

/// Every option name the package knows (connection, wait, and each action's parameters).
const KEYS: &[&str] = &[
    "accessKey", "secretKey", "responseFormatType", "site", "endpoint", "method", "timeoutMs", "signal", "fetch",
    "timestamp", "retries", "retryMutations", "until", "awaitAcceptance", "onPoll", "pollIntervalMs",
    "maxPollIntervalMs", "regionCode", "sourceVpcNo", "targetVpcNo", "vpcPeeringName", "targetVpcName",
    "targetVpcLoginId", "vpcPeeringDescription", "vpcPeeringInstanceNoList", "sourceVpcName",
    "vpcPeeringInstanceStatusCode", "pageNo", "pageSize", "sortedBy", "sortingOrder", "vpcPeeringInstanceNo",
    "isAccept",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(KEYS).prop_map(str::to_owned),
        // Near misses: another case, a prefix, a suffix.
        2 => (select(KEYS), any::<u8>()).prop_map(|(k, how)| match how % 4 {
            0 => k.to_uppercase(),
            1 => k.to_lowercase(),
            2 => k[..k.len() / 2].to_owned(),
            _ => format!("{k}s"),
        }),
        1 => select(&["", "__proto__", "constructor", "toString", "0", "vpcPeeringInstanceNoList.1", "secretkey"][..]).prop_map(str::to_owned),
        1 => string_of(PLAIN, 0..12),
        1 => any_string(0..12),
        // A huge key: "unknown option" messages must stay readable.
        1 => (select(&["k", "é", "\u{0}", "키"][..]), 1000usize..20_000).prop_map(|(unit, n)| unit.repeat(n)),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => select(&[
            f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 1e-300, f64::MIN_POSITIVE,
            5e-324, f64::MAX, f64::MIN, f64::EPSILON, 9_007_199_254_740_991.0, 9_007_199_254_740_992.0,
            9_007_199_254_740_993.0, 2_147_483_647.0, 2_147_483_648.0, 4_294_967_295.0, 4_294_967_296.0,
            18_446_744_073_709_551_615.0, 1e21, 1e300, 10.0, 11.0, 1234.0, 5678.0, 1_700_000_000_000.0, 30_000.0,
        ][..]),
        2 => (0u32..100_000).prop_map(f64::from),
        2 => any::<f64>(),
        1 => any::<u64>().prop_map(|n| n as f64),
        1 => any::<i64>().prop_map(|n| n as f64),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(&[
            "", " ", "0", "1", "10001", "10002", "00", "01", "99999999999999999999", "999999999999999999999", "-1", "1.5",
            "1e3", "KR", "kr", "FKR", "ABCDEFGHIJK", "xml", "json", "XML", "GET", "POST", "get", "public", "gov", "fin",
            "true", "false", "TRUE", "RUN", "GONE", "INIT", "TERMTING", "CREATING", "ASC", "DESC", "vpcPeeringName",
            "peer-one", "a", "ab", "abc", "a-", "-ab", "Abc", "abc_def", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p", "x@y.z",
            "x@y", "@y.z", "x@.z", "x@y.", "a@b@c.d", "x y@z.w", "https://example.com", "http://127.0.0.1:8787",
            "http://127.0.0.1:8787/", "https://h/p/q", "https://h/./p", "https://h/../p", "https://h//p", "https://h/p?q",
            "https://h#f", "ftp://h", "HTTPS://H", "https://", "http://[::1]:1", "https://h/p%20q", "https://h/é",
            "https://user@h", "https://h:99999", "javascript:alert(1)", "피어링 설명", "\u{0}", "a\u{1}b", "\u{7f}",
            "\u{85}", "\u{2028}", "\u{feff}", "\u{fffd}", "\u{10ffff}", "tab\there", "line\nbreak", "\r\n",
        ][..]).prop_map(str::to_owned),
        // The secret key pasted into another option, alone or inside other text.
        1 => (string_of(PLAIN, 0..4), string_of(PLAIN, 0..4)).prop_map(|(a, b)| format!("{a}{SECRET}{b}")),
        3 => string_of(PLAIN, 0..24),
        2 => any_string(0..24),
    ]
}

/// Huge strings: descriptions far over 1000 bytes, numbers of thousands of digits, names of megabytes.
fn huge_text() -> impl Strategy<Value = String> {
    (select(&["a", "가", "\u{0}", "😀", "1", " ", "%"][..]), 1000usize..200_000).prop_map(|(unit, n)| unit.repeat(n))
}

fn value() -> impl Strategy<Value = OptionValue> {
    let leaf = prop_oneof![
        1 => Just(OptionValue::Undefined),
        1 => Just(OptionValue::Null),
        1 => any::<bool>().prop_map(OptionValue::Bool),
        4 => number().prop_map(OptionValue::Number),
        8 => text().prop_map(OptionValue::String),
        1 => huge_text().prop_map(OptionValue::String),
        1 => Just(OptionValue::Function),
        1 => Just(OptionValue::Object(Vec::new())),
        1 => select(&["bigint", "symbol", "", "undefined", "function", "object"][..]).prop_map(|t| OptionValue::Other(t.to_owned())),
    ];
    // Nested lists: the JS glue stops at one level, but the validator must not care.
    leaf.prop_recursive(3, 48, 8, |inner| prop::collection::vec(inner, 0..8).prop_map(OptionValue::List))
}

/// Options that validate for `action`, before the fuzzer's own entries are laid over them.
fn valid_base(action: Action) -> Vec<(String, OptionValue)> {
    let s = |v: &str| OptionValue::String(v.to_owned());
    let mut entries = vec![("accessKey".to_owned(), s("AKIDEXAMPLE0000000")), ("secretKey".to_owned(), s(SECRET))];
    let extra: &[(&str, OptionValue)] = match action {
        Action::Create => &[("sourceVpcNo", OptionValue::Number(10001.0)), ("targetVpcNo", OptionValue::Number(10002.0))],
        Action::List => &[],
        Action::AcceptOrReject => &[("vpcPeeringInstanceNo", OptionValue::Number(1.0)), ("isAccept", OptionValue::Bool(true))],
        _ => &[("vpcPeeringInstanceNo", OptionValue::Number(1.0))],
    };
    entries.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    entries
}

/// The options of one case: for the given action, optionally valid to start with, then the generated entries
/// (a generated key already present replaces its value, as a later key in a JS object literal would).
fn entries_for(action: Action, from_valid: bool, generated: &[(String, OptionValue)]) -> Vec<(String, OptionValue)> {
    let mut entries = if from_valid { valid_base(action) } else { Vec::new() };
    for (key, value) in generated {
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value.clone(),
            None => entries.push((key.clone(), value.clone())),
        }
    }
    entries
}

/// Whether any value (other than `secretKey`'s) contains the secret, in which case echoing it is no leak.
fn secret_elsewhere(entries: &[(String, OptionValue)]) -> bool {
    fn holds(value: &OptionValue) -> bool {
        match value {
            OptionValue::String(s) | OptionValue::Other(s) => s.contains(SECRET),
            OptionValue::List(items) => items.iter().any(holds),
            _ => false,
        }
    }
    entries.iter().any(|(k, v)| k.contains(SECRET) || (k != "secretKey" && holds(v)))
}

fn check_errors(errors: &[Error], entries: &[(String, OptionValue)]) {
    assert!(!errors.is_empty(), "refused without a reason");
    // Even when the secret was also put in another option (pasted into the wrong field), no message quotes it:
    // options::scrub_secret. Only a key named after it could carry it, and keys are generated without it.
    let secret_is_the_key = matches!(entries.iter().find(|(k, _)| k == "secretKey"), Some((_, OptionValue::String(s))) if s == SECRET);
    for error in errors {
        assert_eq!(error.code, ErrorCode::InvalidOption);
        assert!(error.field.is_some(), "no field: {}", error.message);
        assert!(!error.message.is_empty());
        assert_eq!(error.attempts, 0);
        if secret_is_the_key {
            assert!(!error.message.contains(SECRET), "secret in {:?}", error.message);
        }
        // Values and unknown keys are quoted cut to 40 characters (a control character escaped as 8), so a message
        // stays short whatever the input's size.
        assert!(error.message.chars().count() < 800, "message of {} chars", error.message.chars().count());
    }
}

fn is_strict(encoded: &str) -> bool {
    let bytes = encoded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |b: u8| b.is_ascii_digit() || (b'A'..=b'F').contains(&b);
                if i + 2 >= bytes.len() || !hex(bytes[i + 1]) || !hex(bytes[i + 2]) {
                    return false;
                }
                i += 3;
            }
            b if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'=' | b'&') => i += 1,
            _ => return false,
        }
    }
    true
}

fn check_call(call: &Call, entries: &[(String, OptionValue)], timestamp: u64) {
    let check_secret = !secret_elsewhere(entries);
    if check_secret {
        assert!(!format!("{call:?}").contains(SECRET), "secret in Debug of the call");
    }
    let request = build(call, timestamp);
    assert!(request.url.ends_with(&request.request_target));
    let (_, query) = request.request_target.split_once('?').expect("a query");
    assert!(is_strict(query), "query not strictly encoded: {query}");
    if let Some(body) = &request.body {
        assert!(is_strict(body), "body not strictly encoded: {body}");
    }
    let signature = &request.headers[2].1;
    assert_eq!(signature.len(), 44);
    if check_secret {
        assert!(!format!("{request:?}").contains(SECRET), "secret in Debug of the request");
        assert!(!format!("{request:?}").contains(signature.as_str()), "signature in Debug of the request");
    }
}

fn generated() -> impl Strategy<Value = Vec<(String, OptionValue)>> {
    prop::collection::vec((key(), value()), 0..8)
}

#[test]
fn fuzz_options_validate_call() {
    let input = (select(&Action::ALL[..]), any::<bool>(), generated(), any::<u64>());
    run(file!(), "options_validate_call", input, |(action, from_valid, generated, timestamp)| {
        let entries = entries_for(action, from_valid, &generated);
        let first = validate_call(action, &entries);
        match &first {
            Ok(call) => check_call(call, &entries, timestamp),
            Err(errors) => check_errors(errors, &entries),
        }
        assert_eq!(first, validate_call(action, &entries), "deterministic");
        1
    });
}

#[test]
fn fuzz_options_validate_wait() {
    let input = (any::<bool>(), generated());
    run(file!(), "options_validate_wait", input, |(from_valid, generated)| {
        let entries = entries_for(Action::Detail, from_valid, &generated);
        match validate_wait(&entries) {
            Ok(plan) => {
                assert!(plan.max_poll_interval_ms >= plan.poll_interval_ms);
                assert_eq!(plan.poll.action, Action::Detail);
                if !secret_elsewhere(&entries) {
                    assert!(!format!("{plan:?}").contains(SECRET));
                }
                check_call(&plan.poll, &entries, 1_700_000_000_000);
            }
            Err(errors) => check_errors(&errors, &entries),
        }
        1
    });
}

#[test]
fn fuzz_options_validate_client_config() {
    let client_key = prop_oneof![3 => select(CLIENT_KEYS).prop_map(str::to_owned), 1 => key()];
    let input = (any::<bool>(), prop::collection::vec((client_key, value()), 0..8));
    run(file!(), "options_validate_client_config", input, |(from_valid, generated)| {
        let mut entries = if from_valid { valid_base(Action::List) } else { Vec::new() };
        entries.extend(generated);
        let errors = validate_client_config(&entries);
        if !errors.is_empty() {
            check_errors(&errors, &entries);
        }
        1
    });
}

// --- regressions and edges worth naming -------------------------------------------------------------------------

#[test]
fn regression_numbers_at_the_edges_never_panic_and_are_refused_or_exact() {
    for action in Action::ALL {
        for n in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, f64::MAX, 9_007_199_254_740_992.0, 1e300, 5e-324, -1.0, 0.5] {
            for key in ["sourceVpcNo", "vpcPeeringInstanceNo", "timeoutMs", "retries", "timestamp", "pageNo", "pageSize"] {
                let entries = entries_for(action, true, &[(key.to_owned(), OptionValue::Number(n))]);
                if let Ok(call) = validate_call(action, &entries) {
                    // Accepted numbers are whole and safe; they reach the wire as exact digits, never 1e21 or 1.5.
                    for (name, text) in &call.params {
                        if name == key {
                            assert!(!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()), "{key} = {n} sent as {text:?}");
                        }
                    }
                    check_call(&call, &entries, 0);
                }
            }
        }
    }
}

#[test]
fn regression_huge_unknown_key_gives_a_short_message() {
    let key = "k".repeat(1_000_000);
    let entries = entries_for(Action::Create, true, &[(key.clone(), OptionValue::Null)]);
    let errors = validate_call(Action::Create, &entries).unwrap_err();
    check_errors(&errors, &entries);
}

#[test]
fn regression_deeply_nested_lists_are_refused_without_recursion_trouble() {
    let mut value = OptionValue::String("1".to_owned());
    for _ in 0..1_000 {
        value = OptionValue::List(vec![value]);
    }
    for key in ["vpcPeeringInstanceNoList", "until", "sourceVpcNo"] {
        let entries = entries_for(Action::List, true, &[(key.to_owned(), value.clone())]);
        let _ = validate_call(Action::List, &entries);
        let _ = validate_wait(&entries);
        let _ = validate_client_config(&entries);
    }
    // The JS glue reads one level of nesting only; 10^3 levels here show the validator does not recurse into lists.
}
