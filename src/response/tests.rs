use super::*;
use crate::model::CodeName;

fn text<'a>(item: &'a Item, name: &str) -> &'a str {
    match item.get(name) {
        Some(Value::Text(text)) => text,
        other => panic!("{name}: {other:?}"),
    }
}

fn pair<'a>(item: &'a Item, name: &str) -> &'a CodeName {
    match item.get(name) {
        Some(Value::CodeName(pair)) => pair,
        other => panic!("{name}: {other:?}"),
    }
}

fn flag(item: &Item, name: &str) -> bool {
    match item.get(name) {
        Some(Value::Flag(flag)) => *flag,
        other => panic!("{name}: {other:?}"),
    }
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn sample_answer_one_instance() {
    let answer = parse_answer(Action::Create, 200, &fixture("create-sample.xml")).unwrap();
    assert_eq!(answer.request_id, "450c98e2-dca5-46f7-9f35-5ec1a1728213");
    assert_eq!(answer.return_code, "0");
    assert_eq!(answer.total_rows, 1);
    let peering = &answer.items[0];
    assert_eq!(text(peering, "vpcPeeringInstanceNo"), "16212");
    assert_eq!(*pair(peering, "vpcPeeringInstanceStatus"), CodeName { code: "INIT".into(), code_name: "init".into() });
    assert_eq!(text(peering, "lastModifyDate"), "2020-08-05T20:53:16+0900");
    assert_eq!(text(peering, "targetVpcIpv4CidrBlock"), "10.2.0.0/16");
    assert!(!flag(peering, "isBetweenAccounts"));
}

#[test]
fn xml_and_json_of_the_same_data_are_equal() {
    for (xml, json, action) in [
        ("create-sample.xml", "create-sample.json", Action::Create),
        ("list-empty.xml", "list-empty.json", Action::List),
        ("list-many.xml", "list-many.json", Action::List),
    ] {
        let from_xml = parse_answer(action, 200, &fixture(xml)).unwrap();
        let from_json = parse_answer(action, 200, &fixture(json)).unwrap();
        assert_eq!(from_xml, from_json, "{xml} vs {json}");
    }
}

#[test]
fn zero_and_many_instances() {
    assert!(parse_answer(Action::List, 200, &fixture("list-empty.xml")).unwrap().items.is_empty());
    let many = parse_answer(Action::List, 200, &fixture("list-many.xml")).unwrap();
    assert_eq!(many.total_rows, 7);
    let codes: Vec<_> = many.items.iter().map(|p| pair(p, "vpcPeeringInstanceStatus").code.as_str()).collect();
    assert_eq!(codes, ["RUN", "INIT", "TERMTING"]);
    assert_eq!(text(&many.items[1], "vpcPeeringInstanceStatusName"), "수락 대기중");
    assert_eq!(text(&many.items[2], "vpcPeeringDescription"), "설명 <2> & \"quoted\"");
    assert!(flag(&many.items[0], "hasReverseVpcPeering"));
}

#[test]
fn xml_features_are_handled_as_xml_defines_them() {
    let answer = parse_answer(Action::Detail, 200, &fixture("xml-features.xml")).unwrap();
    assert_eq!(answer.request_id, "req-12");
    let peering = &answer.items[0];
    assert_eq!(text(peering, "vpcPeeringName"), "ab-c");
    assert_eq!(text(peering, "vpcPeeringDescription"), "  a & b <c> <raw & text> 한  ");
    assert_eq!(text(peering, "lastModifyDate"), "2026-11-25T09:00:00+0900");
    assert_eq!(pair(peering, "vpcPeeringInstanceStatus").code, "RUN");
    assert!(flag(peering, "isBetweenAccounts"));
    assert_eq!(text(peering, "regionCode"), "", "absent text reads as empty");
}

#[test]
fn gateway_errors_in_json_and_wrapped_xml() {
    for name in ["gateway-401.json", "gateway-401-wrapped.xml"] {
        let err = parse_answer(Action::Create, 401, &fixture(name)).unwrap_err();
        assert_eq!(err.code, ErrorCode::NcpApi, "{name}");
        assert_eq!(err.status, Some(401));
        assert_eq!(err.return_code.as_deref(), Some("200"));
        assert_eq!(err.return_message.as_deref(), Some("Authentication Failed"));
        assert_eq!(err.details.as_deref(), Some("Invalid authentication information."));
        assert!(err.message.contains("more than 5 minutes"), "{}", err.message);
    }
}

#[test]
fn service_errors_in_xml_and_json() {
    for name in ["service-error.xml", "service-error.json"] {
        let err = parse_answer(Action::Create, 400, &fixture(name)).unwrap_err();
        assert_eq!(err.code, ErrorCode::NcpApi);
        assert_eq!(err.return_code.as_deref(), Some("1007009"));
        assert_eq!(
            err.message,
            "createVpcPeeringInstance failed with returnCode 1007009: The CIDR blocks of the two VPCs overlap."
        );
    }
}

#[test]
fn non_zero_return_code_in_a_2xx_is_an_error() {
    let err = parse_answer(Action::Create, 200, &fixture("return-code-nonzero.json")).unwrap_err();
    assert_eq!(err.code, ErrorCode::NcpApi);
    assert_eq!(err.return_code.as_deref(), Some("1010001"));
    assert_eq!(err.request_id.as_deref(), Some("req-nz"));
    assert_eq!(err.status, Some(200));
}

#[test]
fn html_502_is_an_http_error_with_a_snippet() {
    let err = parse_answer(Action::Create, 502, &fixture("html-502.html")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Http);
    assert_eq!(err.status, Some(502));
    assert!(err.body_snippet.unwrap().contains("502 Bad Gateway"));
}

#[test]
fn bad_2xx_bodies() {
    let sample = fixture("create-sample.xml");
    let cases = [
        ("".to_owned(), "an empty body"),
        ("   \n".to_owned(), "an empty body"),
        (sample[..sample.len() / 2].to_owned(), "malformed or truncated XML"),
        (fixture("create-sample.json")[..300].to_owned(), "malformed or truncated JSON"),
        ("\u{0}\u{1}binary\u{fffd}".to_owned(), "neither XML nor JSON"),
        ("<other/>".to_owned(), "not <createVpcPeeringInstanceResponse>"),
        (fixture("list-empty.json"), "not <createVpcPeeringInstanceResponse>"),
        ("<createVpcPeeringInstanceResponse/>".to_owned(), "without returnCode"),
        ("<a/><b/>".to_owned(), "more than one root"),
        ("<a>&nbsp;</a>".to_owned(), "unknown entity"),
        ("{\"createVpcPeeringInstanceResponse\": 5}".to_owned(), "createVpcPeeringInstanceResponse is not a group of fields"),
        ("[1,2]".to_owned(), "neither XML nor JSON"),
    ];
    for (body, reason) in cases {
        let err = parse_answer(Action::Create, 200, &body).unwrap_err();
        assert_eq!(err.code, ErrorCode::BadResponse, "{body:?}");
        assert!(err.message.contains(reason), "{body:?}: {}", err.message);
        assert_eq!(err.status, Some(200));
    }
}

#[test]
fn success_shape_with_an_error_status_is_an_http_error() {
    let err = parse_answer(Action::Create, 500, &fixture("create-sample.xml")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Http);
}

#[test]
fn deep_nesting_is_refused_without_recursion_trouble() {
    let body = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let err = parse_answer(Action::Create, 200, &body).unwrap_err();
    assert!(err.message.contains("nested too deeply"));
    let deep_json = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert_eq!(parse_answer(Action::Create, 200, &deep_json).unwrap_err().code, ErrorCode::BadResponse);
}

// --- issue 11, round two: the core ---------------------------------------------------------------------------------

const LIST_ROOT: &str = "getVpcPeeringInstanceListResponse";

/// A JSON list answer whose root holds `fields` (raw JSON members) and a list of `items` (raw JSON values).
fn json_answer(fields: &str, items: &str) -> String {
    let comma = if fields.is_empty() { "" } else { "," };
    format!(r#"{{"{LIST_ROOT}":{{"returnCode":"0"{comma}{fields},"vpcPeeringInstanceList":[{items}]}}}}"#)
}

/// An XML list answer whose root holds `fields` and a list holding `items` (raw XML).
fn xml_answer(fields: &str, items: &str) -> String {
    format!("<{LIST_ROOT}><returnCode>0</returnCode>{fields}<vpcPeeringInstanceList>{items}</vpcPeeringInstanceList></{LIST_ROOT}>")
}

const JSON_ITEM: &str = r#"{"vpcPeeringInstanceNo":"1","vpcPeeringInstanceStatus":{"code":"RUN"}}"#;
const XML_ITEM: &str = "<vpcPeeringInstance><vpcPeeringInstanceNo>1</vpcPeeringInstanceNo><vpcPeeringInstanceStatus><code>RUN</code></vpcPeeringInstanceStatus></vpcPeeringInstance>";

/// The error for `body`, checked to be ERR_BAD_RESPONSE naming `field` in its message and its `field`.
fn refused(action: Action, body: &str, field: &str) -> Error {
    let err = parse_answer(action, 200, body).expect_err(body);
    assert_eq!(err.code, ErrorCode::BadResponse, "{body}: {}", err.message);
    assert_eq!(err.field.as_deref(), Some(field), "{body}: {}", err.message);
    assert!(err.message.contains(field), "{body}: {}", err.message);
    err
}

#[test]
fn regression_malformed_numbers_are_refused_not_replaced() {
    // Issue 11 #6: each came back as the list's length, as if the answer had been fine.
    for rows in ["4294967296", "99999999999999999999", "-1", "1e400", "1.5", "1e3", "\"abc\"", "\"-1\"", "\" 7x\"", "true", "{}", "[]"] {
        let err = refused(Action::List, &json_answer(&format!(r#""totalRows":{rows}"#), JSON_ITEM), "totalRows");
        assert!(err.message.ends_with("an answer whose totalRows is not a whole number from 0 to 4294967295"), "{}", err.message);
    }
    for rows in ["4294967296", "-1", "abc", "1e3", "+1", "0x10", "7 7"] {
        refused(Action::List, &xml_answer(&format!("<totalRows>{rows}</totalRows>"), XML_ITEM), "totalRows");
    }
    // The edges that are fine: the largest count, a count as JSON text, digits with XML blanks, an empty element.
    assert_eq!(parse_answer(Action::List, 200, &json_answer(r#""totalRows":4294967295"#, JSON_ITEM)).unwrap().total_rows, u32::MAX);
    assert_eq!(parse_answer(Action::List, 200, &json_answer(r#""totalRows":"7""#, JSON_ITEM)).unwrap().total_rows, 7);
    assert_eq!(parse_answer(Action::List, 200, &xml_answer("<totalRows> 7\n</totalRows>", XML_ITEM)).unwrap().total_rows, 7);
    assert_eq!(parse_answer(Action::List, 200, &xml_answer("<totalRows/>", XML_ITEM)).unwrap().total_rows, 1);
    // A number where the API writes text: never formatted into a substitute (2^53 + 1 printed as "" before).
    for number in ["9007199254740993", "16212", "1.0", "-3"] {
        let item = format!(r#"{{"vpcPeeringInstanceNo":{number},"vpcPeeringInstanceStatus":{{"code":"RUN"}}}}"#);
        refused(Action::List, &json_answer("", &item), "vpcPeeringInstanceNo");
    }
}

#[test]
fn regression_fields_of_the_wrong_type_are_refused_naming_the_field() {
    let item = |member: &str| format!(r#"{{"vpcPeeringInstanceNo":"1","vpcPeeringInstanceStatus":{{"code":"RUN"}},{member}}}"#);
    let cases = [
        (item(r#""vpcPeeringName":{}"#), "vpcPeeringName", "is not text"),
        (item(r#""vpcPeeringName":["a"]"#), "vpcPeeringName", "is not text"),
        (item(r#""regionCode":true"#), "regionCode", "is not text"),
        (item(r#""isBetweenAccounts":"yes""#), "isBetweenAccounts", "is not true or false"),
        (item(r#""hasReverseVpcPeering":1"#), "hasReverseVpcPeering", "is not true or false"),
        (item(r#""vpcPeeringInstanceOperation":"NULL""#), "vpcPeeringInstanceOperation", "is not a group of fields"),
        (item(r#""vpcPeeringInstanceOperation":{"code":5}"#), "code", "is not text"),
        (r#"{"vpcPeeringInstanceNo":"1","vpcPeeringInstanceStatus":"RUN"}"#.to_owned(), "vpcPeeringInstanceStatus", "is not a group of fields"),
        ("null".to_owned(), "vpcPeeringInstance", "is not a group of fields"),
        ("5".to_owned(), "vpcPeeringInstance", "is not a group of fields"),
        (format!("[{JSON_ITEM}]"), "vpcPeeringInstance", "is not a group of fields"),
    ];
    for (items, field, what) in cases {
        let err = refused(Action::List, &json_answer("", &items), field);
        assert!(err.message.ends_with(&format!("an answer whose {field} {what}")), "{}", err.message);
    }
    refused(Action::List, &format!(r#"{{"{LIST_ROOT}":{{"returnCode":"0","vpcPeeringInstanceList":{{}}}}}}"#), "vpcPeeringInstanceList");
    refused(Action::List, &format!(r#"{{"{LIST_ROOT}":{{"returnCode":{{}}}}}}"#), "returnCode");
    refused(Action::List, &format!(r#"{{"{LIST_ROOT}":{{"returnCode":0.0}}}}"#), "returnCode");
    // XML: text where fields belong, elements where text belongs, something else in the list.
    let xml_item = |inner: &str| format!("<vpcPeeringInstance><vpcPeeringInstanceNo>1</vpcPeeringInstanceNo><vpcPeeringInstanceStatus><code>RUN</code></vpcPeeringInstanceStatus>{inner}</vpcPeeringInstance>");
    refused(Action::List, &xml_answer("", &xml_item("<vpcPeeringName>a<b/></vpcPeeringName>")), "vpcPeeringName");
    refused(Action::List, &xml_answer("", &xml_item("<isBetweenAccounts>yes</isBetweenAccounts>")), "isBetweenAccounts");
    refused(Action::List, &xml_answer("", &xml_item("<vpcPeeringInstanceOperation>NULL</vpcPeeringInstanceOperation>")), "vpcPeeringInstanceOperation");
    refused(Action::List, &xml_answer("", &format!("{XML_ITEM}<other/>")), "vpcPeeringInstanceList");
    refused(Action::List, &xml_answer("", &format!("text{XML_ITEM}")), "vpcPeeringInstanceList");
    refused(Action::List, &format!("<{LIST_ROOT}>junk<returnCode>0</returnCode></{LIST_ROOT}>"), LIST_ROOT);
    // Numbers as JSON numbers where the API allows them: a code.
    let answer = parse_answer(Action::List, 200, &format!(r#"{{"{LIST_ROOT}":{{"returnCode":0,"totalRows":0}}}}"#)).unwrap();
    assert_eq!(answer.return_code, "0");
    let err = parse_answer(Action::List, 200, &format!(r#"{{"{LIST_ROOT}":{{"returnCode":-5}}}}"#)).unwrap_err();
    assert_eq!((err.code, err.return_code.as_deref()), (ErrorCode::NcpApi, Some("-5")));
}

#[test]
fn regression_incomplete_answers_are_refused() {
    // Issue 11 #7: a create answer without its peering resolved with an empty list (`const [peering] = …` got
    // undefined); a detail answer saying totalRows 1 without a list made a wait for GONE conclude "deleted".
    let create = |fields: &str| format!(r#"{{"createVpcPeeringInstanceResponse":{{"returnCode":"0"{fields}}}}}"#);
    refused(Action::Create, &create(""), "vpcPeeringInstanceList");
    refused(Action::Create, &create(r#","vpcPeeringInstanceList":[]"#), "vpcPeeringInstanceList");
    refused(Action::Create, &create(r#","totalRows":1"#), "totalRows");
    refused(Action::Create, "<createVpcPeeringInstanceResponse><returnCode>0</returnCode></createVpcPeeringInstanceResponse>", "vpcPeeringInstanceList");
    let detail = |fields: &str| format!(r#"{{"getVpcPeeringInstanceDetailResponse":{{"returnCode":"0"{fields}}}}}"#);
    refused(Action::Detail, &detail(r#","totalRows":1"#), "totalRows");
    refused(Action::Detail, &detail(r#","totalRows":1,"vpcPeeringInstanceList":[]"#), "totalRows");
    refused(Action::Detail, &detail(""), "vpcPeeringInstanceList");
    refused(Action::Detail, &detail(&format!(r#","vpcPeeringInstanceList":[{JSON_ITEM},{JSON_ITEM}]"#)), "vpcPeeringInstanceList");
    // More instances than totalRows says is wrong for every action; fewer is paging, for the list only.
    refused(Action::List, &json_answer(r#""totalRows":1"#, &format!("{JSON_ITEM},{JSON_ITEM}")), "totalRows");
    assert_eq!(parse_answer(Action::List, 200, &json_answer(r#""totalRows":100"#, JSON_ITEM)).unwrap().total_rows, 100);
    refused(Action::Delete, &json_answer(r#""totalRows":2"#, JSON_ITEM).replace(LIST_ROOT, "deleteVpcPeeringInstanceResponse"), "totalRows");
    // An instance must name itself and say its status.
    refused(Action::List, &json_answer("", r#"{"vpcPeeringInstanceStatus":{"code":"RUN"}}"#), "vpcPeeringInstanceNo");
    refused(Action::List, &json_answer("", r#"{"vpcPeeringInstanceNo":" ","vpcPeeringInstanceStatus":{"code":"RUN"}}"#), "vpcPeeringInstanceNo");
    refused(Action::List, &json_answer("", r#"{"vpcPeeringInstanceNo":"1"}"#), "vpcPeeringInstanceStatus");
    refused(Action::List, &xml_answer("", "<vpcPeeringInstance><vpcPeeringInstanceNo>1</vpcPeeringInstanceNo></vpcPeeringInstance>"), "vpcPeeringInstanceStatus");
    // An incomplete instance in an error answer whose returnCode comes last: the error is the answer's own.
    let late_code = format!(r#"{{"{LIST_ROOT}":{{"vpcPeeringInstanceList":[{{}}],"returnCode":"1000","returnMessage":"later"}}}}"#);
    assert_eq!(parse_answer(Action::List, 200, &late_code).unwrap_err().return_code.as_deref(), Some("1000"));
    // JSON's null is no list.
    refused(Action::Detail, &detail(r#","vpcPeeringInstanceList":null"#), "vpcPeeringInstanceList");
    // Gone is an empty list, or totalRows 0 without one.
    for gone in [detail(r#","totalRows":0,"vpcPeeringInstanceList":[]"#), detail(r#","totalRows":0"#), detail(r#","vpcPeeringInstanceList":[]"#)] {
        assert!(parse_answer(Action::Detail, 200, &gone).unwrap().items.is_empty(), "{gone}");
    }
}

#[test]
fn a_field_given_twice_is_refused_whichever_value_a_reader_would_take() {
    let twice = [
        (format!(r#"{{"{LIST_ROOT}":{{"returnCode":"0","returnCode":"1"}}}}"#), "returnCode"),
        (json_answer(r#""totalRows":1,"totalRows":1"#, JSON_ITEM), "totalRows"),
        (format!(r#"{{"{LIST_ROOT}":{{"returnCode":"0","vpcPeeringInstanceList":[],"vpcPeeringInstanceList":[]}}}}"#), "vpcPeeringInstanceList"),
        (json_answer("", r#"{"vpcPeeringInstanceNo":"1","vpcPeeringInstanceNo":"2","vpcPeeringInstanceStatus":{"code":"RUN"}}"#), "vpcPeeringInstanceNo"),
        (json_answer("", r#"{"vpcPeeringInstanceNo":"1","vpcPeeringInstanceStatus":{"code":"RUN","code":"INIT"}}"#), "code"),
        (json_answer("", r#"{"vpcPeeringInstanceNo":"1","vpcPeeringInstanceStatus":{"code":"RUN"},"vpcPeeringInstanceStatus":{"code":"RUN"}}"#), "vpcPeeringInstanceStatus"),
        (format!(r#"{{"{LIST_ROOT}":{{"returnCode":"0"}},"{LIST_ROOT}":{{"returnCode":"0"}}}}"#), LIST_ROOT),
        (xml_answer("<requestId>a</requestId><requestId>b</requestId>", ""), "requestId"),
        (xml_answer("", &XML_ITEM.replace("<vpcPeeringInstanceNo>1</vpcPeeringInstanceNo>", "<vpcPeeringInstanceNo>1</vpcPeeringInstanceNo><vpcPeeringInstanceNo>2</vpcPeeringInstanceNo>")), "vpcPeeringInstanceNo"),
    ];
    for (body, field) in twice {
        let err = refused(Action::List, &body, field);
        assert!(err.message.ends_with("appears twice"), "{}", err.message);
    }
    // Two error records are refused too; the two date spellings are not the same field (lastModifyDate wins).
    let err = parse_answer(Action::List, 401, r#"{"error":{"errorCode":"200"},"error":{"errorCode":"210"}}"#).unwrap_err();
    assert_eq!(err.code, ErrorCode::Http);
    for dates in [r#""lastModifyDate":"a","lastModifiyDate":"b""#, r#""lastModifiyDate":"b","lastModifyDate":"a""#] {
        let item = format!(r#"{{"vpcPeeringInstanceNo":"1","vpcPeeringInstanceStatus":{{"code":"RUN"}},{dates}}}"#);
        let answer = parse_answer(Action::List, 200, &json_answer("", &item)).unwrap();
        assert_eq!(text(&answer.items[0], "lastModifyDate"), "a");
    }
}

#[test]
fn hostile_xml_is_refused_or_read_as_xml_defines_it() {
    let ok = |body: &str| parse_answer(Action::List, 200, body).unwrap_or_else(|e| panic!("{body}: {}", e.message));
    // A DOCTYPE is never expanded: an entity it declares is unknown, and one it does not use changes nothing.
    let with_doctype = format!("<!DOCTYPE x [<!ENTITY e \"{}\">]>{}", "lol".repeat(10), xml_answer("", XML_ITEM));
    assert_eq!(ok(&with_doctype).items.len(), 1);
    let expanded = xml_answer("<requestId>&e;</requestId>", XML_ITEM);
    assert!(parse_answer(Action::List, 200, &format!("<!DOCTYPE x [<!ENTITY e \"v\">]>{expanded}")).unwrap_err().message.contains("unknown entity"));
    let external = format!("<!DOCTYPE x SYSTEM \"file:///etc/passwd\">{}", xml_answer("<requestId>&xxe;</requestId>", ""));
    assert!(parse_answer(Action::List, 200, &external).is_err());
    // An unknown entity in content the mapping skips still makes the document malformed.
    assert!(parse_answer(Action::List, 200, &xml_answer("<unknown>&nbsp;</unknown>", "")).unwrap_err().message.contains("unknown entity"));
    // Control characters XML 1.0 forbids, raw or referenced.
    for bad in ["\u{1}", "&#1;", "&#x1b;"] {
        let err = refused(Action::List, &xml_answer(&format!("<requestId>a{bad}</requestId>"), ""), "requestId");
        assert!(err.message.ends_with("with XML with a control character (at requestId)"), "{}", err.message);
    }
    // A UTF-8 BOM is skipped; a UTF-16 body is not UTF-8 text.
    assert_eq!(ok(&format!("\u{feff}{}", xml_answer("", XML_ITEM))).items.len(), 1);
    let utf16: Vec<u8> = "\u{feff}<a/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let err = parse_answer_into::<Vec<Item>>(Action::List, 200, &utf16).unwrap_err();
    assert!(err.message.ends_with("with a body that is not UTF-8 text"), "{}", err.message);
    // Answers that change format midway.
    for body in [format!("{}<a/>", json_answer("", JSON_ITEM)), format!("{}{{}}", xml_answer("", XML_ITEM)), format!("{0}{0}", xml_answer("", ""))] {
        assert_eq!(parse_answer(Action::List, 200, &body).unwrap_err().code, ErrorCode::BadResponse, "{body}");
    }
    // Very long names, attributes and comments are read once and kept nowhere.
    let long = "n".repeat(100_000);
    let attributes: String = (0..10_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let body = xml_answer(&format!("<{long}{attributes}>x</{long}><!--{long}--><?{long}?>"), XML_ITEM);
    assert_eq!(ok(&body).items.len(), 1);
}

#[test]
fn regression_blanks_before_many_children_are_read_once() {
    // Issue 11 #3: the blanks before a child were re-scanned at every later child, quadratic in the body (2–3 s at
    // 264 KB, 113 s at 1.25 MB). Here only the outcome is checked; `make bench-hostile` shows the time per byte.
    let children = "<x></x>".repeat(10_000);
    let blanks = " ".repeat(200_000);
    let err = refused(Action::List, &format!("<{LIST_ROOT}>{blanks}y{children}<returnCode>0</returnCode></{LIST_ROOT}>"), LIST_ROOT);
    assert!(err.message.ends_with("is not a group of fields"), "{}", err.message);
    let answer = parse_answer(Action::List, 200, &format!("<{LIST_ROOT}>{blanks}{children}<returnCode>0</returnCode></{LIST_ROOT}>")).unwrap();
    assert_eq!(answer.total_rows, 0);
}

#[test]
fn json_is_read_as_rfc_8259_defines_it() {
    let ok = |body: &str| parse_answer(Action::List, 200, body).unwrap_or_else(|e| panic!("{body}: {}", e.message));
    // Escapes in keys and values, surrogate pairs, every simple escape.
    let escaped = format!(r#"{{"{LIST_ROOT}":{{"return\u0043ode":"0","requestId":"\ud83d\ude00\"\\\/\b\f\n\r\t\u00e9","vpcPeeringInstanceList":[]}}}}"#);
    assert_eq!(ok(&escaped).request_id, "😀\"\\/\u{8}\u{c}\n\r\té");
    // Where a syntax error breaks off inside a field, the message says which.
    let err = parse_answer(Action::List, 200, &format!(r#"{{"{LIST_ROOT}":{{"returnCode":"0","requestId":"abc"#)).unwrap_err();
    assert!(err.message.ends_with("malformed or truncated JSON (at requestId)"), "{}", err.message);
    assert_eq!(err.field.as_deref(), Some("requestId"));
    for bad in [r#""\ud800""#, r#""\udc00""#, r#""\ud800\u0041""#, r#""\x""#, r#""\u00g0""#, "\"a\u{1}\"", "01", "1.", ".5", "-", "+1", "1e", "tru", "nul", "'a'"] {
        // In content the mapping skips: it is still read as JSON.
        let body = format!(r#"{{"{LIST_ROOT}":{{"returnCode":"0","unknown":{bad}}}}}"#);
        let err = parse_answer(Action::List, 200, &body).unwrap_err();
        assert!(err.message.contains("malformed or truncated JSON"), "{bad}: {}", err.message);
    }
    // Trailing commas, missing colons, trailing text, unclosed containers.
    for bad in [r#"{"a":1,}"#, r#"{"a" 1}"#, r#"{"a":[1,]}"#, r#"{"a":1} x"#, r#"{"a":[1"#, r#"{"a":{"#, r#"{,}"#, r#"{"a":1 "b":2}"#] {
        assert!(parse_answer(Action::List, 200, bad).unwrap_err().message.contains("malformed or truncated JSON"), "{bad}");
    }
    // Unknown content of any kind is skipped, up to the depth bound.
    let unknown = format!(r#""u":[{{"a":[1,-2.5e+3,true,false,null,"\u0041"]}},[],{{}}],"v":{}1{}"#, "[".repeat(25), "]".repeat(25));
    assert_eq!(ok(&json_answer(&unknown, JSON_ITEM)).items.len(), 1);
    let deep = json_answer(&format!(r#""v":{}1{}"#, "[".repeat(40), "]".repeat(40)), "");
    assert!(parse_answer(Action::List, 200, &deep).unwrap_err().message.contains("nested too deeply"));
}

// --- a resource of another shape: what issue 14's routes need, and the integer kind ------------------------------

use crate::resource::{code_name, flag as flag_field, integer, text as text_field};

/// A route (ncp-vpc-routes.md), plus `priority`, an integer read also as `routePriority`: this test's, for the kind.
static ROUTE: Resource = Resource {
    list: "routeList",
    item: "route",
    fields: &[
        text_field("destinationCidrBlock").required(),
        text_field("targetName"),
        text_field("routeTableNo"),
        code_name("targetType").required(),
        text_field("targetNo"),
        flag_field("isDefault"),
        integer("priority").alias("routePriority"),
    ],
};

static GET_ROUTE_LIST: ActionSpec =
    ActionSpec { name: "getRouteList", params: &[], constraints: &[], resource: &ROUTE, listing: Listing::All, read_only: true };

fn routes(body: &str) -> Result<Answer, Error> {
    parse_spec_into(&GET_ROUTE_LIST, 200, body.as_bytes(), false)
}

#[test]
fn another_resource_is_read_from_its_schema_in_xml_and_json() {
    let xml = "<getRouteListResponse><returnCode>0</returnCode><totalRows>2</totalRows><routeList>\
        <route><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><targetType><code>LOCAL</code><codeName>Local</codeName></targetType>\
        <isDefault>true</isDefault><priority>3</priority></route>\
        <route><destinationCidrBlock>10.1.0.0/16</destinationCidrBlock><targetName>peer-a</targetName><targetType><code>VPCPEERING</code></targetType>\
        <targetNo>77</targetNo><routePriority> 12 </routePriority><unknown>x</unknown></route></routeList></getRouteListResponse>";
    let json = r#"{"getRouteListResponse":{"returnCode":"0","totalRows":2,"routeList":[
        {"destinationCidrBlock":"10.0.0.0/16","targetType":{"code":"LOCAL","codeName":"Local"},"isDefault":true,"priority":3},
        {"destinationCidrBlock":"10.1.0.0/16","targetName":"peer-a","targetType":{"code":"VPCPEERING"},"targetNo":"77","routePriority":12,"unknown":[1]}]}}"#;
    let from_xml = routes(xml).unwrap();
    assert_eq!(from_xml, routes(json).unwrap());
    let [local, peering] = &from_xml.items[..] else { panic!("{:?}", from_xml.items) };
    assert_eq!(local.get("priority"), Some(&Value::Integer(3)));
    assert_eq!(peering.get("priority"), Some(&Value::Integer(12)), "read under its alias");
    assert!(flag(local, "isDefault") && !flag(peering, "isDefault"));
    assert_eq!(pair(peering, "targetType").code, "VPCPEERING");
    assert_eq!(text(peering, "targetNo"), "77");
    // Handed to JS in the schema's order, empty fields left out; the empty item says what to fill them with.
    assert_eq!(
        crate::model::item_json(peering),
        r#"{"destinationCidrBlock":"10.1.0.0/16","targetName":"peer-a","targetType":{"code":"VPCPEERING"},"targetNo":"77","priority":12}"#
    );
    assert_eq!(
        crate::model::empty_item_json(&ROUTE),
        r#"{"destinationCidrBlock":"","targetName":"","routeTableNo":"","targetType":{"code":"","codeName":""},"targetNo":"","isDefault":false,"priority":0}"#
    );
}

#[test]
fn another_resources_fields_are_checked_by_kind_and_named() {
    let answer = |items: &str| format!(r#"{{"getRouteListResponse":{{"returnCode":"0","routeList":[{items}]}}}}"#);
    let item = |extra: &str| answer(&format!(r#"{{"destinationCidrBlock":"0.0.0.0/0","targetType":{{"code":"NATGW"}}{extra}}}"#));
    let refused = |body: &str, field: &str| {
        let err = routes(body).unwrap_err();
        assert_eq!(err.code, ErrorCode::BadResponse, "{body}");
        assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
        err.message
    };
    for bad in [r#""-1""#, "1.5", "-1", "4294967296", "true", r#""x""#, "[]"] {
        let message = refused(&item(&format!(r#","priority":{bad}"#)), "priority");
        assert!(message.ends_with("with an answer whose priority is not a whole number from 0 to 4294967295"), "{bad}: {message}");
    }
    assert!(refused(&item(r#","routePriority":"x""#), "routePriority").contains("routePriority is not a whole"));
    assert!(refused(&item(r#","isDefault":"yes""#), "isDefault").ends_with("isDefault is not true or false"));
    assert!(refused(&item(r#","priority":1,"priority":2"#), "priority").ends_with("appears twice"));
    assert!(refused(&answer(r#"{"destinationCidrBlock":"0.0.0.0/0"}"#), "targetType").ends_with("targetType is missing"));
    assert!(refused(&answer(r#"{"targetType":{"code":"NATGW"}}"#), "destinationCidrBlock").ends_with("is missing"));
    let xml = "<getRouteListResponse><returnCode>0</returnCode><routeList><vpcPeeringInstance/></routeList></getRouteListResponse>";
    assert!(refused(xml, "routeList").ends_with("an answer whose routeList is not a list of route"));
    // A null or empty value says nothing; the field keeps its empty value.
    let quiet = routes(&item(r#","priority":null,"targetNo":null"#)).unwrap();
    assert_eq!(quiet.items[0].get("priority"), Some(&Value::Integer(0)));
    let empty = "<getRouteListResponse><returnCode>0</returnCode><routeList><route><destinationCidrBlock>a</destinationCidrBlock>\
        <targetType><code>VGW</code></targetType><priority/></route></routeList></getRouteListResponse>";
    assert_eq!(routes(empty).unwrap().items[0].get("priority"), Some(&Value::Integer(0)));
}
