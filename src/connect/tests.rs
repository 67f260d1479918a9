//! The connection plans step by step, against a small stand-in for the service: two accounts (keys `AK-A`, `AK-B`),
//! their VPCs and route tables, peerings that run after one poll (same account) or once accepted, and the service's
//! refusals the plans must never meet (a route to a peering not RUN, deleting a peering that routes target). Every
//! call the plan makes is answered here, its keys checked against the VPC it touches.

use super::*;
use crate::model::{CodeName, Value};
use crate::options::{validate_connection, OptionValue};
use crate::plan::tests::answer;
use crate::resource::{PEERING, ROUTE, ROUTE_TABLE, VPC};

const ALICE: &str = "AK-A";
const BOB: &str = "AK-B";

#[derive(Clone, Debug)]
struct FakeVpc {
    no: &'static str,
    name: &'static str,
    cidr: &'static str,
    owner: &'static str,
    login: &'static str,
    tables: Vec<&'static str>,
}

#[derive(Clone, Debug)]
struct FakePeering {
    no: String,
    name: String,
    from: usize,
    to: usize,
    status: &'static str,
    accepted: bool,
}

#[derive(Clone, Debug)]
struct FakeRoute {
    table: &'static str,
    cidr: String,
    kind: String,
    target: String,
    name: String,
}

/// The stand-in: what exists, every call received (action, access key), and failures to inject by action.
struct Fake {
    vpcs: Vec<FakeVpc>,
    peerings: Vec<FakePeering>,
    routes: Vec<FakeRoute>,
    next_no: u32,
    calls: Vec<(&'static str, String)>,
    fail_on: Option<&'static str>,
    /// The page size lists are cut to when the call names none (the service's own default, if it has one).
    page_limit: Option<usize>,
    /// The `totalRows` of the last answer, when it was a page.
    total_rows: Option<u32>,
    /// Whether a request naming the caller's own account as the target's is taken (NCP's answer is unknown).
    cross_login_ok: bool,
}

fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

fn code(value: &str) -> Value {
    Value::CodeName(CodeName { code: value.to_owned(), code_name: value.to_lowercase() })
}

impl Fake {
    /// Alice owns 10002 (10.0.0.0/16, tables 30003 and 30004) and 10003 (10.1.0.0/16, tables 30005, 30006) and 10009
    /// (10.0.128.0/17, overlapping 10002); Bob owns 20004 (10.3.0.0/16, tables 40007 and 40008).
    fn new() -> Fake {
        let vpc = |no, name, cidr, owner, login, tables| FakeVpc { no, name, cidr, owner, login, tables };
        Fake {
            vpcs: vec![
                vpc("10002", "app", "10.0.0.0/16", ALICE, "alice@example.com", vec!["30003", "30004"]),
                vpc("10003", "legacy", "10.1.0.0/16", ALICE, "alice@example.com", vec!["30005", "30006"]),
                vpc("10009", "overlap", "10.0.128.0/17", ALICE, "alice@example.com", vec!["30019"]),
                vpc("20004", "bob-data", "10.3.0.0/16", BOB, "bob@example.com", vec!["40007", "40008"]),
            ],
            peerings: Vec::new(),
            routes: Vec::new(),
            next_no: 16_200,
            calls: Vec::new(),
            fail_on: None,
            page_limit: None,
            total_rows: None,
            cross_login_ok: false,
        }
    }

    fn vpc_at(&self, no: &str) -> Option<usize> {
        self.vpcs.iter().position(|v| v.no == no)
    }

    fn peering_item(&self, p: &FakePeering) -> Item {
        let (from, to) = (&self.vpcs[p.from], &self.vpcs[p.to]);
        Item::new(&PEERING)
            .with("vpcPeeringInstanceNo", text(&p.no))
            .with("vpcPeeringName", text(&p.name))
            .with("vpcPeeringInstanceStatus", code(p.status))
            .with("sourceVpcNo", text(from.no))
            .with("sourceVpcName", text(from.name))
            .with("sourceVpcIpv4CidrBlock", text(from.cidr))
            .with("sourceVpcLoginId", text(from.login))
            .with("targetVpcNo", text(to.no))
            .with("targetVpcName", text(to.name))
            .with("targetVpcIpv4CidrBlock", text(to.cidr))
            .with("targetVpcLoginId", text(to.login))
            .with("isBetweenAccounts", Value::Flag(from.owner != to.owner))
    }

    fn route_items(&self, table: &str) -> Vec<Item> {
        let owner = self.vpcs.iter().find(|v| v.tables.contains(&table)).map_or("", |v| v.cidr);
        let local = Item::new(&ROUTE)
            .with("destinationCidrBlock", text(owner))
            .with("targetName", text("LOCAL"))
            .with("routeTableNo", text(table))
            .with("targetType", code("LOCAL"))
            .with("isDefault", Value::Flag(true));
        let others = self.routes.iter().filter(|r| r.table == table).map(|r| {
            Item::new(&ROUTE)
                .with("destinationCidrBlock", text(&r.cidr))
                .with("targetName", text(&r.name))
                .with("routeTableNo", text(table))
                .with("targetType", code(&r.kind))
                .with("targetNo", text(&r.target))
        });
        [local].into_iter().chain(others).collect()
    }

