//! Fuzzing the answer parser, `response::parse_answer`, for every action and many HTTP statuses. The property is
//! that it never panics (with `panic = "abort"` in the wasm build, a panic would kill the instance for every later
//! call) and that whatever it returns is coherent: success only for a 2xx with returnCode "0", errors of the three
//! answer codes carrying the status and a bounded snippet. One target also checks a round trip: a random answer
//! written as XML and as JSON parses back to the very same model.
//!
//! Inputs: arbitrary bytes (lossy UTF-8); XML-ish and JSON-ish documents generated from the answers' vocabulary;
//! answer-shaped documents; mutations of every fixture in `tests/fixtures/`; the hostile shapes of issue 11 (long
//! blank runs before many children, many attributes, comments and references, deep and long names); and JSON
//! checked against serde_json, an independent parser. See `tests/fuzz/README.md`.

#[path = "fuzz/support.rs"]
mod support;

use ncloud_vpc_wasm::action::{Action, Listing};
use ncloud_vpc_wasm::error::{ErrorCode, ECHO_CHARS, SNIPPET_CHARS};
use ncloud_vpc_wasm::model::{Answer, CodeName, Item, Value};
use ncloud_vpc_wasm::resource::{Field, Kind, Resource, RESOURCES};
use ncloud_vpc_wasm::response::parse_answer;
use proptest::prelude::*;
use proptest::sample::select;
use support::{any_string, fixtures, mutate, mutation, run, status, string_of, PLAIN};

/// Parses `body` as the answer to every action with `status`, checking the result is coherent. Returns the number
/// of parses (one per action).
fn check_all_actions(status: u16, body: &str) -> u64 {
    for action in Action::ALL {
        check(action, status, body);
    }
    Action::ALL.len() as u64
}

fn check(action: Action, status: u16, body: &str) {
    let ok_status = (200..300).contains(&status);
    match parse_answer(action, status, body) {
        Ok(answer) => {
            assert!(ok_status, "success from HTTP {status}");
            assert_eq!(answer.return_code, "0", "success with returnCode {:?}", answer.return_code);
        }
        Err(err) => {
            assert!(matches!(err.code, ErrorCode::NcpApi | ErrorCode::Http | ErrorCode::BadResponse), "{:?}", err.code);
            assert_eq!(err.status, Some(status));
            assert!(!err.message.is_empty());
            assert_eq!(err.attempts, 0);
            assert!(err.instance.is_none());
            match err.code {
                ErrorCode::BadResponse => assert!(ok_status, "ERR_BAD_RESPONSE from HTTP {status}"),
                ErrorCode::Http => assert!(!ok_status, "ERR_HTTP from HTTP {status}"),
                _ => assert!(err.return_code.is_some() && err.field.is_none()),
            }
            // A field at fault is one the answer defines, and the message names it.
            if let Some(field) = &err.field {
                assert!(is_answer_field(field), "field {field}");
                assert!(err.message.contains(field.as_str()), "{}", err.message);
            }
            if let Some(snippet) = &err.body_snippet {
                let start = snippet.split("… [cut: ").next().unwrap_or_default();
                assert!(start.chars().count() <= SNIPPET_CHARS);
                assert!(body.starts_with(start), "the snippet is the body's start");
                assert_eq!(start.len() < snippet.len(), body.chars().count() > SNIPPET_CHARS, "marked when cut, and only then");
            }
            // Each text from the server is quoted at most ECHO_CHARS characters long: a message holds at most three.
            assert!(err.message.chars().count() <= 3 * (ECHO_CHARS + 40) + 300, "{} characters", err.message.chars().count());
        }
    }
}

#[test]
fn fuzz_response_any_bytes() {
    let bytes = prop_oneof![
        3 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 0..8192),
        // Bytes that look like the start of a document, then anything.
        2 => (select(&["<", "{", "\u{feff}<", " \n<?xml", "{\"", "<Message>", "[", "\"x\""][..]), prop::collection::vec(any::<u8>(), 0..256))
            .prop_map(|(head, tail)| [head.as_bytes(), &tail].concat()),
    ];
    run(file!(), "response_any_bytes", (status(), bytes), |(status, bytes)| {
        check_all_actions(status, &String::from_utf8_lossy(&bytes))
    });
}

