use super::*;
use super::address::{is_ipv4, is_ipv6};
use crate::call::{Format, Method};

fn s(v: &str) -> OptionValue {
    OptionValue::String(v.to_owned())
}

fn base() -> Vec<(String, OptionValue)> {
    vec![
        ("accessKey".into(), s("AKIDEXAMPLE0000000")),
        ("secretKey".into(), s("SECRETEXAMPLE000000000000000000000000000")),
        ("sourceVpcNo".into(), s("1234")),
        ("targetVpcNo".into(), s("5678")),
    ]
}

fn with(mut entries: Vec<(String, OptionValue)>, key: &str, value: OptionValue) -> Vec<(String, OptionValue)> {
    entries.retain(|(k, _)| k != key);
    entries.push((key.to_owned(), value));
    entries
}

fn fields(result: Result<Call, Vec<Error>>) -> Vec<String> {
    result.err().unwrap_or_default().into_iter().filter_map(|e| e.field).collect()
}

fn first_message(result: Result<Call, Vec<Error>>) -> String {
    result.err().and_then(|e| e.into_iter().next()).map(|e| e.message).unwrap_or_default()
}

#[test]
fn minimal_create_is_valid_with_documented_defaults() {
    let call = validate_call(Action::Create, &base()).unwrap();
    assert_eq!(call.format, Format::Json, "JSON, as every official NCP client asks");
    assert_eq!(call.method, Method::Get);
    assert_eq!(call.origin, "https://ncloud.apigw.ntruss.com");
    assert_eq!(call.timeout_ms, Some(30_000));
    assert_eq!(call.retries, 0, "create is mutating: no retries unless retryMutations");
    assert_eq!(call.params, vec![("sourceVpcNo".into(), "1234".into()), ("targetVpcNo".into(), "5678".into())]);
}

#[test]
fn required_fields_are_named() {
    let entries: Vec<_> = base().into_iter().filter(|(k, _)| k != "sourceVpcNo").collect();
    assert_eq!(first_message(validate_call(Action::Create, &entries)), "sourceVpcNo is required");
    let empty = with(base(), "targetVpcNo", s(""));
    assert_eq!(fields(validate_call(Action::Create, &empty)), ["targetVpcNo"]);
    assert_eq!(fields(validate_call(Action::Create, &[])), ["accessKey", "secretKey", "sourceVpcNo", "targetVpcNo"]);
}

#[test]
fn unknown_key_is_refused_with_a_suggestion() {
    let entries = with(base(), "sourceVpcNO", s("1"));
    let message = first_message(validate_call(Action::Create, &entries));
    assert_eq!(message, "unknown option \"sourceVpcNO\": did you mean \"sourceVpcNo\"?");
    let entries = with(base(), "colour", s("1"));
    assert_eq!(fields(validate_call(Action::Create, &entries)), ["colour"]);
}

#[test]
fn options_of_another_action_are_unknown() {
    let entries = with(base(), "isAccept", OptionValue::Bool(true));
    assert_eq!(fields(validate_call(Action::Create, &entries)), ["isAccept"]);
}

#[test]
fn vpc_numbers_accept_digits_and_integers_only() {
    let ok = with(base(), "sourceVpcNo", OptionValue::Number(42.0));
    assert_eq!(validate_call(Action::Create, &ok).unwrap().params[0].1, "42");
    for bad in [s("12a"), s("-1"), s(" 1"), OptionValue::Number(1.5), OptionValue::Number(-3.0),
        OptionValue::Number(f64::NAN), OptionValue::Number(f64::INFINITY), OptionValue::Bool(true),
        OptionValue::Object(Vec::new()), s(&"9".repeat(21))]
    {
        assert_eq!(fields(validate_call(Action::Create, &with(base(), "sourceVpcNo", bad))), ["sourceVpcNo"]);
    }
}

#[test]
fn source_and_target_must_differ() {
    let entries = with(base(), "targetVpcNo", OptionValue::Number(1234.0));
    assert_eq!(first_message(validate_call(Action::Create, &entries)), "targetVpcNo must differ from sourceVpcNo: both are 1234");
}

