//! The VPC, route table and route answers of `tests/fixtures/` (vpc-list, route-table-list, route-list, each as XML and
//! JSON), parsed natively as the answers of the actions that return them: the same model from either format, every
//! field of the schema read with its kind, the object handed to JS, and the listing rules of each action (a detail
//! holds at most one item). The peering fixtures are read in `src/response/tests.rs`.

// The crate's `Error` is large on purpose (lib.rs); these tests only pass it along.
#![allow(clippy::result_large_err)]

use ncloud_vpc_wasm::action::Action;
use ncloud_vpc_wasm::error::{Error, ErrorCode};
use ncloud_vpc_wasm::model::{empty_item_json, head_json, item_json, Answer, CodeName, Item, Value};
use ncloud_vpc_wasm::resource::{ROUTE, ROUTE_TABLE, VPC};
use ncloud_vpc_wasm::response::parse_answer;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The fixture `name` (`vpc-list.xml`) as the answer to `action`: its root renamed from the fixture's
/// `<listAction>Response` to `<action>Response`, as that action's answer would be.
fn answer_as(action: Action, name: &str, list_action: &str) -> Result<Answer, Error> {
    let body = fixture(name).replace(&format!("{list_action}Response"), &format!("{}Response", action.name()));
    parse_answer(action, 200, &body)
}

fn text<'a>(item: &'a Item, name: &str) -> &'a str {
    match item.get(name) {
        Some(Value::Text(text)) => text,
        other => panic!("{name}: {other:?}"),
    }
}

fn pair(item: &Item, name: &str) -> (String, String) {
    match item.get(name) {
        Some(Value::CodeName(CodeName { code, code_name })) => (code.clone(), code_name.clone()),
        other => panic!("{name}: {other:?}"),
    }
}

fn flag(item: &Item, name: &str) -> bool {
    match item.get(name) {
        Some(Value::Flag(flag)) => *flag,
        other => panic!("{name}: {other:?}"),
    }
}

fn code(code: &str, code_name: &str) -> (String, String) {
    (code.to_owned(), code_name.to_owned())
}

/// Parses `stem`.xml and `stem`.json as the answer of each of `actions`, checks the two are equal, returns the XML's.
fn both_formats(stem: &str, list_action: &str, actions: &[Action]) -> Answer {
    let mut first = None;
    for &action in actions {
        let from_xml = answer_as(action, &format!("{stem}.xml"), list_action).unwrap();
        let from_json = answer_as(action, &format!("{stem}.json"), list_action).unwrap();
        assert_eq!(from_xml, from_json, "{stem} as {}", action.name());
        first.get_or_insert(from_xml);
    }
    first.unwrap()
}