    fn param<'a>(call: &'a Call, name: &str) -> &'a str {
        call.params.iter().find(|(key, _)| key == name).map_or("", |(_, value)| value.as_str())
    }

    /// Answers `call`, a list cut to the page asked for (or to `page_limit`) with `totalRows` counting all.
    fn answer_paged(&mut self, call: &Call) -> Result<Vec<Item>, Error> {
        let all = self.answer(call)?;
        self.total_rows = None;
        if !matches!(call.action, Action::List | Action::RouteTableList) {
            return Ok(all);
        }
        let (page, size) = match (Fake::param(call, "pageNo").parse::<usize>(), Fake::param(call, "pageSize").parse::<usize>()) {
            (Ok(page), Ok(size)) => (page, size),
            _ => match self.page_limit {
                Some(limit) => (1, limit),
                None => return Ok(all),
            },
        };
        self.total_rows = Some(all.len() as u32);
        Ok(all.into_iter().skip((page - 1) * size).take(size).collect())
    }

    /// Answers `call` as the service would, or fails it (a refusal the plan must never meet fails the test).
    fn answer(&mut self, call: &Call) -> Result<Vec<Item>, Error> {
        let key = call.credentials.access_key().to_owned();
        let action = call.action.name();
        self.calls.push((action, key.clone()));
        if self.fail_on == Some(action) {
            self.fail_on = None;
            return Err(Error::new(ErrorCode::Network, format!("{action}: connection reset")));
        }
        let p = |name: &str| -> &str { Fake::param(call, name) };
        let owns = |fake: &Fake, vpc: usize| fake.vpcs[vpc].owner == key;
        let party = |fake: &Fake, peering: &FakePeering| owns(fake, peering.from) || owns(fake, peering.to);
        Ok(match call.action {
            Action::VpcDetail => {
                self.vpc_at(p("vpcNo")).filter(|&at| owns(self, at)).map(|at| {
                    let v = &self.vpcs[at];
                    Item::new(&VPC).with("vpcNo", text(v.no)).with("vpcName", text(v.name)).with("ipv4CidrBlock", text(v.cidr))
                }).into_iter().collect()
            }
            Action::List => self.peerings.iter().filter(|peering| party(self, peering)).map(|peering| self.peering_item(peering)).collect(),
            Action::Detail => {
                // Time passes between polls: an accepted or same-account peering runs, a deleted one goes.
                let no = p("vpcPeeringInstanceNo").to_owned();
                if let Some(at) = self.peerings.iter().position(|x| x.no == no) {
                    match self.peerings[at].status {
                        "INIT" if self.peerings[at].accepted => self.peerings[at].status = "RUN",
                        "TERMTING" => {
                            self.peerings.remove(at);
                        }
                        _ => {}
                    }
                }
                self.peerings.iter().filter(|x| x.no == no && party(self, x)).map(|x| self.peering_item(x)).collect()
            }
            Action::Create => {
                let (from, to) = (self.vpc_at(p("sourceVpcNo")).unwrap(), self.vpc_at(p("targetVpcNo")).unwrap());
                assert!(owns(self, from), "{action} with the keys of the target VPC's account");
                let cross = self.vpcs[from].owner != self.vpcs[to].owner;
                assert!(cross != p("targetVpcLoginId").is_empty() || self.cross_login_ok, "a cross-account request names the other account");
                if cross {
                    assert_eq!(p("targetVpcLoginId"), self.vpcs[to].login);
                    assert_eq!(p("targetVpcName"), self.vpcs[to].name);
                }
                assert!(!self.peerings.iter().any(|x| x.from == from && x.to == to), "a second peering in one direction");
                self.next_no += 1;
                let name = if p("vpcPeeringName").is_empty() { format!("peer-{}", self.next_no) } else { p("vpcPeeringName").to_owned() };
                let peering = FakePeering { no: self.next_no.to_string(), name, from, to, status: "INIT", accepted: !cross };
                self.peerings.push(peering.clone());
                vec![self.peering_item(&peering)]
            }
            Action::AcceptOrReject => {
                let at = self.peerings.iter().position(|x| x.no == p("vpcPeeringInstanceNo")).unwrap();
                assert!(owns(self, self.peerings[at].to), "accepted by the requester");
                if self.peerings[at].accepted {
                    // As the emulator does (its rule is an invention): an accepted peering is not awaiting acceptance.
                    let error = Error::new(ErrorCode::NcpApi, "the peering is not awaiting acceptance");
                    return Err(Error { return_code: Some("EMU-1".into()), ..error });
                }
                self.peerings[at].accepted = true;
                vec![self.peering_item(&self.peerings[at].clone())]
            }
            Action::Delete => {
                let at = self.peerings.iter().position(|x| x.no == p("vpcPeeringInstanceNo")).unwrap();
                assert!(owns(self, self.peerings[at].from), "deleted by the accepter");
                let no = self.peerings[at].no.clone();
                assert!(!self.routes.iter().any(|r| r.target == no), "a peering deleted while routes target it");
                self.peerings[at].status = "TERMTING";
                vec![self.peering_item(&self.peerings[at].clone())]
            }
            Action::RouteTableList => {
                let vpc = self.vpc_at(p("vpcNo")).filter(|&at| owns(self, at)).unwrap();
                let wanted: Vec<&str> = call.params.iter().filter(|(k, _)| k.starts_with("routeTableNoList.")).map(|(_, v)| v.as_str()).collect();
                self.vpcs[vpc]
                    .tables
                    .iter()
                    .filter(|t| wanted.is_empty() || wanted.contains(t))
                    .map(|t| Item::new(&ROUTE_TABLE).with("routeTableNo", text(t)).with("vpcNo", text(self.vpcs[vpc].no)))
                    .collect()
            }
            Action::RouteList => {
                let vpc = self.vpc_at(p("vpcNo")).filter(|&at| owns(self, at)).unwrap();
                let table = *self.vpcs[vpc].tables.iter().find(|t| **t == p("routeTableNo")).unwrap();
                self.route_items(table)
            }
            Action::AddRoute | Action::RemoveRoute => {
                let vpc = self.vpc_at(p("vpcNo")).filter(|&at| owns(self, at)).expect("a route in another account's VPC");
                let table = *self.vpcs[vpc].tables.iter().find(|t| **t == p("routeTableNo")).unwrap();
                let mut n = 1;
                while !p(&format!("routeList.{n}.destinationCidrBlock")).is_empty() {
                    let field = |f: &str| p(&format!("routeList.{n}.{f}")).to_owned();
                    let (cidr, target) = (field("destinationCidrBlock"), field("targetNo"));
                    if call.action == Action::AddRoute {
                        let peering = self.peerings.iter().find(|x| x.no == target).expect("a route to no peering");
                        assert_eq!(peering.status, "RUN", "a route to a peering not RUN");
                        assert_eq!(peering.from, vpc, "a route through a peering from another VPC");
                        assert!(!self.routes.iter().any(|r| r.table == table && r.cidr == cidr), "a duplicate route");
                        self.routes.push(FakeRoute { table, cidr, kind: field("targetTypeCode"), target, name: field("targetName") });
                    } else {
                        let before = self.routes.len();
                        self.routes.retain(|r| !(r.table == table && r.cidr == cidr && r.target == target));
                        assert_eq!(self.routes.len(), before - 1, "removing a route that is not there");
                    }
                    n += 1;
                }
                self.route_items(table)
            }
            _ => panic!("unexpected {action}"),
        })
    }

    /// The mutating calls received since `from`.
    fn mutations_since(&self, from: usize) -> Vec<(&'static str, String)> {
        self.calls[from..]
            .iter()
            .filter(|(action, _)| Action::from_name(action).is_some_and(|a| !a.is_read_only()))
            .cloned()
            .collect()
    }
}