#[test]
fn peering_name_rules() {
    for good in ["abc", "a-1", "test-peer", &format!("a{}", "b".repeat(29))] {
        assert!(validate_call(Action::Create, &with(base(), "vpcPeeringName", s(good))).is_ok(), "{good}");
    }
    let cases = [
        ("ab", "vpcPeeringName must be 3–30 characters, not 2: got \"ab\""),
        (&format!("a{}", "b".repeat(30)), &format!("vpcPeeringName must be 3–30 characters, not 31: got \"a{}\"", "b".repeat(30))),
        ("Abc", "vpcPeeringName may hold only lowercase letters, digits and '-': got \"Abc\""),
        ("1bc", "vpcPeeringName must start with a lowercase letter: got \"1bc\""),
        ("-bc", "vpcPeeringName must start with a lowercase letter: got \"-bc\""),
        ("ab-", "vpcPeeringName must end with a letter or digit: got \"ab-\""),
        ("a_b", "vpcPeeringName may hold only lowercase letters, digits and '-': got \"a_b\""),
        ("한글이름", "vpcPeeringName may hold only lowercase letters, digits and '-': got \"한글이름\""),
    ];
    for (name, message) in cases {
        assert_eq!(first_message(validate_call(Action::Create, &with(base(), "vpcPeeringName", s(name)))), message);
    }
}

#[test]
fn description_is_limited_in_bytes_not_characters() {
    let ok = "가".repeat(333); // 999 bytes
    assert!(validate_call(Action::Create, &with(base(), "vpcPeeringDescription", s(&ok))).is_ok());
    let too_long = "가".repeat(334); // 1002 bytes, 334 characters
    let message = first_message(validate_call(Action::Create, &with(base(), "vpcPeeringDescription", s(&too_long))));
    assert!(message.starts_with("vpcPeeringDescription must be at most 1000 bytes of UTF-8, not 1002"), "{message}");
    assert!(validate_call(Action::Create, &with(base(), "vpcPeeringDescription", s(&"a".repeat(1000)))).is_ok());
}

#[test]
fn cross_account_fields_come_together() {
    let name_only = with(base(), "targetVpcName", s("bob-vpc"));
    assert_eq!(fields(validate_call(Action::Create, &name_only)), ["targetVpcLoginId"]);
    let login_only = with(base(), "targetVpcLoginId", s("bob@example.com"));
    assert_eq!(fields(validate_call(Action::Create, &login_only)), ["targetVpcName"]);
    let both = with(name_only, "targetVpcLoginId", s("bob@example.com"));
    assert!(validate_call(Action::Create, &both).is_ok());
    for bad in ["bob", "bob@", "@example.com", "bob@example", "bob@.com", "bob@example.", "b ob@example.com", "a@b@c.d"] {
        let entries = with(with(base(), "targetVpcName", s("v")), "targetVpcLoginId", s(bad));
        assert_eq!(fields(validate_call(Action::Create, &entries)), ["targetVpcLoginId"], "{bad}");
    }
}

#[test]
fn sets_are_enforced() {
    for (key, bad) in [("site", "private"), ("method", "get"), ("responseFormatType", "JSON")] {
        assert_eq!(fields(validate_call(Action::Create, &with(base(), key, s(bad)))), [key]);
    }
    let gov = validate_call(Action::Create, &with(base(), "site", s("gov"))).unwrap();
    assert_eq!(gov.origin, "https://ncloud.apigw.gov-ntruss.com");
    let fin = validate_call(Action::Create, &with(base(), "site", s("fin"))).unwrap();
    assert_eq!(fin.origin, "https://fin-ncloud.apigw.fin-ntruss.com");
}

#[test]
fn endpoint_rules() {
    let origin = |e: &str| validate_call(Action::Create, &with(base(), "endpoint", s(e))).map(|c| c.origin);
    assert_eq!(origin("http://127.0.0.1:8787").unwrap(), "http://127.0.0.1:8787");
    assert_eq!(origin("HTTPS://Example.COM/prefix/").unwrap(), "https://example.com/prefix");
    assert_eq!(origin("https://[::1]:9/a/b").unwrap(), "https://[::1]:9/a/b");
    for bad in ["ftp://x", "example.com", "https://", "https://x?a=1", "https://x#f", "https://x/a/../b",
        "https://x/a b", "https://us er@x", "https://x/%2e", "https://x//a"]
    {
        assert!(origin(bad).is_err(), "{bad}");
    }
    for good in ["https://example.com:443", "http://a.b.c.:8080/p", "https://[2001:db8::1]", "https://[::ffff:1.2.3.4]:65535",
        "http://10.0.0.1:1", "https://host_name", "https://xn--bj0bj06e.kr", "http://[::]", "http://[1::]", "http://[1:2:3:4:5:6:7::]",
        "http://[1:2:3:4:5:6:7:8]", "http://[FE80::abcd]", "http://[1:2:3:4:5:6:1.2.3.4]", "http://0.0.0.0", "http://255.255.255.255"]
    {
        assert!(origin(good).is_ok(), "{good}: {:?}", origin(good));
    }
}

