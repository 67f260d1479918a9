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
        OptionValue::Object, s(&"9".repeat(21))]
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
    assert!(validate_call(Action::Create, &with(base(), "signal", OptionValue::Object)).is_ok());
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