/// Whether `name` is a field of an answer or of an error body (the names a parse error may blame).
fn is_answer_field(name: &str) -> bool {
    let others = ["returnCode", "returnMessage", "requestId", "totalRows", "errorCode", "message", "details", "error",
        "responseError", "Message", "code", "codeName"];
    let of_resource = |r: &&ncloud_vpc_wasm::resource::Resource| {
        r.list == name || r.item == name || r.fields.iter().any(|f| f.name == name || f.alias == Some(name))
    };
    others.contains(&name) || RESOURCES.iter().any(of_resource) || Action::ALL.iter().any(|action| action.response_name() == name)
}

/// Element names the answers use, and the actions' roots.
const NAMES: &[&str] = &[
    "createVpcPeeringInstanceResponse", "getVpcPeeringInstanceListResponse", "getVpcPeeringInstanceDetailResponse",
    "acceptOrRejectVpcPeeringResponse", "deleteVpcPeeringInstanceResponse", "setVpcPeeringDescriptionResponse",
    "Message", "error", "errorCode", "message", "details", "responseError", "requestId", "returnCode", "returnMessage",
    "totalRows", "vpcPeeringInstanceList", "vpcPeeringInstance", "vpcPeeringInstanceNo", "vpcPeeringName", "regionCode",
    "createDate", "lastModifyDate", "lastModifiyDate", "vpcPeeringInstanceStatus", "code", "codeName",
    "vpcPeeringInstanceStatusName", "vpcPeeringInstanceOperation", "sourceVpcNo", "sourceVpcName",
    "sourceVpcIpv4CidrBlock", "sourceVpcLoginId", "targetVpcNo", "targetVpcName", "targetVpcIpv4CidrBlock",
    "targetVpcLoginId", "vpcPeeringDescription", "hasReverseVpcPeering", "isBetweenAccounts",
    "reverseVpcPeeringInstanceNo",
];

/// Texts with meaning to the parser: codes, numbers at the edges, flags, entities and character references.
const TEXTS: &[&str] = &[
    "0", " 0 ", "1000", "1007009", "200", "-1", "4294967295", "4294967296", "99999999999999999999", "1e3", "true",
    "TRUE", "false", "INIT", "RUN", "TERMTING", "NULL", "", " ", "\n  ", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;",
    "&#65;", "&#x1F600;", "&#0;", "&#x0;", "&#xD800;", "&#x110000;", "&#4294967296;", "&#;", "&#x;", "&nbsp;", "&e;",
    "&", "&amp", "피어링", "\u{0}", "\u{1b}[31m", "\u{fffd}", "\u{feff}", "]]>", "--",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => select(NAMES).prop_map(str::to_owned),
        1 => string_of(PLAIN, 1..7),
        1 => (string_of("abcxyz", 1..4), select(&["returnCode", "requestId", "vpcPeeringInstance", "error", "x"][..]))
            .prop_map(|(prefix, local)| format!("{prefix}:{local}")),
        1 => any_string(0..4),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(TEXTS).prop_map(str::to_owned),
        2 => string_of(PLAIN, 0..16),
        1 => string_of("<>&;#x0123456789abcdefABCDEF'\"=/?!-[] \n\t\r\u{0}\u{feff}\u{fffd}가", 0..8),
        1 => any_string(0..16),
    ]
}

fn attributes() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => (string_of("abcxyz", 1..5), string_of("az09 &<", 0..5)).prop_map(|(k, v)| format!(" {k}=\"{v}\"")),
            1 => Just(" xmlns:ns=\"urn:x\"".to_owned()),
            1 => any_string(0..6).prop_map(|junk| format!(" {junk}")),
        ],
        0..2,
    )
    .prop_map(|attrs| attrs.concat())
}

/// An XML-ish fragment: text, markup, and elements whose end tags are usually right, sometimes wrong or missing.
fn xml_fragment() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => text(),
        1 => text().prop_map(|t| format!("<![CDATA[{t}]]>")),
        1 => text().prop_map(|t| format!("<!--{t}-->")),
        1 => text().prop_map(|t| format!("<?pi {t}?>")),
        1 => (name(), attributes()).prop_map(|(n, a)| format!("<{n}{a}/>")),
    ];
    leaf.prop_recursive(6, 96, 6, |inner| {
        (name(), attributes(), prop::collection::vec(inner, 0..6), 0u8..20, name()).prop_map(|(n, a, kids, end, other)| {
            let close = match end {
                0 => String::new(),
                1 => format!("</{other}>"),
                2 => format!("</{n} >"),
                _ => format!("</{n}>"),
            };
            format!("<{n}{a}>{}{close}", kids.concat())
        })
    })
}