/// Options for a connection from `source` to `target` with Alice's keys and `extra`.
fn options(source: &str, target: &str, extra: &[(&str, OptionValue)]) -> ConnectionPlan {
    let s = |v: &str| OptionValue::String(v.to_owned());
    let mut entries = vec![
        ("accessKey".to_owned(), s(ALICE)),
        ("secretKey".to_owned(), s("alice-secret-key-0000")),
        ("sourceVpcNo".to_owned(), s(source)),
        ("targetVpcNo".to_owned(), s(target)),
        ("pollIntervalMs".to_owned(), OptionValue::Number(10.0)),
    ];
    entries.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    validate_connection(&entries).unwrap()
}

fn s(value: &str) -> OptionValue {
    OptionValue::String(value.to_owned())
}

/// Alice's VPC 10002 and Bob's 20004, with Bob's keys when `bob_keys`.
fn cross(bob_keys: bool) -> ConnectionPlan {
    let mut extra = vec![("targetVpcName", s("bob-data")), ("targetVpcLoginId", s("bob@example.com")), ("vpcPeeringName", s("data"))];
    if bob_keys {
        extra.extend([("targetAccessKey", s(BOB)), ("targetSecretKey", s("bob-secret-key-00000"))]);
    }
    options("10002", "20004", &extra)
}

/// The same from Bob's side, with his keys only.
fn cross_from_bob() -> ConnectionPlan {
    let s = |v: &str| OptionValue::String(v.to_owned());
    let entries = vec![
        ("accessKey".to_owned(), s(BOB)),
        ("secretKey".to_owned(), s("bob-secret-key-00000")),
        ("sourceVpcNo".to_owned(), s("20004")),
        ("targetVpcNo".to_owned(), s("10002")),
        ("targetVpcName".to_owned(), s("app")),
        ("targetVpcLoginId".to_owned(), s("alice@example.com")),
        ("pollIntervalMs".to_owned(), OptionValue::Number(10.0)),
    ];
    validate_connection(&entries).unwrap()
}

/// What a run reported and how it ended.
struct Run {
    reported: Vec<StepRecord>,
    outcome: Result<ConnectionResult, Error>,
    slept: u32,
}

/// Drives `plan` against `fake` as the executor would.
fn drive(fake: &mut Fake, plan: ConnectionPlan, goal: Goal) -> Run {
    let mut connection = Connection::new(plan, goal, 1_700_000_000_000);
    let (mut reported, mut slept) = (Vec::new(), 0);
    let mut outcome = Outcome::Start;
    for _ in 0..10_000 {
        outcome = match connection.next(outcome) {
            Step::Call { call, .. } => {
                match fake.answer_paged(call) {
                    Ok(items) => {
                        let mut answered = answer(call.action, items);
                        answered.total_rows = fake.total_rows.unwrap_or(answered.total_rows);
                        Outcome::Answered(answered)
                    }
                    Err(error) => Outcome::Failed(error),
                }
            }
            Step::Sleep(_) => {
                slept += 1;
                Outcome::Slept
            }
            Step::Report(Report::Step(step)) => {
                reported.push(step.clone());
                Outcome::Reported
            }
            Step::Report(other) => panic!("unexpected report {other:?}"),
            Step::Done(Finished::Connection(result)) => return Run { reported, outcome: Ok(*result), slept },
            Step::Done(other) => panic!("unexpected end {other:?}"),
            Step::Fail(error) => return Run { reported, outcome: Err(error), slept },
        };
    }
    panic!("the plan never ended")
}

fn summary(steps: &[StepRecord]) -> Vec<(String, &'static str, &'static str)> {
    steps.iter().map(|s| (s.action.to_owned(), account_word(s.account), s.status.as_str())).collect()
}