#[test]
fn addresses_are_read_as_std_reads_them() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let chars = prop::collection::vec(prop::sample::select(&['0', '1', '9', 'a', 'F', ':', ':', '.', '2', '5'][..]), 0..24)
        .prop_map(|chars| chars.into_iter().collect::<String>());
    // Near-addresses: groups of 0–5 hex digits or a quad, joined by ':', one '::' somewhere (or two, or none).
    let group = prop_oneof![
        4 => prop::collection::vec(prop::sample::select(&['0', '7', 'f', 'A'][..]), 0..6).prop_map(|c| c.into_iter().collect::<String>()),
        1 => (0u16..300, 0u16..300, 0u16..300, 0u16..300).prop_map(|(a, b, c, d)| format!("{a}.{b}.{c}.{d}")),
    ];
    let shaped = (prop::collection::vec(group, 0..10), prop::collection::vec(any::<u8>(), 0..3)).prop_map(|(groups, cuts)| {
        let mut text = groups.join(":");
        for cut in cuts {
            let at = usize::from(cut) % (text.len() + 1);
            if text.is_char_boundary(at) {
                text.insert_str(at, "::");
            }
        }
        text
    });
    TestRunner::new(Config { cases: 50_000, failure_persistence: None, ..Config::default() })
        .run(&prop_oneof![chars, shaped], |text| {
            prop_assert_eq!(is_ipv6(&text), text.parse::<core::net::Ipv6Addr>().is_ok(), "{}", text);
            prop_assert_eq!(is_ipv4(&text), text.parse::<core::net::Ipv4Addr>().is_ok(), "{}", text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn regression_endpoints_that_can_never_work_are_refused() {
    // Issue 11 #9: each failed only later, as ERR_NETWORK (and read calls retried them).
    let problem = |e: &str| {
        let errors = validate_call(Action::Create, &with(base(), "endpoint", s(e))).unwrap_err();
        assert_eq!(errors[0].field.as_deref(), Some("endpoint"), "{e}");
        errors[0].message.clone()
    };
    let cases = [
        ("https://[::1", "must close its IPv6 address with ']'"),
        ("https://[::1]x", "must have only a port after its IPv6 address"),
        ("https://[1:2:3]", "must have a well-formed IPv6 address in brackets"),
        ("https://[::1%25eth0]", "must have a well-formed IPv6 address in brackets"),
        ("https://[1:2:3:4:5:6:7:8:9]", "must have a well-formed IPv6 address in brackets"),
        ("https://[1::2::3]", "must have a well-formed IPv6 address in brackets"),
        ("https://[:1::]", "must have a well-formed IPv6 address in brackets"),
        ("https://[12345::]", "must have a well-formed IPv6 address in brackets"),
        ("https://[::1.2.3.4:5]", "must have a well-formed IPv6 address in brackets"),
        ("https://[1.2.3.4::]", "must have a well-formed IPv6 address in brackets"),
        ("https://:80", "must have a host"),
        ("https://example.com:99999", "must have a port from 1 to 65535"),
        ("https://example.com:0", "must have a port from 1 to 65535"),
        ("https://example.com:", "must have a port from 1 to 65535"),
        ("https://example.com:080", "must have a port from 1 to 65535"),
        ("https://example.com:1:2", "must have a port from 1 to 65535"),
        ("https://example.com:+1", "must have a port from 1 to 65535"),
        ("https://user:pass@example.com", "must not hold a user name or password"),
        ("https://@example.com", "must not hold a user name or password"),
        ("https://exa mple.com", "must have a host of ASCII letters"),
        ("https://예시.kr", "must have a host of ASCII letters"),
        ("https://a..b", "must not have an empty label"),
        ("https://.a", "must not have an empty label"),
        ("https://1.2.3.999", "must have a well-formed IPv4 address"),
        ("https://01.2.3.4", "must have a well-formed IPv4 address"),
        ("https://1.2.3.4.5", "must have a well-formed IPv4 address"),
        ("https://127.1", "must have a well-formed IPv4 address"),
        ("https://0x7f.0.0.1", "must have a well-formed IPv4 address"),
        ("https://a.0x10", "must have a well-formed IPv4 address"),
    ];
    for (endpoint, message) in cases {
        let got = problem(endpoint);
        assert!(got.starts_with(&format!("endpoint {message}")), "{endpoint}: {got}");
    }
    // endpoint overrides site
    let both = with(with(base(), "site", s("gov")), "endpoint", s("http://localhost:1"));
    assert_eq!(validate_call(Action::Create, &both).unwrap().origin, "http://localhost:1");
}

#[test]
fn numbers_of_time_and_retries() {
    let none = validate_call(Action::Create, &with(base(), "timeoutMs", OptionValue::Number(0.0))).unwrap();
    assert_eq!(none.timeout_ms, None);
    for bad in [OptionValue::Number(-1.0), OptionValue::Number(1.5), s("100"), OptionValue::Number(3e9)] {
        assert_eq!(fields(validate_call(Action::Create, &with(base(), "timeoutMs", bad))), ["timeoutMs"]);
    }
    let stamped = validate_call(Action::Create, &with(base(), "timestamp", OptionValue::Number(1.7e12))).unwrap();
    assert_eq!(stamped.timestamp, Some(1_700_000_000_000));
    assert_eq!(fields(validate_call(Action::Create, &with(base(), "retries", OptionValue::Number(11.0)))), ["retries"]);
    let opted = with(with(base(), "retries", OptionValue::Number(2.0)), "retryMutations", OptionValue::Bool(true));
    assert_eq!(validate_call(Action::Create, &opted).unwrap().retries, 2);
}

#[test]
fn max_response_bytes_rule() {
    let limit = |v: OptionValue| validate_call(Action::Create, &with(base(), "maxResponseBytes", v)).map(|c| c.max_response_bytes);
    assert_eq!(validate_call(Action::Create, &base()).unwrap().max_response_bytes, 4_194_304);
    assert_eq!(limit(OptionValue::Null).unwrap(), DEFAULT_MAX_RESPONSE_BYTES);
    assert_eq!(limit(OptionValue::Number(1024.0)).unwrap(), 1024);
    assert_eq!(limit(OptionValue::Number(33_554_432.0)).unwrap(), 33_554_432);
    for bad in [1023.0, 33_554_433.0, 0.0, -1.0, 4096.5, f64::NAN, f64::INFINITY] {
        let errors = limit(OptionValue::Number(bad)).unwrap_err();
        assert_eq!(errors[0].field.as_deref(), Some("maxResponseBytes"));
        assert!(errors[0].message.starts_with("maxResponseBytes must be an integer from 1024 to 33554432 (bytes): got "), "{}", errors[0].message);
    }
    assert_eq!(fields(validate_call(Action::Create, &with(base(), "maxResponseBytes", s("4096")))), ["maxResponseBytes"]);
    assert!(validate_client_config(&with(keys(), "maxResponseBytes", OptionValue::Number(2048.0))).is_empty());
    let wait = with(with(keys(), "vpcPeeringInstanceNo", s("1")), "maxResponseBytes", OptionValue::Number(2048.0));
    assert_eq!(validate_wait(&wait).unwrap().poll.max_response_bytes, 2048);
}

#[test]
fn keys_are_checked_without_echoing_them() {
    for (key, bad) in [("accessKey", "AK ID"), ("secretKey", "SEC\tRET"), ("secretKey", "SEC\u{0}RET")] {
        let errors = validate_call(Action::Create, &with(base(), key, s(bad))).unwrap_err();
        assert_eq!(errors[0].field.as_deref(), Some(key));
        assert!(!errors[0].message.contains(bad), "{}", errors[0].message);
    }
    let errors = validate_call(Action::Create, &with(base(), "secretKey", OptionValue::Number(5.0))).unwrap_err();
    assert_eq!(errors[0].message, "secretKey must be a string: got 5");
}

#[test]
fn regression_keys_beyond_ascii_are_refused() {
    // Issue 11 #9: a non-ASCII access key was sent as Latin-1 but signed as UTF-8 (always 401).
    for (key, bad) in [("accessKey", "AKID\u{e9}XAMPLE"), ("accessKey", "키AKIDEXAMPLE"), ("secretKey", "SECRET\u{2603}EXAMPLE")] {
        let errors = validate_call(Action::Create, &with(base(), key, s(bad))).unwrap_err();
        assert_eq!(errors[0].field.as_deref(), Some(key));
        assert!(errors[0].message.starts_with(&format!("{key} must hold only ASCII characters")), "{}", errors[0].message);
        assert!(!errors[0].message.contains(bad));
    }
    let access = validate_call(Action::Create, &with(base(), "accessKey", s("AKID\u{e9}"))).unwrap_err();
    assert!(access[0].message.ends_with("it is sent in an HTTP header, whose values are Latin-1"), "{}", access[0].message);
}

#[test]
fn regression_a_secret_pasted_into_another_option_is_not_echoed() {
    // A refused value is quoted up to 40 characters, the length of an NCP secret key: found by
    // tests/hardening/secrets.test.mjs. Longer secrets are scrubbed by their quoted head.
    let secret = "SECRETEXAMPLE000000000000000000000000000";
    let long = format!("{secret}0123456789");
    for secret in [secret, long.as_str()] {
        let entries = with(with(base(), "secretKey", s(secret)), "sourceVpcNo", s(secret));
        let errors = validate_call(Action::Create, &with(entries.clone(), "targetVpcNo", s(secret))).unwrap_err();
        assert_eq!(errors.len(), 2);
        for error in &errors {
            assert!(!error.message.contains(&secret[..40]), "{}", error.message);
            assert!(error.message.contains("[redacted]"), "{}", error.message);
        }
        let mut wait = entries.clone();
        wait.push(("vpcPeeringInstanceNo".into(), s(secret)));
        let errors = validate_wait(&wait).unwrap_err();
        assert!(errors.iter().all(|e| !e.message.contains(&secret[..40])));
        let errors = validate_client_config(&with(with(Vec::new(), "secretKey", s(secret)), "regionCode", s(secret)));
        assert!(!errors.is_empty() && errors.iter().all(|e| !e.message.contains(&secret[..40])));
    }
}

#[test]
fn fetch_and_signal_types() {
    assert!(validate_call(Action::Create, &with(base(), "fetch", OptionValue::Function)).is_ok());
    assert_eq!(fields(validate_call(Action::Create, &with(base(), "fetch", s("x")))), ["fetch"]);
    assert!(validate_call(Action::Create, &with(base(), "signal", OptionValue::Object(Vec::new()))).is_ok());
    assert_eq!(fields(validate_call(Action::Create, &with(base(), "signal", OptionValue::Bool(true)))), ["signal"]);
}

#[test]
fn null_and_undefined_mean_not_given() {
    let entries = with(with(base(), "vpcPeeringName", OptionValue::Null), "regionCode", OptionValue::Undefined);
    assert!(validate_call(Action::Create, &entries).is_ok());
}

#[test]
fn region_code_rule() {
    assert!(validate_call(Action::Create, &with(base(), "regionCode", s("FKR"))).is_ok());
    for bad in ["K R", "KR-1", "ABCDEFGHIJK"] {
        assert_eq!(fields(validate_call(Action::Create, &with(base(), "regionCode", s(bad)))), ["regionCode"]);
    }
}

fn keys() -> Vec<(String, OptionValue)> {
    base().into_iter().take(2).collect()
}

#[test]
fn list_params_expand_and_pair() {
    let entries = with(
        with(keys(), "vpcPeeringInstanceNoList", OptionValue::List(vec![s("1"), OptionValue::Number(2.0)])),
        "sortingOrder",
        s("DESC"),
    );
    let call = validate_call(Action::List, &entries).unwrap();
    assert_eq!(call.retries, DEFAULT_RETRIES);
    assert_eq!(
        call.params,
        vec![
            ("vpcPeeringInstanceNoList.1".into(), "1".into()),
            ("vpcPeeringInstanceNoList.2".into(), "2".into()),
            ("sortingOrder".into(), "DESC".into())
        ]
    );
    let page_only = with(keys(), "pageNo", OptionValue::Number(2.0));
    assert_eq!(fields(validate_call(Action::List, &page_only)), ["pageSize"]);
    let zero = with(with(keys(), "pageNo", OptionValue::Number(0.0)), "pageSize", s("10"));
    assert_eq!(fields(validate_call(Action::List, &zero)), ["pageNo"]);
    let status = with(keys(), "vpcPeeringInstanceStatusCode", s("DONE"));
    assert_eq!(fields(validate_call(Action::List, &status)), ["vpcPeeringInstanceStatusCode"]);
}

#[test]
fn accept_needs_a_boolean() {
    let entries = with(with(keys(), "vpcPeeringInstanceNo", s("77")), "isAccept", OptionValue::Bool(false));
    let call = validate_call(Action::AcceptOrReject, &entries).unwrap();
    assert_eq!(call.params[1], ("isAccept".into(), "false".into()));
    let bad = with(with(keys(), "vpcPeeringInstanceNo", s("77")), "isAccept", s("yes"));
    assert_eq!(fields(validate_call(Action::AcceptOrReject, &bad)), ["isAccept"]);
}

#[test]
fn wait_options() {
    let entries = with(keys(), "vpcPeeringInstanceNo", s("9"));
    let plan = validate_wait(&entries).unwrap();
    assert_eq!(plan.until, Until::Status(vec!["RUN".into()]));
    assert_eq!(plan.poll.timeout_ms, Some(3_600_000), "terraform's 1 hour for a creation");
    assert_eq!(plan.poll_interval_ms, DEFAULT_POLL_INTERVAL_MS);
    let gone = validate_wait(&with(entries.clone(), "until", s("GONE"))).unwrap();
    assert_eq!(gone.until, Until::Gone);
    assert_eq!(gone.poll.timeout_ms, Some(300_000), "terraform's 5 minutes for a deletion");
    let given = validate_wait(&with(with(entries.clone(), "until", s("GONE")), "timeoutMs", OptionValue::Number(7.0)));
    assert_eq!(given.unwrap().poll.timeout_ms, Some(7));
    let creating = validate_wait(&with(entries.clone(), "until", s("CREATING"))).unwrap_err();
    assert_eq!(creating[0].field.as_deref(), Some("until"), "CREATING is no documented status code");
    let bad = validate_wait(&with(entries.clone(), "until", s("DONE"))).unwrap_err();
    assert_eq!(bad[0].field.as_deref(), Some("until"));
    let stamped = validate_wait(&with(entries, "timestamp", OptionValue::Number(1.0))).unwrap_err();
    assert_eq!(stamped[0].field.as_deref(), Some("timestamp"));
}

#[test]
fn client_config_refuses_call_parameters() {
    let errors = validate_client_config(&with(keys(), "sourceVpcNo", s("1")));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field.as_deref(), Some("sourceVpcNo"));
    assert!(validate_client_config(&with(keys(), "regionCode", s("KR"))).is_empty());
}

// --- the route actions' rules (ncp-vpc-routes.md), on a parameter list that also holds a number list ---------------

use crate::action::{optional, required, Constraint, Param, Rule, Shape};

/// A route of `routeList`, as `addRoute` takes it (the table's own shape).
const ROUTE: Shape = crate::action::ROUTE_SHAPE;

/// `addRoute`'s parameters, as a row of the table would list them.
const ADD_ROUTE: &[Param] = &[
    REGION,
    required("vpcNo", Rule::Number),
    required("routeTableNo", Rule::Number),
    optional("vpcNoList", Rule::NumberList),
    required("routeList", Rule::ObjectList(&ROUTE)),
];

/// Reads `entries` as `params` with `constraints`: the wire parameters, or every error.
fn read(params: &[Param], constraints: &[Constraint], entries: &Entries) -> Result<Vec<(String, String)>, Vec<Error>> {
    let (mut wire, mut errors) = (Vec::new(), Vec::new());
    rules::read_params(params, constraints, entries, rules::Place::TOP, &mut wire, &mut errors);
    if errors.is_empty() {
        Ok(wire)
    } else {
        Err(errors)
    }
}

fn object(entries: &[(&str, OptionValue)]) -> OptionValue {
    OptionValue::Object(entries.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
}

fn route(cidr: &str, target: &str) -> OptionValue {
    object(&[("destinationCidrBlock", s(cidr)), ("targetTypeCode", s(target)), ("targetNo", OptionValue::Number(7.0))])
}

fn add_route(routes: Vec<OptionValue>) -> Vec<(String, OptionValue)> {
    vec![("vpcNo".into(), s("1")), ("routeTableNo".into(), s("2")), ("routeList".into(), OptionValue::List(routes))]
}

/// The first error's field and message.
fn problem(result: Result<Vec<(String, String)>, Vec<Error>>) -> (String, String) {
    let errors = result.expect_err("refused");
    (errors[0].field.clone().unwrap_or_default(), errors[0].message.clone())
}

#[test]
fn cidr_rule_takes_a_network_address_only() {
    let cidr: &[Param] = &[required("destinationCidrBlock", Rule::Cidr)];
    let check = |text: &str| read(cidr, &[], &[("destinationCidrBlock".into(), s(text))]);
    for good in ["0.0.0.0/0", "10.0.0.0/16", "100.10.20.0/24", "192.168.10.0/24", "10.1.2.3/32", "255.255.255.255/32", "128.0.0.0/1"] {
        assert_eq!(check(good).unwrap(), [("destinationCidrBlock".to_owned(), good.to_owned())], "{good}");
    }
    let shape = "destinationCidrBlock must be an IPv4 CIDR block such as 10.0.0.0/16: got ";
    for bad in ["10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/016", "10.0.0.0/+8", "10.0.0.0/ 8", "10.0.0/16",
        "010.0.0.0/16", "10.0.0.256/32", "10.0.0.0/16/1", " 10.0.0.0/16", "::/0", "a.b.c.d/8", "10.0.0.0/1e1", "/8"]
    {
        assert_eq!(problem(check(bad)), ("destinationCidrBlock".to_owned(), format!("{shape}{}", shown(bad))), "{bad}");
    }
    // Host bits set: the block meant is probably the network's; say which.
    for (bad, network) in [("10.0.5.0/16", "10.0.0.0/16"), ("10.1.2.3/0", "0.0.0.0/0"), ("192.168.10.129/25", "192.168.10.128/25")] {
        let message = format!("destinationCidrBlock must be written as its network address, {network}: got \"{bad}\"");
        assert_eq!(problem(check(bad)).1, message);
    }
    assert_eq!(problem(check_number(cidr)).1, "destinationCidrBlock must be a string: got 5");
}

fn check_number(params: &[Param]) -> Result<Vec<(String, String)>, Vec<Error>> {
    read(params, &[], &[(params[0].name.to_owned(), OptionValue::Number(5.0))])
}

#[test]
fn a_list_of_objects_is_sent_as_name_n_field_in_wire_order() {
    let routes = vec![
        object(&[("targetName", s("peer-a")), ("targetTypeCode", s("VPCPEERING")), ("destinationCidrBlock", s("10.1.0.0/16")), ("targetNo", s("9"))]),
        object(&[("destinationCidrBlock", s("0.0.0.0/0")), ("targetTypeCode", s("NATGW")), ("targetName", OptionValue::Null)]),
    ];
    let mut entries = add_route(routes);
    entries.push(("vpcNoList".into(), OptionValue::List(vec![s("3"), OptionValue::Number(4.0)])));
    let wire = read(ADD_ROUTE, &[], &entries).unwrap();
    let expected = [
        ("vpcNo", "1"),
        ("routeTableNo", "2"),
        ("vpcNoList.1", "3"),
        ("vpcNoList.2", "4"),
        ("routeList.1.destinationCidrBlock", "10.1.0.0/16"),
        ("routeList.1.targetTypeCode", "VPCPEERING"),
        ("routeList.1.targetNo", "9"),
        ("routeList.1.targetName", "peer-a"),
        ("routeList.2.destinationCidrBlock", "0.0.0.0/0"),
        ("routeList.2.targetTypeCode", "NATGW"),
    ];
    assert_eq!(wire, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

#[test]
fn each_objects_fields_obey_their_rules_and_are_named_by_index() {
    let refused = |routes: Vec<OptionValue>| problem(read(ADD_ROUTE, &[], &add_route(routes)));
    let ok = route("10.1.0.0/16", "VPCPEERING");
    assert_eq!(
        refused(vec![ok.clone(), route("10.1.0.0/16", "PEERING")]),
        ("routeList[1].targetTypeCode".into(), "routeList[1].targetTypeCode must be one of \"NATGW\", \"VPCPEERING\", \"VGW\": got \"PEERING\"".into())
    );
    assert_eq!(
        refused(vec![route("10.1.0.1/16", "VGW")]),
        ("routeList[0].destinationCidrBlock".into(), "routeList[0].destinationCidrBlock must be written as its network address, 10.1.0.0/16: got \"10.1.0.1/16\"".into())
    );
    let missing = object(&[("targetTypeCode", s("VGW")), ("destinationCidrBlock", s(""))]);
    assert_eq!(refused(vec![missing]), ("routeList[0].destinationCidrBlock".into(), "routeList[0].destinationCidrBlock is required".into()));
    let typo = object(&[("destinationCidrBlock", s("10.1.0.0/16")), ("targetTypeCode", s("VGW")), ("targetNO", s("1"))]);
    assert_eq!(refused(vec![typo]), ("routeList[0].targetNO".into(), "unknown option \"routeList[0].targetNO\": did you mean \"routeList[0].targetNo\"?".into()));
    assert_eq!(refused(vec![ok.clone(), s("10.1.0.0/16")]), ("routeList[1]".into(), "routeList[1] must be an object: got \"10.1.0.0/16\"".into()));
    let unreadable = OptionValue::Other("an object that could not be read (a getter or Proxy trap threw)".into());
    assert_eq!(refused(vec![unreadable]).1, "routeList[0] must be an object: got an object that could not be read (a getter or Proxy trap threw)");
    let number = object(&[("destinationCidrBlock", s("10.1.0.0/16")), ("targetTypeCode", s("VGW")), ("targetNo", OptionValue::Bool(true))]);
    assert_eq!(refused(vec![number]).0, "routeList[0].targetNo");
    // The list itself: required, so an empty one is missing; anything but an array is refused.
    assert_eq!(refused(Vec::new()), ("routeList".into(), "routeList is required".into()));
    let mut not_a_list = add_route(Vec::new());
    not_a_list[2].1 = ok;
    assert_eq!(problem(read(ADD_ROUTE, &[], &not_a_list)), ("routeList".into(), "routeList must be an array of objects: got object".into()));
}

#[test]
fn an_objects_constraints_name_its_fields() {
    let no_target = object(&[("destinationCidrBlock", s("10.1.0.0/16")), ("targetTypeCode", s("VPCPEERING"))]);
    let errors = read(ADD_ROUTE, &[], &add_route(vec![route("10.2.0.0/16", "VGW"), no_target])).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field.as_deref(), Some("routeList[1].targetNo"));
    assert_eq!(errors[0].message, "routeList[1].targetNo is required when routeList[1].targetTypeCode is VPCPEERING");
    // A NAT gateway needs no targetNo; a targetNo refused by its own rule is not reported missing again.
    let nat = object(&[("destinationCidrBlock", s("0.0.0.0/0")), ("targetTypeCode", s("NATGW"))]);
    assert!(read(ADD_ROUTE, &[], &add_route(vec![nat])).is_ok());
    let bad_no = object(&[("destinationCidrBlock", s("10.1.0.0/16")), ("targetTypeCode", s("VPCPEERING")), ("targetNo", s("x"))]);
    let errors = read(ADD_ROUTE, &[], &add_route(vec![bad_no])).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "routeList[0].targetNo must be a number of decimal digits: got \"x\"");
}

#[test]
fn every_kind_of_constraint_is_checked_on_the_values_sent() {
    let params: &[Param] = &[optional("a", Rule::Text), optional("b", Rule::Text), optional("c", Rule::Number), optional("d", Rule::Text)];
    let constraints = &[
        Constraint::Differ("a", "b"),
        Constraint::Together("a", "d", "both or neither"),
        Constraint::Needs("c", "d"),
        Constraint::WhenThen { param: "a", value: "x", then: "c" },
    ];
    let check = |given: &[(&str, &str)]| {
        let entries: Vec<(String, OptionValue)> = given.iter().map(|(k, v)| ((*k).to_owned(), s(v))).collect();
        read(params, constraints, &entries).map_err(|errors| errors.into_iter().map(|e| e.message).collect::<Vec<_>>())
    };
    assert!(check(&[]).is_ok());
    assert!(check(&[("a", "y"), ("d", "z")]).is_ok());
    assert_eq!(check(&[("a", "x\"y"), ("b", "x\"y"), ("c", "1"), ("d", "z")]).unwrap_err(), ["b must differ from a: both are \"x\\\"y\""]);
    assert_eq!(check(&[("d", "z")]).unwrap_err(), ["a is required with d: both or neither"]);
    assert_eq!(check(&[("c", "1")]).unwrap_err(), ["d is required with c"]);
    assert_eq!(check(&[("a", "x"), ("d", "z")]).unwrap_err(), ["c is required when a is x"]);
    // A value refused by its own rule is no value for a constraint either.
    assert_eq!(check(&[("a", "x"), ("c", "no"), ("d", "z")]).unwrap_err(), ["c must be a number of decimal digits: got \"no\""]);
}

#[test]
fn lists_of_objects_never_panic_and_name_what_they_refuse() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let key = prop::sample::select(&["destinationCidrBlock", "targetTypeCode", "targetNo", "targetName", "targetno", "x", ""][..]);
    let text = prop::sample::select(&["10.1.0.0/16", "0.0.0.0/0", "10.1.0.1/16", "VPCPEERING", "NATGW", "VGW", "7", "x", "", "\u{1}"][..]);
    let leaf = prop_oneof![
        4 => text.prop_map(s),
        1 => (0.0..100.0f64).prop_map(|n| OptionValue::Number(n.floor())),
        1 => Just(OptionValue::Null),
        1 => Just(OptionValue::Bool(true)),
        1 => Just(OptionValue::Object(Vec::new())),
        1 => Just(OptionValue::Other("an object of more than 64 keys".into())),
    ];
    let item = prop_oneof![
        6 => prop::collection::vec((key, leaf.clone()), 0..6)
            .prop_map(|entries| OptionValue::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        1 => leaf,
    ];
    let field = |name: &str| ["destinationCidrBlock", "targetTypeCode", "targetNo", "targetName"].contains(&name);
    TestRunner::new(Config { cases: 3_000, failure_persistence: None, ..Config::default() })
        .run(&prop::collection::vec(item, 0..5), |routes| {
            match read(ADD_ROUTE, &[], &add_route(routes.clone())) {
                Ok(wire) => {
                    for (name, value) in wire.iter().skip(2) {
                        let mut parts = name.split('.');
                        prop_assert_eq!(parts.next(), Some("routeList"));
                        prop_assert!(parts.next().is_some_and(|n| n.parse::<usize>().is_ok_and(|n| (1..=routes.len()).contains(&n))), "{}", name);
                        prop_assert!(parts.next().is_some_and(field), "{}", name);
                        prop_assert!(!value.is_empty());
                    }
                }
                Err(errors) => {
                    for error in errors {
                        let at = error.field.unwrap_or_default();
                        prop_assert!(at.starts_with("routeList"), "{}", at);
                        prop_assert!(error.message.starts_with(&format!("{at} ")) || error.message.starts_with("unknown option"), "{}", error.message);
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}