fn prolog() -> impl Strategy<Value = &'static str> {
    select(&[
        "", "", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "\u{feff}<?xml version=\"1.0\"?>", "<!DOCTYPE x>\n",
        "<!DOCTYPE x [<!ENTITY e \"v\">]>", "<!-- c -->", "  \n\t", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    ][..])
}

/// A whole XML-ish document: usually one root named like an answer or an error, sometimes several roots, text
/// outside, or a nesting deeper than the parser's bound.
fn xml_document() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (prolog(), name(), prop::collection::vec(xml_fragment(), 0..6)).prop_map(|(p, root, kids)| {
            format!("{p}<{root}>{}</{root}>", kids.concat())
        }),
        2 => (prolog(), prop::collection::vec(xml_fragment(), 0..4)).prop_map(|(p, kids)| format!("{p}{}", kids.concat())),
        1 => (name(), 20usize..80, any::<bool>(), xml_fragment()).prop_map(|(n, depth, closed, inner)| {
            let close = if closed { format!("</{n}>").repeat(depth) } else { String::new() };
            format!("{}{inner}{close}", format!("<{n}>").repeat(depth))
        }),
    ]
}

#[test]
fn fuzz_response_xml_like() {
    let input = (status(), xml_document(), prop::collection::vec(mutation(), 0..3));
    run(file!(), "response_xml_like", input, |(status, doc, mutations)| {
        let body = String::from_utf8_lossy(&mutate(doc.into_bytes(), &mutations)).into_owned();
        check_all_actions(status, &body)
    });
}

/// JSON-ish values: numbers at and past the edges, strings with escapes valid and not, nested arrays and objects
/// keyed by the answers' vocabulary.
fn json_value() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        select(&["0", "-0", "1", "-1", "0.5", "1e3", "1E+3", "1e999", "-1e999", "1e-999", "4294967295", "4294967296",
            "18446744073709551615", "18446744073709551616", "123456789012345678901234567890", "01", "1.", ".5", "-",
            "NaN", "Infinity", "0x10"][..]).prop_map(str::to_owned),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
    ];
    let string = prop_oneof![
        4 => text().prop_map(|t| serde_json::to_string(&t).unwrap()),
        1 => select(&["\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\uD83D\\uDE00\"", "\"\\x\"", "\"\\", "\"abc",
            "\"\t\"", "\"\u{0}\""][..]).prop_map(str::to_owned),
    ];
    let leaf = prop_oneof![
        3 => string,
        2 => number,
        1 => select(&["true", "false", "null", "tru", "nul"][..]).prop_map(str::to_owned),
    ];
    leaf.prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            1 => prop::collection::vec(inner.clone(), 0..5).prop_map(|items| format!("[{}]", items.join(","))),
            3 => prop::collection::vec((name(), inner), 0..6).prop_map(|pairs| {
                let body: Vec<_> = pairs.iter().map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap())).collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

fn json_document() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (name(), json_value(), any::<bool>()).prop_map(|(root, value, pretty)| {
            let sep = if pretty { " : " } else { ":" };
            format!("{{{}{sep}{value}}}", serde_json::to_string(&root).unwrap())
        }),
        2 => json_value(),
        1 => (1usize..300, any::<bool>()).prop_map(|(depth, closed)| {
            let close = if closed { "}".repeat(depth) } else { String::new() };
            format!("{}1{close}", "{\"a\":".repeat(depth))
        }),
        1 => (1usize..300).prop_map(|depth| format!("{}{}", "[".repeat(depth), "]".repeat(depth))),
    ]
}

#[test]
fn fuzz_response_json_like() {
    let input = (status(), json_document(), prop::collection::vec(mutation(), 0..3));
    run(file!(), "response_json_like", input, |(status, doc, mutations)| {
        let body = String::from_utf8_lossy(&mutate(doc.into_bytes(), &mutations)).into_owned();
        check_all_actions(status, &body)
    });
}