fn row(action: &str, account: &'static str, status: &'static str) -> (String, &'static str, &'static str) {
    (action.to_owned(), account, status)
}

#[test]
fn same_account_connects_both_ways_then_a_second_run_changes_nothing() {
    let mut fake = Fake::new();
    let run = drive(&mut fake, options("10002", "10003", &[("vpcPeeringName", s("app-legacy"))]), Goal::Connect);
    let result = run.outcome.unwrap();
    assert_eq!(
        summary(&result.steps),
        [
            row("createVpcPeeringInstance", "source", "done"),
            row("createVpcPeeringInstance", "target", "done"),
            row("waitForVpcPeeringInstance", "source", "done"),
            row("waitForVpcPeeringInstance", "source", "done"),
            row("addRoute", "source", "done"),
            row("addRoute", "source", "done"),
            row("addRoute", "target", "done"),
            row("addRoute", "target", "done"),
        ]
    );
    assert_eq!(run.reported, result.steps, "onStep saw every step, in order");
    assert_eq!(run.slept, 2, "each wait paused once before the poll that found its peering running");
    assert!(result.complete);
    let (forward, reverse) = (result.forward.unwrap(), result.reverse.unwrap());
    assert_eq!((PeeringView::of(&forward).status_code(), PeeringView::of(&forward).name()), ("RUN", "app-legacy-fwd"));
    assert_eq!((PeeringView::of(&reverse).source_vpc_no(), PeeringView::of(&reverse).name()), ("10003", "app-legacy-rev"));
    // Every chosen table of both VPCs routes the other VPC's block through its own peering.
    let routes: Vec<(String, String)> =
        result.routes.iter().map(RouteView::of).map(|r| (r.destination().to_owned(), r.target_no().to_owned())).collect();
    let (forward_no, reverse_no) = (PeeringView::of(&forward).instance_no().to_owned(), PeeringView::of(&reverse).instance_no().to_owned());
    let through_forward = ("10.1.0.0/16".to_owned(), forward_no.clone());
    let through_reverse = ("10.0.0.0/16".to_owned(), reverse_no);
    assert_eq!(routes, [through_forward.clone(), through_forward, through_reverse.clone(), through_reverse]);
    assert_eq!(fake.routes.iter().map(|r| r.table).collect::<Vec<_>>(), ["30003", "30004", "30005", "30006"]);
    let add = &result.steps[4];
    assert_eq!(
        add.params,
        [
            param("vpcNo", "10002"),
            param("routeTableNo", "30003"),
            param("routeList.1.destinationCidrBlock", "10.1.0.0/16"),
            param("routeList.1.targetTypeCode", "VPCPEERING"),
            param("routeList.1.targetNo", &forward_no),
            param("routeList.1.targetName", "app-legacy-fwd"),
        ]
    );
    // Again: every step is skipped, and nothing but reads goes out.
    let before = fake.calls.len();
    let again = drive(&mut fake, options("10002", "10003", &[("vpcPeeringName", s("app-legacy"))]), Goal::Connect);
    let again = again.outcome.unwrap();
    assert!(again.steps.iter().all(|s| s.status == Status::Skipped), "{:?}", summary(&again.steps));
    assert_eq!(fake.mutations_since(before), []);
    assert_eq!(again.routes.len(), 4);
}

#[test]
fn across_accounts_with_both_keys_each_account_does_its_part() {
    let mut fake = Fake::new();
    let result = drive(&mut fake, cross(true), Goal::Connect).outcome.unwrap();
    assert_eq!(
        summary(&result.steps),
        [
            row("createVpcPeeringInstance", "source", "done"),
            row("createVpcPeeringInstance", "target", "done"),
            row("acceptOrRejectVpcPeering", "target", "done"),
            row("acceptOrRejectVpcPeering", "source", "done"),
            row("waitForVpcPeeringInstance", "source", "done"),
            row("waitForVpcPeeringInstance", "source", "done"),
            row("addRoute", "source", "done"),
            row("addRoute", "source", "done"),
            row("addRoute", "target", "done"),
            row("addRoute", "target", "done"),
        ]
    );
    let mutations: Vec<_> = fake.mutations_since(0).into_iter().map(|(a, k)| format!("{a} {k}")).collect();
    assert_eq!(
        mutations,
        [
            "createVpcPeeringInstance AK-A",
            "createVpcPeeringInstance AK-B",
            "acceptOrRejectVpcPeering AK-B",
            "acceptOrRejectVpcPeering AK-A",
            "addRoute AK-A",
            "addRoute AK-A",
            "addRoute AK-B",
            "addRoute AK-B",
        ]
    );
    // The reverse request names the source VPC and the source account's login ID, read from the forward peering.
    let reverse = &result.steps[1].params;
    assert!(reverse.contains(&param("targetVpcName", "app")) && reverse.contains(&param("targetVpcLoginId", "alice@example.com")), "{reverse:?}");
    assert!(result.complete);
    let before = fake.calls.len();
    assert!(drive(&mut fake, cross(true), Goal::Connect).outcome.unwrap().steps.iter().all(|s| s.status == Status::Skipped));
    assert_eq!(fake.mutations_since(before), []);
}

