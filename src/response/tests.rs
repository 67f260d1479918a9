use super::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn sample_answer_one_instance() {
    let answer = parse_answer(Action::Create, 200, &fixture("create-sample.xml")).unwrap();
    assert_eq!(answer.request_id, "450c98e2-dca5-46f7-9f35-5ec1a1728213");
    assert_eq!(answer.return_code, "0");
    assert_eq!(answer.total_rows, 1);
    let peering = &answer.vpc_peering_instance_list[0];
    assert_eq!(peering.vpc_peering_instance_no, "16212");
    assert_eq!(peering.vpc_peering_instance_status, CodeName { code: "INIT".into(), code_name: "init".into() });
    assert_eq!(peering.last_modify_date, "2020-08-05T20:53:16+0900");
    assert_eq!(peering.target_vpc_ipv4_cidr_block, "10.2.0.0/16");
    assert!(!peering.is_between_accounts);
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
    assert!(parse_answer(Action::List, 200, &fixture("list-empty.xml")).unwrap().vpc_peering_instance_list.is_empty());
    let many = parse_answer(Action::List, 200, &fixture("list-many.xml")).unwrap();
    assert_eq!(many.total_rows, 7);
    let codes: Vec<_> = many.vpc_peering_instance_list.iter().map(|p| p.vpc_peering_instance_status.code.as_str()).collect();
    assert_eq!(codes, ["RUN", "INIT", "TERMTING"]);
    assert_eq!(many.vpc_peering_instance_list[1].vpc_peering_instance_status_name, "수락 대기중");
    assert_eq!(many.vpc_peering_instance_list[2].vpc_peering_description, "설명 <2> & \"quoted\"");
    assert!(many.vpc_peering_instance_list[0].has_reverse_vpc_peering);
}

#[test]
fn xml_features_are_handled_as_xml_defines_them() {
    let answer = parse_answer(Action::Detail, 200, &fixture("xml-features.xml")).unwrap();
    assert_eq!(answer.request_id, "req-12");
    let peering = &answer.vpc_peering_instance_list[0];
    assert_eq!(peering.vpc_peering_name, "ab-c");
    assert_eq!(peering.vpc_peering_description, "  a & b <c> <raw & text> 한  ");
    assert_eq!(peering.last_modify_date, "2026-11-25T09:00:00+0900");
    assert_eq!(peering.vpc_peering_instance_status.code, "RUN");
    assert!(peering.is_between_accounts);
    assert_eq!(peering.region_code, "", "absent text reads as empty");
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
        ("{\"createVpcPeeringInstanceResponse\": 5}".to_owned(), "not <createVpcPeeringInstanceResponse>"),
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
