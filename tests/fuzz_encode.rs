//! Fuzzing the query encoder, `encode::percent_encode` / `encode_pairs`, and the request builder that uses it.
//!
//! Properties: the output holds only RFC 3986 unreserved characters and `%XX` (uppercase hex); decoding it gives
//! the input's UTF-8 bytes back; pairs keep their order and split back unambiguously; a built request's query (and
//! POST body) decode back to exactly the validated parameters, `responseFormatType` last. The WHATWG `URL` side of
//! the round trip (a parser leaves such a query unchanged) is checked in Node: `tests/hardening/encode.test.mjs`.

#[path = "fuzz/support.rs"]
mod support;

use ncloud_vpc_wasm::action::Action;
use ncloud_vpc_wasm::encode::{encode_pairs, percent_encode, percent_encode_into};
use ncloud_vpc_wasm::options::{validate_call, OptionValue};
use ncloud_vpc_wasm::request::build;
use proptest::prelude::*;
use proptest::sample::select;
use support::{any_string, run, string_of, PLAIN};

/// Decodes strict percent-encoding; `None` for anything else (a `+`, a lowercase or short escape, a reserved char).
fn strict_decode(encoded: &str) -> Option<Vec<u8>> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let hex = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    };
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let high = hex(*bytes.get(i + 1)?)?;
                let low = hex(*bytes.get(i + 2)?)?;
                out.push(high << 4 | low);
                i += 3;
            }
            b if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') => {
                out.push(b);
                i += 1;
            }
            _ => return None,
        }
    }
    Some(out)
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any_string(0..64),
        2 => string_of(PLAIN, 0..32),
        2 => string_of("%+&=?#/ ~!*'();:@$,[]\\\"<>^`{|}\u{0}\u{7f}\u{80}\u{ff}\u{100}\u{d7ff}\u{e000}\u{fffd}\u{ffff}\u{10000}\u{10ffff}가😀", 0..32),
        1 => (select(&["%", "%2", "%25", "%zz", "+", "가", "😀", "\u{0}"][..]), 0usize..4096).prop_map(|(unit, n)| unit.repeat(n)),
    ]
}

#[test]
fn fuzz_encode_round_trip() {
    run(file!(), "encode_round_trip", text(), |input| {
        let encoded = percent_encode(&input);
        let decoded = strict_decode(&encoded).unwrap_or_else(|| panic!("not strictly encoded: {encoded}"));
        assert_eq!(decoded, input.as_bytes());
        // Each byte becomes one character or three, nothing else.
        let unreserved = input.bytes().filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')).count();
        assert_eq!(encoded.len(), unreserved + 3 * (input.len() - unreserved));
        // Appending is the same as encoding.
        let mut out = String::from("prefix=");
        percent_encode_into(&input, &mut out);
        assert_eq!(&out["prefix=".len()..], encoded);
        // Encoding again escapes only the '%' signs: nothing else a URL parser could rewrite is left.
        assert_eq!(percent_encode(&encoded), encoded.replace('%', "%25"));
        1
    });
}

#[test]
fn fuzz_encode_pairs_split_back() {
    let pairs = prop::collection::vec((text(), text()), 0..8);
    run(file!(), "encode_pairs", pairs, |pairs| {
        let query = encode_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let parts: Vec<_> = if query.is_empty() { Vec::new() } else { query.split('&').collect() };
        assert_eq!(parts.len(), pairs.len(), "{query}");
        for ((name, value), part) in pairs.iter().zip(parts) {
            let (k, v) = part.split_once('=').expect("name=value");
            assert_eq!(strict_decode(k).unwrap(), name.as_bytes());
            assert_eq!(strict_decode(v).unwrap(), value.as_bytes());
        }
        1
    });
}

/// Free text the validator accepts: a description (any characters, at most 1000 bytes) and a filter name (no
/// control characters).
fn description() -> impl Strategy<Value = String> {
    text().prop_map(|mut s| {
        while s.len() > 1000 {
            s.pop();
        }
        s
    })
}

#[test]
fn fuzz_encode_built_requests_decode_to_their_params() {
    let input = (description(), description(), any::<bool>(), any::<bool>(), any::<u64>());
    run(file!(), "encode_built_requests", input, |(desc, name, post, json, timestamp)| {
        let name: String = name.chars().filter(|c| !c.is_control()).collect();
        let s = |v: &str| OptionValue::String(v.to_owned());
        let mut entries = vec![
            ("accessKey".to_owned(), s("AKIDEXAMPLE0000000")),
            ("secretKey".to_owned(), s("SECRETEXAMPLE000000000000000000000000000")),
            ("method".to_owned(), s(if post { "POST" } else { "GET" })),
            ("responseFormatType".to_owned(), s(if json { "json" } else { "xml" })),
            ("sourceVpcNo".to_owned(), s("1")),
            ("targetVpcNo".to_owned(), s("2")),
            ("vpcPeeringDescription".to_owned(), s(&desc)),
        ];
        if !name.is_empty() {
            entries.push(("targetVpcName".to_owned(), s(&name)));
            entries.push(("targetVpcLoginId".to_owned(), s("owner@example.com")));
        }
        let call = validate_call(Action::Create, &entries).unwrap_or_else(|e| panic!("refused: {}", e[0].message));
        let request = build(&call, timestamp);
        let (_, query) = request.request_target.split_once('?').unwrap();
        let wire = if post { format!("{}&{query}", request.body.as_deref().unwrap()) } else { query.to_owned() };
        let decoded: Vec<(Vec<u8>, Vec<u8>)> = wire
            .split('&')
            .filter(|part| !part.is_empty())
            .map(|part| {
                let (k, v) = part.split_once('=').unwrap();
                (strict_decode(k).unwrap(), strict_decode(v).unwrap())
            })
            .collect();
        let mut expected: Vec<(Vec<u8>, Vec<u8>)> =
            call.params.iter().map(|(k, v)| (k.clone().into_bytes(), v.clone().into_bytes())).collect();
        expected.push((b"responseFormatType".to_vec(), (if json { "json" } else { "xml" }).as_bytes().to_vec()));
        assert_eq!(decoded, expected);
        assert!(call.params.iter().any(|(k, v)| k == "vpcPeeringDescription" && *v == desc) || desc.is_empty());
        1
    });
}