#[test]
fn with_one_account_s_keys_each_run_does_that_account_s_part_until_the_connection_is_whole() {
    let mut fake = Fake::new();
    // Alice alone: her peering requested; the rest awaits Bob. No hang, no throw.
    let first = drive(&mut fake, cross(false), Goal::Connect).outcome.unwrap();
    assert_eq!(
        summary(&first.steps),
        [
            row("createVpcPeeringInstance", "source", "done"),
            row("createVpcPeeringInstance", "target", "awaiting"),
            row("acceptOrRejectVpcPeering", "target", "awaiting"),
            row("acceptOrRejectVpcPeering", "source", "awaiting"),
            row("waitForVpcPeeringInstance", "source", "awaiting"),
            row("waitForVpcPeeringInstance", "source", "awaiting"),
            row("addRoute", "source", "awaiting"),
            row("addRoute", "source", "awaiting"),
            row("addRoute", "target", "awaiting"),
        ]
    );
    assert!(!first.complete);
    assert!(fake.calls.iter().all(|(_, key)| key == ALICE), "only Alice's keys");
    // Bob, roles swapped: he accepts Alice's request, requests his own, and waits for what he accepted.
    let second = drive(&mut fake, cross_from_bob(), Goal::Connect).outcome.unwrap();
    assert_eq!(
        summary(&second.steps),
        [
            row("createVpcPeeringInstance", "source", "done"),
            row("createVpcPeeringInstance", "target", "skipped"),
            row("acceptOrRejectVpcPeering", "target", "awaiting"),
            row("acceptOrRejectVpcPeering", "source", "done"),
            row("waitForVpcPeeringInstance", "source", "awaiting"),
            row("waitForVpcPeeringInstance", "source", "done"),
            row("addRoute", "source", "awaiting"),
            row("addRoute", "source", "awaiting"),
            row("addRoute", "target", "awaiting"),
        ]
    );
    // Alice again: she accepts Bob's request, and routes her tables through her running peering.
    let third = drive(&mut fake, cross(false), Goal::Connect).outcome.unwrap();
    let statuses: Vec<_> = summary(&third.steps).into_iter().map(|(a, w, s)| format!("{a} {w} {s}")).collect();
    assert_eq!(
        statuses,
        [
            "createVpcPeeringInstance source skipped",
            "createVpcPeeringInstance target skipped",
            "acceptOrRejectVpcPeering target skipped",
            "acceptOrRejectVpcPeering source done",
            "waitForVpcPeeringInstance source skipped",
            "waitForVpcPeeringInstance source done",
            "addRoute source done",
            "addRoute source done",
            "addRoute target awaiting",
        ]
    );
    // Bob again: his routes; from his side the connection is now whole.
    let fourth = drive(&mut fake, cross_from_bob(), Goal::Connect).outcome.unwrap();
    assert_eq!(fourth.steps.iter().filter(|s| s.status == Status::Done).map(|s| s.action).collect::<Vec<_>>(), ["addRoute", "addRoute"]);
    // Alice's tables cannot be read with Bob's keys: her routes are reported as hers to do or confirm.
    let unseen: Vec<_> = fourth.steps.iter().filter(|s| s.status == Status::Awaiting).map(|s| (s.action, s.account)).collect();
    assert_eq!(unseen, [("addRoute", Account::Target)]);
    assert!(!fourth.complete);
    assert_eq!(fake.routes.len(), 4);
}

#[test]
fn a_partial_connection_is_completed_and_what_exists_is_reused() {
    let mut fake = Fake::new();
    // The forward peering exists and runs, and one of the source tables routes through it already.
    fake.peerings.push(FakePeering { no: "777".into(), name: "old".into(), from: 0, to: 1, status: "RUN", accepted: true });
    fake.routes.push(FakeRoute { table: "30003", cidr: "10.1.0.0/16".into(), kind: "VPCPEERING".into(), target: "777".into(), name: "old".into() });
    let result = drive(&mut fake, options("10002", "10003", &[]), Goal::Connect).outcome.unwrap();
    assert_eq!(
        summary(&result.steps),
        [
            row("createVpcPeeringInstance", "source", "skipped"),
            row("createVpcPeeringInstance", "target", "done"),
            row("waitForVpcPeeringInstance", "source", "skipped"),
            row("waitForVpcPeeringInstance", "source", "done"),
            row("addRoute", "source", "skipped"),
            row("addRoute", "source", "done"),
            row("addRoute", "target", "done"),
            row("addRoute", "target", "done"),
        ]
    );
    assert_eq!(PeeringView::of(result.forward.as_ref().unwrap()).instance_no(), "777");
    // Only the tables chosen, when chosen.
    let mut fresh = Fake::new();
    let chosen = [("sourceRouteTableNoList", OptionValue::List(vec![s("30004")])), ("targetRouteTableNoList", OptionValue::List(vec![s("30006")]))];
    let result = drive(&mut fresh, options("10002", "10003", &chosen), Goal::Connect).outcome.unwrap();
    let tables: Vec<_> = result.steps.iter().filter(|s| s.action == "addRoute").map(|s| s.params[1].1.clone()).collect();
    assert_eq!(tables, ["30004", "30006"]);
}

#[test]
fn a_route_to_the_other_vpc_through_another_target_is_a_conflict_found_before_any_change() {
    let mut fake = Fake::new();
    fake.routes.push(FakeRoute { table: "30006", cidr: "10.0.0.0/16".into(), kind: "NATGW".into(), target: "55".into(), name: "nat".into() });
    let run = drive(&mut fake, options("10002", "10003", &[]), Goal::Connect);
    let error = run.outcome.unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_eq!(error.field.as_deref(), Some("targetRouteTableNoList"));
    assert!(error.message.contains("route table 30006 of VPC 10003 already routes 10.0.0.0/16 to NATGW 55"), "{}", error.message);
    assert_eq!(fake.mutations_since(0), [], "refused before any change");
    assert_eq!(error.steps.as_deref(), Some("[]"));
}