#[test]
fn fuzz_response_fixture_mutations() {
    let corpus = fixtures();
    let count = corpus.len();
    let input = (status(), 0..count, 0..count, prop::collection::vec(mutation(), 1..6), any::<usize>());
    run(file!(), "response_fixture_mutations", input, |(status, first, second, mutations, cut)| {
        // Now and then splice two fixtures (an XML head on a JSON tail, say) before mutating.
        let mut bytes = corpus[first].1.clone();
        if cut % 4 == 0 {
            let other = &corpus[second].1;
            bytes.truncate(cut % (bytes.len() + 1));
            bytes.extend_from_slice(&other[(cut / 4) % (other.len() + 1)..]);
        }
        let body = String::from_utf8_lossy(&mutate(bytes, &mutations)).into_owned();
        check_all_actions(status, &body)
    });
}

// --- round trip: a random answer, written as XML and as JSON, parses back to itself -------------------------------

/// Text that XML 1.0 can carry (no C0 controls but tab and newline; CR is written as a reference) and JSON can.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => string_of(PLAIN, 0..12),
        1 => string_of("\t\n\r &<>\"'[]]!~#;가힣😀\u{a0}\u{2028}\u{feff}\u{fffd}", 0..12),
        // Any character XML 1.0 can carry: C0 controls but tab, newline and CR become '?'.
        1 => any_string(0..12).prop_map(|s| s.chars().map(|c| if c < ' ' && !matches!(c, '\t' | '\n' | '\r') { '?' } else { c }).collect()),
    ]
}

fn code_name() -> impl Strategy<Value = CodeName> {
    (field_text(), field_text()).prop_map(|(code, code_name)| CodeName { code, code_name })
}

/// An item of `resource` as an answer must hold it: each required text a number (as a peering's is), each required
/// pair with a code that is not blank; every other field anything of its kind.
fn item_of(resource: &'static Resource) -> impl Strategy<Value = Item> {
    let values: Vec<BoxedStrategy<Value>> = resource
        .fields
        .iter()
        .map(|field| match (field.kind, field.required) {
            (Kind::Text, true) => (1u64..u64::MAX).prop_map(|n| Value::Text(n.to_string())).boxed(),
            (Kind::Text, false) => field_text().prop_map(Value::Text).boxed(),
            (Kind::CodeName, required) => code_name()
                .prop_map(move |mut pair| {
                    if required {
                        pair.code.insert(0, 'S');
                    }
                    Value::CodeName(pair)
                })
                .boxed(),
            (Kind::Flag, _) => any::<bool>().prop_map(Value::Flag).boxed(),
            (Kind::Integer, _) => any::<u32>().prop_map(Value::Integer).boxed(),
        })
        .collect();
    values.prop_map(move |values| {
        resource.fields.iter().zip(values).fold(Item::new(resource), |item, (field, value)| item.with(field.name, value))
    })
}

/// A complete answer to `action`: of its resource; a create holds what it made, a detail at most one item, and
/// `totalRows` counts the list (or, for a paged list, may count more).
fn answer(action: Action) -> impl Strategy<Value = Answer> {
    let spec = action.spec();
    let (least, most) = match spec.listing {
        Listing::Created => (1, 4),
        Listing::Detail => (0, 2),
        Listing::All | Listing::Page => (0, 4),
    };
    let paged = spec.listing == Listing::Page;
    (field_text(), field_text(), any::<u32>(), prop::collection::vec(item_of(spec.resource), least..most)).prop_map(
        move |(request_id, return_message, more, list)| Answer {
            request_id,
            return_code: "0".to_owned(),
            return_message,
            total_rows: list.len() as u32 + if paged { more % 1000 } else { 0 },
            items: list,
        },
    )
}

/// The name `field` goes by on the wire: its alias (the SDKs' `lastModifiyDate`) when `sdk_spelling` asks for it.
fn wire_name(field: &Field, sdk_spelling: bool) -> &'static str {
    match field.alias {
        Some(alias) if sdk_spelling => alias,
        _ => field.name,
    }
}

/// How the XML writer escapes text: each style is valid XML for the same data.
#[derive(Clone, Copy, Debug)]
enum Escape {
    /// `&amp;`, `&lt;`, `&gt;`, and `&#13;` for CR.
    Entities,
    /// Every character outside printable ASCII as a hexadecimal character reference, the rest as `Entities`.
    CharRefs,
    /// A CDATA section (CR still as a reference, outside the section).
    Cdata,
}