#[test]
fn vpcs_in_xml_and_json_are_one_model() {
    let answer = both_formats("vpc-list", "getVpcList", &[Action::VpcList]);
    assert_eq!((answer.request_id.as_str(), answer.return_code.as_str(), answer.return_message.as_str()), ("req-vpcs", "0", "success"));
    assert_eq!(answer.total_rows, 2);
    let [web, app] = &answer.items[..] else { panic!("{:?}", answer.items) };
    assert_eq!(web.resource().list, VPC.list);
    assert_eq!([text(web, "vpcNo"), text(web, "vpcName"), text(web, "ipv4CidrBlock")], ["75658", "web-vpc", "10.0.0.0/16"]);
    assert_eq!(pair(web, "vpcStatus"), code("RUN", "run"));
    assert_eq!([text(web, "regionCode"), text(web, "createDate")], ["KR", "2026-10-01T09:30:00+0900"]);
    // The JSON's second VPC lists its fields in reverse: the model keeps the schema's order.
    assert_eq!(pair(app, "vpcStatus"), code("CREATING", "creating"));
    assert_eq!(text(app, "ipv4CidrBlock"), "172.16.0.0/16");
    assert_eq!(
        item_json(app),
        r#"{"vpcNo":"75659","vpcName":"app-vpc","ipv4CidrBlock":"172.16.0.0/16","vpcStatus":{"code":"CREATING","codeName":"creating"},"regionCode":"KR","createDate":"2026-11-28T18:04:12+0900"}"#
    );
    assert_eq!(head_json(&answer), r#"{"requestId":"req-vpcs","returnCode":"0","returnMessage":"success","totalRows":2}"#);
}

#[test]
fn route_tables_in_xml_and_json_are_one_model() {
    let answer = both_formats("route-table-list", "getRouteTableList", &[Action::RouteTableList]);
    // A page of a longer list: totalRows counts before paging.
    assert_eq!((answer.total_rows, answer.items.len()), (5, 3));
    let [public, private, batch] = &answer.items[..] else { panic!("{:?}", answer.items) };
    assert_eq!(public.resource().list, ROUTE_TABLE.list);
    assert_eq!([text(public, "routeTableNo"), text(public, "vpcNo"), text(public, "regionCode")], ["30001", "75658", "KR"]);
    assert_eq!(text(public, "routeTableName"), "web-vpc-default-public-table");
    assert_eq!(pair(public, "supportedSubnetType"), code("PUBLIC", "Public"));
    assert_eq!(pair(private, "supportedSubnetType"), code("PRIVATE", "Private"));
    assert_eq!(pair(batch, "routeTableStatus"), code("RUN", "run"));
    assert_eq!([flag(public, "isDefault"), flag(private, "isDefault"), flag(batch, "isDefault")], [true, true, false]);
    assert_eq!(text(public, "routeTableDescription"), "기본 <public> & \"default\"");
    assert_eq!(text(private, "routeTableDescription"), "");
    // Handed to JS as ASCII JSON, the empty description and a false flag left out (JS fills them from the empty item).
    assert_eq!(
        item_json(batch),
        r#"{"routeTableNo":"30017","routeTableName":"web-vpc-batch","regionCode":"KR","vpcNo":"75658","supportedSubnetType":{"code":"PRIVATE","codeName":"Private"},"routeTableStatus":{"code":"RUN","codeName":"run"},"routeTableDescription":"batch subnets"}"#
    );
    assert!(item_json(public).contains(r#""routeTableDescription":"\uae30\ubcf8 <public> & \"default\"""#), "{}", item_json(public));
    assert_eq!(
        empty_item_json(&ROUTE_TABLE),
        r#"{"routeTableNo":"","routeTableName":"","regionCode":"","vpcNo":"","supportedSubnetType":{"code":"","codeName":""},"isDefault":false,"routeTableStatus":{"code":"","codeName":""},"routeTableDescription":""}"#
    );
}

#[test]
fn routes_in_xml_and_json_are_one_model_as_the_answer_of_each_route_action() {
    let answer = both_formats("route-list", "getRouteList", &[Action::RouteList, Action::AddRoute, Action::RemoveRoute]);
    assert_eq!(answer.total_rows, 3);
    let [local, peering, nat] = &answer.items[..] else { panic!("{:?}", answer.items) };
    assert_eq!(local.resource().list, ROUTE.list);
    // The table's own route: target LOCAL, no targetNo (an empty XML element, "" in JSON), isDefault.
    assert_eq!([text(local, "destinationCidrBlock"), text(local, "targetName"), text(local, "targetNo")], ["10.0.0.0/16", "LOCAL", ""]);
    assert_eq!(pair(local, "targetType"), code("LOCAL", "Local"));
    assert!(flag(local, "isDefault"));
    assert_eq!([text(peering, "destinationCidrBlock"), text(peering, "targetName"), text(peering, "targetNo")], ["172.16.0.0/16", "web-to-app", "16212"]);
    assert_eq!(pair(peering, "targetType"), code("VPCPEERING", "VPC Peering"));
    assert!(!flag(peering, "isDefault"));
    assert_eq!(pair(nat, "targetType"), code("NATGW", "NAT Gateway"));
    assert_eq!(text(nat, "routeTableNo"), "30002");
    assert_eq!(
        item_json(local),
        r#"{"destinationCidrBlock":"10.0.0.0/16","targetName":"LOCAL","routeTableNo":"30002","targetType":{"code":"LOCAL","codeName":"Local"},"isDefault":true}"#
    );
    assert_eq!(
        empty_item_json(&ROUTE),
        r#"{"destinationCidrBlock":"","targetName":"","routeTableNo":"","targetType":{"code":"","codeName":""},"targetNo":"","isDefault":false}"#
    );
}

#[test]
fn each_fixture_is_the_answer_of_its_resources_actions_only() {
    // A detail holds at most one item: a list of two or three is no answer to it.
    for (action, stem, list_action) in [
        (Action::VpcDetail, "vpc-list", "getVpcList"),
        (Action::RouteTableDetail, "route-table-list", "getRouteTableList"),
    ] {
        for format in ["xml", "json"] {
            let error = answer_as(action, &format!("{stem}.{format}"), list_action).unwrap_err();
            assert_eq!(error.code, ErrorCode::BadResponse, "{stem}.{format} as {}: {}", action.name(), error.message);
        }
    }
    // One VPC is a detail answer.
    let one = fixture("vpc-list.json").replace("getVpcListResponse", "getVpcDetailResponse").replace("\"totalRows\": 2", "\"totalRows\": 1");
    let start = one.find("      {\n        \"createDate\"").unwrap();
    let end = one[start..].find("      }\n").unwrap() + start + "      }\n".len();
    let one = format!("{}\n{}", one[..start].trim_end().trim_end_matches(','), &one[end..]);
    let detail = parse_answer(Action::VpcDetail, 200, &one).unwrap();
    assert_eq!(detail.items.len(), 1);
    assert_eq!(text(&detail.items[0], "vpcNo"), "75658");
    // Another resource's answer holds none of this one's items: its list is skipped, so a list that must be whole
    // (totalRows counts it) is refused, and a page is read as empty.
    for (action, stem, list_action) in [(Action::RouteList, "vpc-list", "getVpcList"), (Action::VpcList, "route-list", "getRouteList")] {
        for format in ["xml", "json"] {
            let error = answer_as(action, &format!("{stem}.{format}"), list_action).unwrap_err();
            assert_eq!(error.code, ErrorCode::BadResponse);
            assert_eq!(error.field.as_deref(), Some("totalRows"), "{}", error.message);
        }
    }
    for format in ["xml", "json"] {
        let page = answer_as(Action::List, &format!("route-table-list.{format}"), "getRouteTableList").unwrap();
        assert_eq!((page.total_rows, page.items.len()), (5, 0));
    }
}