#[test]
fn overlapping_blocks_are_refused_before_any_change_naming_both() {
    let mut fake = Fake::new();
    let error = drive(&mut fake, options("10002", "10009", &[]), Goal::Connect).outcome.unwrap_err();
    assert_eq!((error.code, error.field.as_deref()), (ErrorCode::InvalidOption, Some("targetVpcNo")));
    assert!(error.message.contains("10.0.0.0/16") && error.message.contains("10.0.128.0/17"), "{}", error.message);
    assert_eq!(fake.mutations_since(0), []);
    // And a VPC that is not the caller's (without the other account named) is named as such.
    let error = drive(&mut fake, options("10002", "20004", &[]), Goal::Connect).outcome.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("targetVpcNo"));
    assert!(error.message.contains("targetVpcName and targetVpcLoginId"), "{}", error.message);
}

#[test]
fn a_dry_run_reads_only_and_plans_every_change_with_its_signed_request() {
    let mut fake = Fake::new();
    let plan = options("10002", "10003", &[("dryRun", OptionValue::Bool(true)), ("timestamp", OptionValue::Number(1_700_000_000_000.0))]);
    let result = drive(&mut fake, plan.clone(), Goal::Connect).outcome.unwrap();
    assert_eq!(fake.mutations_since(0), []);
    assert!(result.steps.iter().all(|s| s.status == Status::Planned), "{:?}", summary(&result.steps));
    assert_eq!(result.steps.len(), 8);
    // The first request is the one buildCreateVpcPeeringInstanceRequest shows for the same parameters.
    let create = result.steps[0].request.as_ref().expect("a signed request");
    let same = Connection::new(plan, Goal::Connect, 0).call_for(Action::Create, Account::Source, &result.steps[0].params);
    assert_eq!(create, &build(&same, 1_700_000_000_000));
    assert!(create.url.ends_with("/vpc/v2/createVpcPeeringInstance?sourceVpcNo=10002&targetVpcNo=10003&responseFormatType=json"), "{}", create.url);
    // A route through a peering not made yet cannot be signed: its number is shown as what it will be.
    let route = &result.steps[4];
    assert!(route.request.is_none());
    assert!(route.params.contains(&param("routeList.1.targetNo", "<forward peering's number>")), "{:?}", route.params);
    let json = steps_json(&result.steps, true);
    assert!(json.contains("\"request\":{\"method\":\"GET\",\"url\":"));
    assert!(!steps_json(&result.steps, false).contains("x-ncp-apigw-signature-v2"), "an error's steps carry no signature");
}

#[test]
fn a_failure_midway_keeps_what_was_done_and_the_next_run_completes_it() {
    let mut fake = Fake::new();
    fake.fail_on = Some("addRoute");
    let error = drive(&mut fake, options("10002", "10003", &[]), Goal::Connect).outcome.unwrap_err();
    assert_eq!(error.code, ErrorCode::Network);
    let steps = error.steps.expect("the steps before the failure");
    assert_eq!(steps.matches("\"status\":\"done\"").count(), 4, "{steps}");
    assert!(!steps.contains("addRoute"), "the failed step is not reported as done: {steps}");
    assert!(error.attempts >= 5, "every request sent is counted: {}", error.attempts);
    let before = fake.calls.len();
    let result = drive(&mut fake, options("10002", "10003", &[]), Goal::Connect).outcome.unwrap();
    assert_eq!(fake.mutations_since(before).len(), 4, "the four routes, nothing else");
    assert!(result.complete && result.routes.len() == 4);
}

#[test]
fn disconnect_removes_the_routes_first_then_the_peerings_and_waits_until_they_are_gone() {
    let mut fake = Fake::new();
    drive(&mut fake, cross(true), Goal::Connect).outcome.unwrap();
    // A route of the user's own, to somewhere else, stays.
    fake.routes.push(FakeRoute { table: "30003", cidr: "192.168.0.0/24".into(), kind: "VGW".into(), target: "9".into(), name: "vgw".into() });
    let result = drive(&mut fake, cross(true), Goal::Disconnect).outcome.unwrap();
    assert_eq!(
        summary(&result.steps),
        [
            row("removeRoute", "source", "done"),
            row("removeRoute", "source", "done"),
            row("removeRoute", "target", "done"),
            row("removeRoute", "target", "done"),
            row("deleteVpcPeeringInstance", "source", "done"),
            row("deleteVpcPeeringInstance", "target", "done"),
            row("waitForVpcPeeringInstance", "source", "done"),
            row("waitForVpcPeeringInstance", "source", "done"),
        ]
    );
    assert!(fake.peerings.is_empty());
    assert_eq!(fake.routes.len(), 1, "only the user's own route is left");
    let before = fake.calls.len();
    let again = drive(&mut fake, cross(true), Goal::Disconnect).outcome.unwrap();
    assert!(again.steps.iter().all(|s| s.status == Status::Skipped), "{:?}", summary(&again.steps));
    assert_eq!(fake.mutations_since(before), []);
    // A dry run of a disconnection sends no change either.
    drive(&mut fake, cross(true), Goal::Connect).outcome.unwrap();
    let before = fake.calls.len();
    let dry = options("10002", "20004", &[("dryRun", OptionValue::Bool(true)), ("targetVpcName", s("bob-data")), ("targetVpcLoginId", s("bob@example.com")), ("targetAccessKey", s(BOB)), ("targetSecretKey", s("bob-secret-key-00000"))]);
    let planned = drive(&mut fake, dry, Goal::Disconnect).outcome.unwrap();
    assert_eq!(fake.mutations_since(before), []);
    assert_eq!(planned.steps.iter().filter(|s| s.status == Status::Planned).count(), 8);
}