fn escape(text: &str, style: Escape) -> String {
    let entity = |c: char| match c {
        '&' => "&amp;".to_owned(),
        '<' => "&lt;".to_owned(),
        '>' => "&gt;".to_owned(),
        '\r' => "&#13;".to_owned(),
        c => c.to_string(),
    };
    match style {
        Escape::Entities => text.chars().map(entity).collect(),
        Escape::CharRefs => text.chars().map(|c| if c == ' ' || c.is_ascii_graphic() { entity(c) } else { format!("&#x{:X};", c as u32) }).collect(),
        Escape::Cdata if text.is_empty() => String::new(),
        Escape::Cdata => text
            .split('\r')
            .map(|part| if part.is_empty() { String::new() } else { format!("<![CDATA[{}]]>", part.replace("]]>", "]]]]><![CDATA[>")) })
            .collect::<Vec<_>>()
            .join("&#13;"),
    }
}

fn to_xml(action: Action, answer: &Answer, style: Escape, sdk_spelling: bool) -> String {
    let resource = action.spec().resource;
    let leaf = |name: &str, text: &str| format!("<{name}>{}</{name}>", escape(text, style));
    let pair = |name: &str, cn: &CodeName| format!("<{name}>{}{}</{name}>", leaf("code", &cn.code), leaf("codeName", &cn.code_name));
    let mut out = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{}Response>", action.name());
    out += &leaf("requestId", &answer.request_id);
    out += &leaf("returnCode", &answer.return_code);
    out += &leaf("returnMessage", &answer.return_message);
    out += &leaf("totalRows", &answer.total_rows.to_string());
    out += &format!("<{}>", resource.list);
    for item in &answer.items {
        out += &format!("\n  <{}>", resource.item);
        for (field, value) in resource.fields.iter().zip(item.values()) {
            let name = wire_name(field, sdk_spelling);
            out += &match value {
                Value::Text(text) => leaf(name, text),
                Value::CodeName(cn) => pair(name, cn),
                Value::Flag(flag) => leaf(name, &flag.to_string()),
                Value::Integer(n) => leaf(name, &n.to_string()),
            };
        }
        out += &format!("</{}>", resource.item);
    }
    out += &format!("</{}></{}Response>", resource.list, action.name());
    out
}

/// The answer as NCP's JSON, written by hand with serde_json (not by the model's own serializer), keys in NCP's order.
fn to_json(action: Action, answer: &Answer, pretty: bool, sdk_spelling: bool) -> String {
    use serde_json::{json, Map, Value as Json};
    let resource = action.spec().resource;
    let list: Vec<Json> = answer
        .items
        .iter()
        .map(|item| {
            let mut object = Map::new();
            for (field, value) in resource.fields.iter().zip(item.values()) {
                let value = match value {
                    Value::Text(text) => json!(text),
                    Value::CodeName(cn) => json!({ "code": cn.code, "codeName": cn.code_name }),
                    Value::Flag(flag) => json!(flag),
                    Value::Integer(n) => json!(n),
                };
                object.insert(wire_name(field, sdk_spelling).to_owned(), value);
            }
            Json::Object(object)
        })
        .collect();
    let mut inner = Map::new();
    inner.insert("requestId".to_owned(), json!(answer.request_id));
    inner.insert("returnCode".to_owned(), json!(answer.return_code));
    inner.insert("returnMessage".to_owned(), json!(answer.return_message));
    inner.insert("totalRows".to_owned(), json!(answer.total_rows));
    inner.insert(resource.list.to_owned(), Json::Array(list));
    let doc = json!({ format!("{}Response", action.name()): Json::Object(inner) });
    if pretty {
        serde_json::to_string_pretty(&doc).unwrap()
    } else {
        serde_json::to_string(&doc).unwrap()
    }
}

#[test]
fn fuzz_response_round_trip() {
    let style = select(&[Escape::Entities, Escape::CharRefs, Escape::Cdata][..]);
    let input = select(&Action::ALL[..]).prop_flat_map(|action| (Just(action), answer(action)));
    let input = (input, style, any::<bool>(), any::<bool>(), 200u16..300).prop_map(|((a, b), c, d, e, f)| (a, b, c, d, e, f));
    run(file!(), "response_round_trip", input, |(action, answer, style, pretty, sdk, status)| {
        let xml = to_xml(action, &answer, style, sdk);
        let json = to_json(action, &answer, pretty, sdk);
        let from_xml = parse_answer(action, status, &xml).unwrap_or_else(|e| panic!("XML refused: {e}\n{xml}"));
        assert_eq!(from_xml, answer, "XML round trip\n{xml}");
        let from_json = parse_answer(action, status, &json).unwrap_or_else(|e| panic!("JSON refused: {e}\n{json}"));
        assert_eq!(from_json, answer, "JSON round trip\n{json}");
        2
    });
}

/// Answer-shaped documents whose fields are present, missing, repeated or of the wrong type, then mutated: the
/// states deep inside `read_answer` and `read_instance` that random markup rarely reaches.
#[test]
fn fuzz_response_answer_shaped() {
    let field = (select(NAMES), prop_oneof![3 => text(), 1 => json_value()], 0u8..8);
    let fields = prop::collection::vec(field, 0..24);
    let input = (status(), select(&Action::ALL[..]), fields, any::<bool>(), prop::collection::vec(mutation(), 0..2));
    run(file!(), "response_answer_shaped", input, |(status, action, fields, as_json, mutations)| {
        // Each field goes at the top level, inside the list's first item, or inside a status pair.
        let place = |level: u8| match level {
            0..=2 => 0,
            3..=6 => 1,
            _ => 2,
        };
        let doc = if as_json {
            let mut levels = [Vec::new(), Vec::new(), Vec::new()];
            for (name, value, level) in &fields {
                let value = if value.starts_with(['{', '[', '"', '-']) || value.chars().all(|c| c.is_ascii_digit()) && !value.is_empty() {
                    value.clone()
                } else {
                    serde_json::to_string(value).unwrap()
                };
                levels[place(*level)].push(format!("{}:{value}", serde_json::to_string(name).unwrap()));
            }
            let status_pair = format!("\"vpcPeeringInstanceStatus\":{{{}}}", levels[2].join(","));
            levels[1].push(status_pair);
            levels[0].push(format!("\"vpcPeeringInstanceList\":[{{{}}}]", levels[1].join(",")));
            format!("{{\"{}Response\":{{{}}}}}", action.name(), levels[0].join(","))
        } else {
            let mut levels = [String::new(), String::new(), String::new()];
            for (name, value, level) in &fields {
                levels[place(*level)] += &format!("<{name}>{value}</{name}>");
            }
            format!(
                "<{root}>{}<vpcPeeringInstanceList><vpcPeeringInstance>{}<vpcPeeringInstanceStatus>{}</vpcPeeringInstanceStatus></vpcPeeringInstance></vpcPeeringInstanceList></{root}>",
                levels[0],
                levels[1],
                levels[2],
                root = format!("{}Response", action.name())
            )
        };
        let body = String::from_utf8_lossy(&mutate(doc.into_bytes(), &mutations)).into_owned();
        check(action, status, &body);
        1
    });
}

// --- the hostile shapes of issue 11 -------------------------------------------------------------------------------

/// One piece of a hostile answer, written in either format inside the answer's root.
#[derive(Clone, Debug)]
enum Piece {
    /// A run of blanks (XML indentation; JSON whitespace between members).
    Blanks(usize),
    /// A stray letter (mixed content in XML, a syntax error in JSON).
    Letter,
    /// Many children: unknown elements or keys, empty or not.
    Children(usize, bool),
    /// An element with many attributes (XML); an object with many members (JSON).
    Attributes(usize),
    /// Comments and processing instructions (XML); nothing in JSON.
    Comments(usize),
    /// A text field written with many references (XML) or escapes (JSON).
    References(usize),
    /// Unknown content nested this deep.
    Deep(usize),
    /// An element or key with a long name.
    LongName(usize),
    /// A known field, possibly again.
    Field(&'static str, String),
    /// A complete instance in the list.
    Item,
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        2 => (0usize..20_000).prop_map(Piece::Blanks),
        1 => Just(Piece::Letter),
        2 => (0usize..2_000, any::<bool>()).prop_map(|(n, empty)| Piece::Children(n, empty)),
        1 => (0usize..500).prop_map(Piece::Attributes),
        1 => (0usize..500).prop_map(Piece::Comments),
        1 => (0usize..2_000).prop_map(Piece::References),
        1 => (0usize..40).prop_map(Piece::Deep),
        1 => (1usize..5_000).prop_map(Piece::LongName),
        2 => (select(&["returnCode", "requestId", "totalRows", "returnMessage"][..]), select(TEXTS).prop_map(str::to_owned))
            .prop_map(|(name, value)| Piece::Field(name, value)),
        2 => Just(Piece::Item),
    ]
}