#[test]
fn the_plan_s_options_are_checked_before_anything_is_sent() {
    let entries = |extra: &[(&str, OptionValue)]| {
        let mut entries = vec![("accessKey".to_owned(), s(ALICE)), ("secretKey".to_owned(), s("alice-secret-key-0000"))];
        entries.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        entries
    };
    let fields = |extra: &[(&str, OptionValue)]| -> Vec<String> {
        validate_connection(&entries(extra)).unwrap_err().into_iter().map(|e| e.field.unwrap_or_default()).collect()
    };
    assert_eq!(fields(&[]), ["sourceVpcNo", "targetVpcNo"]);
    assert_eq!(fields(&[("sourceVpcNo", s("1")), ("targetVpcNo", s("1"))]), ["targetVpcNo"]);
    assert_eq!(fields(&[("sourceVpcNo", s("1")), ("targetVpcNo", s("2")), ("targetAccessKey", s("X"))]), ["targetSecretKey"]);
    assert_eq!(fields(&[("sourceVpcNo", s("1")), ("targetVpcNo", s("2")), ("targetAccessKey", s("AK")), ("targetSecretKey", s("SK-0000000"))]), ["targetAccessKey"]);
    assert_eq!(fields(&[("sourceVpcNo", s("1")), ("targetVpcNo", s("2")), ("vpcPeeringName", s("a-twenty-seven-chars-name-x"))]), ["vpcPeeringName"]);
    assert_eq!(fields(&[("sourceVpcNo", s("1")), ("targetVpcNo", s("2")), ("timestamp", OptionValue::Number(1.0))]), ["timestamp"]);
    assert_eq!(fields(&[("sourceVpcNo", s("1")), ("targetVpcNo", s("2")), ("sourceRouteTableNoList", OptionValue::List(vec![s("x")]))]), ["sourceRouteTableNoList"]);
    assert_eq!(fields(&[("sourceVpcNo", s("1")), ("targetVpcNo", s("2")), ("sourceVpcNO", s("1"))]), ["sourceVpcNO"]);
    // The target's secret key is scrubbed from every message, like the source's: here pasted into a name too.
    let secret = "bobsecretkeythatislong";
    let errors = validate_connection(&entries(&[
        ("sourceVpcNo", s("1")),
        ("targetVpcNo", s("2")),
        ("targetAccessKey", s("AK-B")),
        ("targetSecretKey", s(secret)),
        ("vpcPeeringName", s(&format!("{secret}-and-more-x"))),
    ]))
    .unwrap_err();
    assert!(errors.iter().any(|e| e.field.as_deref() == Some("vpcPeeringName")), "{errors:?}");
    assert!(errors.iter().all(|e| !e.message.contains(secret) && e.message.contains("[redacted]") || e.field.as_deref() != Some("vpcPeeringName")), "{errors:?}");
}

#[test]
fn lists_that_come_back_paged_are_read_to_their_end_so_nothing_is_made_twice() {
    let mut fake = Fake::new();
    // Peerings the connection is not about come first; the forward peering is on the third page of one.
    for (no, to) in [("701", 3), ("702", 2)] {
        fake.peerings.push(FakePeering { no: no.into(), name: format!("p{no}"), from: 0, to, status: "RUN", accepted: true });
    }
    fake.peerings.push(FakePeering { no: "703".into(), name: "p703".into(), from: 0, to: 1, status: "RUN", accepted: true });
    fake.page_limit = Some(1);
    let result = drive(&mut fake, options("10002", "10003", &[]), Goal::Connect).outcome.unwrap();
    assert_eq!(PeeringView::of(result.forward.as_ref().unwrap()).instance_no(), "703");
    assert_eq!(result.steps[0].status, Status::Skipped, "the forward peering on page 3 is reused");
    let pages: Vec<String> = fake
        .calls
        .iter()
        .filter(|(action, _)| *action == "getVpcPeeringInstanceList")
        .map(|(action, _)| (*action).to_owned())
        .collect();
    assert_eq!(pages.len(), 3, "one request per page");
    // Both tables of each VPC, found on two pages each.
    assert_eq!(result.steps.iter().filter(|s| s.action == "addRoute").count(), 4);
}

#[test]
fn a_refused_acceptance_is_taken_as_accepted_already_and_the_wait_tells() {
    let mut fake = Fake::new();
    // An earlier run accepted Alice's request with Bob's keys, then lost the answer: it is being set up, still INIT.
    fake.peerings.push(FakePeering { no: "801".into(), name: "data-fwd".into(), from: 0, to: 3, status: "INIT", accepted: true });
    // The service refuses the second acceptance; the plan takes it as accepted, and the wait finds it running.
    let result = drive(&mut fake, cross(true), Goal::Connect).outcome.unwrap();
    assert_eq!((result.steps[2].action, result.steps[2].status), ("acceptOrRejectVpcPeering", Status::Skipped));
    assert!(result.steps[2].note.contains("refused (EMU-1), taken as accepted already"), "{}", result.steps[2].note);
    assert_eq!(PeeringView::of(result.forward.as_ref().unwrap()).status_code(), "RUN");
    assert!(result.complete);
    // Any other failure of an acceptance still ends the run: the network, the gateway busy or failing, the keys refused.
    let mut fake = Fake::new();
    fake.fail_on = Some("acceptOrRejectVpcPeering");
    let error = drive(&mut fake, cross(true), Goal::Connect).outcome.unwrap_err();
    assert_eq!(error.code, ErrorCode::Network);
    for status in [401, 403, 429, 500, 503, 504] {
        let gateway = Error { status: Some(status), return_code: Some("500".into()), ..Error::new(ErrorCode::NcpApi, "gateway") };
        assert!(!is_refusal(&gateway), "{status}");
    }
    let service = Error { status: Some(400), return_code: Some("EMU-1".into()), ..Error::new(ErrorCode::NcpApi, "refused") };
    assert!(is_refusal(&service));
    assert!(is_refusal(&Error { status: Some(200), ..service.clone() }), "a 200 with a non-zero returnCode");
}