fn hostile_xml(action: Action, pieces: &[Piece]) -> String {
    let mut root = String::new();
    let mut items = String::new();
    for piece in pieces {
        match piece {
            Piece::Blanks(n) => root += &" \n\t".repeat(n / 3 + 1),
            Piece::Letter => root.push('y'),
            Piece::Children(n, true) => root += &"<x/>".repeat(*n),
            Piece::Children(n, false) => root += &"<x>t</x>".repeat(*n),
            Piece::Attributes(n) => root += &format!("<x{}/>", (0..*n).map(|i| format!(" a{i}=\"&amp;{i}\"")).collect::<String>()),
            Piece::Comments(n) => root += &"<!-- c --><?p i?>".repeat(*n),
            Piece::References(n) => root += &format!("<requestId>{}</requestId>", "&amp;&#x41;&lt;".repeat(*n)),
            Piece::Deep(n) => root += &format!("{}{}", "<d>".repeat(*n), "</d>".repeat(*n)),
            Piece::LongName(n) => root += &format!("<{0}>v</{0}>", "n".repeat(*n)),
            Piece::Field(name, value) => root += &format!("<{name}>{value}</{name}>"),
            Piece::Item => items += "<vpcPeeringInstance><vpcPeeringInstanceNo>1</vpcPeeringInstanceNo><vpcPeeringInstanceStatus><code>RUN</code></vpcPeeringInstanceStatus></vpcPeeringInstance>",
        }
    }
    format!("<{0}>{root}<vpcPeeringInstanceList>{items}</vpcPeeringInstanceList></{0}>", action.response_name())
}

fn hostile_json(action: Action, pieces: &[Piece]) -> String {
    let mut members = Vec::new();
    let mut items = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Blanks(n) => members.push(format!("{}\"b\":0", " \n\t\r".repeat(n / 4 + 1))),
            Piece::Letter => members.push("y".to_owned()),
            Piece::Children(n, empty) => members.extend((0..*n).map(|i| if *empty { format!("\"x{i}\":{{}}") } else { format!("\"x\":[{i}]") })),
            Piece::Attributes(n) => members.push(format!("\"o\":{{{}}}", (0..*n).map(|i| format!("\"a{i}\":\"\\u0041{i}\"")).collect::<Vec<_>>().join(","))),
            Piece::Comments(_) => {}
            Piece::References(n) => members.push(format!("\"requestId\":\"{}\"", "\\u0041\\n\\\"\\ud83d\\ude00".repeat(*n))),
            Piece::Deep(n) => members.push(format!("\"d\":{}1{}", "[".repeat(*n), "]".repeat(*n))),
            Piece::LongName(n) => members.push(format!("\"{}\":1", "n".repeat(*n))),
            Piece::Field(name, value) => members.push(format!("\"{name}\":{}", serde_json::to_string(value).unwrap())),
            Piece::Item => items.push(r#"{"vpcPeeringInstanceNo":"1","vpcPeeringInstanceStatus":{"code":"RUN"}}"#),
        }
    }
    members.push(format!("\"vpcPeeringInstanceList\":[{}]", items.join(",")));
    format!("{{\"{}\":{{{}}}}}", action.response_name(), members.join(","))
}

#[test]
fn fuzz_response_hostile_shapes() {
    let input = (status(), select(&Action::ALL[..]), prop::collection::vec(piece(), 0..8), any::<bool>());
    run(file!(), "response_hostile_shapes", input, |(status, action, pieces, as_json)| {
        let body = if as_json { hostile_json(action, &pieces) } else { hostile_xml(action, &pieces) };
        check(action, status, &body);
        1
    });
}

// --- JSON against serde_json ---------------------------------------------------------------------------------------

/// What a parse of `body` says about its syntax: `Some(false)` refused as malformed (or too deep), `Some(true)` read
/// to the end, `None` stopped early at a field of the wrong type (the rest unread).
fn json_syntax_ok(body: &str) -> Option<bool> {
    match parse_answer(Action::List, 200, body) {
        Ok(_) => Some(true),
        Err(err) if err.message.contains("malformed or truncated JSON") || err.message.contains("nested too deeply") => Some(false),
        Err(err) if err.field.is_some() => None,
        Err(_) => Some(true),
    }
}

/// A string literal for `text`, each character written raw, as a short escape, or as `\u` (surrogate pairs beyond
/// the BMP), as `picks` chooses.
fn json_literal(text: &str, picks: &[u8]) -> String {
    let mut out = String::from("\"");
    for (i, c) in text.chars().enumerate() {
        let pick = picks.get(i).copied().unwrap_or(0) % 3;
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\n' => Some("\\n"),
            '\t' => Some("\\t"),
            '\r' => Some("\\r"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            _ => None,
        };
        match (pick, short) {
            (0, _) if c >= ' ' && c != '"' && c != '\\' => out.push(c),
            (1, Some(short)) => out.push_str(short),
            _ => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out += &format!("\\u{unit:04X}");
                }
            }
        }
    }
    out.push('"');
    out
}

#[test]
fn fuzz_response_json_against_serde() {
    let doc = prop_oneof![
        // Unknown content only: the whole document is read, so its syntax decides alone.
        2 => (json_value(), prop::collection::vec(mutation(), 0..3)).prop_map(|(value, mutations)| {
            let doc = format!("{{\"unknown\":{value}}}");
            (String::from_utf8_lossy(&mutate(doc.into_bytes(), &mutations)).into_owned(), None)
        }),
        // A known text field: decoded as serde_json decodes it.
        1 => (any_string(0..24), prop::collection::vec(any::<u8>(), 24)).prop_map(|(text, picks)| {
            let literal = json_literal(&text, &picks);
            (format!("{{\"getVpcPeeringInstanceListResponse\":{{\"returnCode\":\"0\",\"requestId\":{literal}}}}}"), Some(text))
        }),
    ];
    run(file!(), "response_json_against_serde", doc, |(body, text)| {
        let serde = serde_json::from_str::<serde_json::Value>(&body);
        let out_of_range = serde.as_ref().err().is_some_and(|e| e.to_string().contains("out of range") || e.to_string().contains("recursion"));
        if !out_of_range && body.starts_with('{') {
            if let Some(ours) = json_syntax_ok(&body) {
                assert_eq!(ours, serde.is_ok(), "serde_json: {serde:?}\n{body}");
            }
        }
        if let Some(text) = text {
            let answer = parse_answer(Action::List, 200, &body).unwrap_or_else(|e| panic!("{}\n{body}", e.message));
            assert_eq!(answer.request_id, text, "{body}");
            assert_eq!(serde.unwrap()["getVpcPeeringInstanceListResponse"]["requestId"], text.as_str());
        }
        1
    });
}

// --- regressions: inputs worth keeping by name ----------------------------------------------------------------------

#[test]
fn regression_lone_markup_and_references_are_errors_not_panics() {
    for body in [
        "<", "<<", "</", "<!", "<![CDATA[", "<?", "<!--", "<a", "<a>&", "<a>&#", "<a>&#x110000;</a>", "<a>&#xD800;</a>",
        "<a>&#0;</a>", "<a>&#99999999999999999999;</a>", "&amp;", "]]>", "\u{feff}", "\u{feff}\u{feff}<a/>", "<a/>\u{0}",
        "{", "{\"a\"", "{\"\\ud800\":1}", "{\"a\":1e999}", "<:/>", "<a:b:c/>", "<a xmlns:=\"\"/>",
    ] {
        check_all_actions(200, body);
        check_all_actions(502, body);
    }
}

#[test]
fn regression_error_bodies_inside_an_answer_root_are_still_errors() {
    let body = "<createVpcPeeringInstanceResponse><returnCode>1000</returnCode></createVpcPeeringInstanceResponse>";
    let err = parse_answer(Action::Create, 200, body).unwrap_err();
    assert_eq!(err.code, ErrorCode::NcpApi);
    assert_eq!(err.return_code.as_deref(), Some("1000"));
}