#[test]
fn a_vpc_of_one_s_own_account_named_as_another_s_is_refused_once_a_peering_says_so() {
    let mut fake = Fake::new();
    fake.cross_login_ok = true;
    let wrong = || options("10002", "10003", &[("targetVpcName", s("legacy")), ("targetVpcLoginId", s("alice@example.com"))]);
    // The source keys never read the target VPC; the created peering is the first to say it is within one account.
    let error = drive(&mut fake, wrong(), Goal::Connect).outcome.unwrap_err();
    assert_eq!((error.code, error.field.as_deref()), (ErrorCode::InvalidOption, Some("targetVpcLoginId")));
    assert!(error.message.contains("targetVpcNo 10003 is a VPC of this account"), "{}", error.message);
    assert_eq!(fake.mutations_since(0).len(), 1, "the one create that told");
    // Again with the same options: refused before any change; without the other account named, it completes.
    let before = fake.calls.len();
    assert!(drive(&mut fake, wrong(), Goal::Connect).outcome.is_err());
    assert_eq!(fake.mutations_since(before), []);
    let result = drive(&mut fake, options("10002", "10003", &[]), Goal::Connect).outcome.unwrap();
    assert_eq!(result.steps[0].status, Status::Skipped, "the peering made is reused");
    assert!(result.complete);
}

#[test]
fn a_disconnection_looks_at_every_table_whatever_was_chosen() {
    let mut fake = Fake::new();
    drive(&mut fake, options("10002", "10003", &[]), Goal::Connect).outcome.unwrap();
    let chosen = [("sourceRouteTableNoList", OptionValue::List(vec![s("30004")]))];
    let result = drive(&mut fake, options("10002", "10003", &chosen), Goal::Disconnect).outcome.unwrap();
    assert_eq!(result.steps.iter().filter(|s| s.action == "removeRoute").count(), 4, "every table's route, chosen or not");
    assert!(fake.peerings.is_empty() && fake.routes.is_empty());
}

#[test]
fn one_number_for_both_directions_is_refused_not_deleted_twice() {
    // Found by tests/fuzz_connect.rs: a list giving both peerings one number made a disconnection delete it twice.
    let mut fake = Fake::new();
    for (from, to) in [(0, 1), (1, 0)] {
        fake.peerings.push(FakePeering { no: "901".into(), name: "twin".into(), from, to, status: "RUN", accepted: true });
    }
    let error = drive(&mut fake, options("10002", "10003", &[]), Goal::Disconnect).outcome.unwrap_err();
    assert_eq!(error.code, ErrorCode::BadResponse);
    assert!(error.message.contains("one number, 901, to the peerings of both directions"), "{}", error.message);
    assert_eq!(fake.mutations_since(0), []);
}

#[test]
fn a_table_listed_twice_is_routed_once() {
    // Found by tests/fuzz_connect.rs: a route table listed twice (on two pages, say) got the route twice.
    let mut fake = Fake::new();
    fake.vpcs[0].tables = vec!["30003", "30003", "30004"];
    let result = drive(&mut fake, options("10002", "10003", &[]), Goal::Connect).outcome.unwrap();
    let tables: Vec<_> = result.steps.iter().filter(|s| s.action == "addRoute" && s.account == Account::Source).map(|s| s.params[1].1.clone()).collect();
    assert_eq!(tables, ["30003", "30004"]);
}

#[test]
fn each_request_of_a_connection_has_its_own_time_budget() {
    let plan = options("10002", "10003", &[]);
    assert_eq!((plan.timeout_ms, plan.request_timeout_ms), (Some(3_600_000), Some(30_000)));
    let mut connection = Connection::new(plan, Goal::Connect, 0);
    let Step::Call { call, .. } = connection.next(Outcome::Start) else { panic!("a read first") };
    assert_eq!(call.timeout_ms, Some(30_000), "the executor runs it under a budget of its own");
    let none = options("10002", "10003", &[("requestTimeoutMs", OptionValue::Number(0.0)), ("timeoutMs", OptionValue::Number(0.0))]);
    assert_eq!((none.timeout_ms, none.request_timeout_ms), (None, None));
    let short = options("10002", "10003", &[("requestTimeoutMs", OptionValue::Number(250.0))]);
    assert_eq!(short.request_timeout_ms, Some(250));
    let entries = vec![
        ("accessKey".to_owned(), s(ALICE)),
        ("secretKey".to_owned(), s("alice-secret-key-0000")),
        ("sourceVpcNo".to_owned(), s("1")),
        ("targetVpcNo".to_owned(), s("2")),
        ("requestTimeoutMs".to_owned(), OptionValue::Number(-1.0)),
    ];
    let errors = validate_connection(&entries).unwrap_err();
    assert_eq!(errors[0].field.as_deref(), Some("requestTimeoutMs"));
}
