//! Every action the package speaks, as one table ([`ACTIONS`]): a row per action holds its name, its parameters in
//! wire order with the rule each obeys, the checks across them, the resource it answers with and what its list
//! holds, and whether it is read-only. An [`Action`] is a handle into that table; validation ([`crate::options`]),
//! the request builder, the parser and the JS boundary read the row, so adding an action is adding a row.
//!
//! Source: `ncp-api.md` §3 and the `createVpcPeeringInstance` API page. The wire order is fixed so that the same
//! options always give the same signed string; `regionCode` comes first and `responseFormatType` (added by the
//! request builder) last.

use crate::resource::{same, Resource, PEERING, ROUTE, ROUTE_TABLE, VPC};

/// What a parameter's value must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A VPC or peering instance number: decimal digits (a JS integer is accepted and formatted).
    Number,
    /// A list of instance numbers, sent as `name.1`, `name.2`, … (1-based).
    NumberList,
    /// A region code such as `KR`, `SGN`, `FKR`: 1–10 ASCII letters and digits.
    RegionCode,
    /// A peering name to create: 3–30 of `a-z0-9-`, starting with a letter, ending with a letter or digit.
    PeeringName,
    /// Free text of at most 1000 UTF-8 bytes.
    Description,
    /// A login ID shaped like an e-mail address.
    LoginId,
    /// `true` or `false` (a boolean, or the strings `"true"` / `"false"`).
    Bool,
    /// A positive integer (page number or size).
    PositiveInt,
    /// Non-empty text without control characters (names used as filters).
    Text,
    /// One of a fixed set of values.
    OneOf(&'static [&'static str]),
    /// An IPv4 CIDR block written as its network address (`10.0.0.0/16`): a dotted quad without leading zeros, a
    /// prefix length from 0 to 32, no host bits set.
    Cidr,
    /// A list of objects, each sent as `name.N.field` (1-based), its fields obeying their own rules.
    ObjectList(&'static Shape),
}

/// The fields of each object of a [`Rule::ObjectList`] (such as a route of `routeList`) and the checks across them.
#[derive(Debug, PartialEq, Eq)]
pub struct Shape {
    /// The fields, in wire order.
    pub fields: &'static [Param],
    /// The checks across one object's fields.
    pub constraints: &'static [Constraint],
}

/// One API parameter of an action (or one field of an object of a list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The parameter's name, both as a JS option and on the wire.
    pub name: &'static str,
    /// Whether the action refuses to run without it.
    pub required: bool,
    /// The rule its value obeys.
    pub rule: Rule,
}

/// A parameter the action needs.
pub const fn required(name: &'static str, rule: Rule) -> Param {
    Param { name, required: true, rule }
}

/// A parameter the action may take.
pub const fn optional(name: &'static str, rule: Rule) -> Param {
    Param { name, required: false, rule }
}

/// A check across parameters, on their values as sent; the parameter at fault is the one an error names. One that
/// its own rule already refused is not reported again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// When both are given, the second must differ from the first.
    Differ(&'static str, &'static str),
    /// Each needs the other, for the reason given (`a cross-account peering needs both`).
    Together(&'static str, &'static str, &'static str),
    /// The first needs the second.
    Needs(&'static str, &'static str),
    /// When `param` is `value`, `then` is required.
    WhenThen {
        /// The parameter whose value decides.
        param: &'static str,
        /// The value that makes `then` required.
        value: &'static str,
        /// The parameter then required.
        then: &'static str,
    },
}

/// What an answer's list holds, so what a complete answer looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Every item asked for: `totalRows`, when given, counts the list.
    All,
    /// A page of `totalRows` items: the list may be shorter.
    Page,
    /// What the action made: at least one item.
    Created,
    /// The one item asked for, if it exists: at most one; an answer without a list must say `totalRows` 0 (gone).
    Detail,
}

/// One row of the table: everything the package knows of an action.
#[derive(Debug, PartialEq, Eq)]
pub struct ActionSpec {
    /// The action's name: the last path segment, and its answer's root is `<name>Response`.
    pub name: &'static str,
    /// The parameters, in wire order.
    pub params: &'static [Param],
    /// The checks across parameters, in the order they are reported.
    pub constraints: &'static [Constraint],
    /// The resource its answer's list holds.
    pub resource: &'static Resource,
    /// What that list holds.
    pub listing: Listing,
    /// Read-only actions may be retried blindly; the others change state, and NCP has no idempotency token.
    pub read_only: bool,
}

/// `regionCode`, the first parameter of every action (and an option `createClient` keeps).
pub const REGION: Param = optional("regionCode", Rule::RegionCode);
const INSTANCE_NO: Param = required("vpcPeeringInstanceNo", Rule::Number);
const DESCRIPTION: Param = optional("vpcPeeringDescription", Rule::Description);

/// What a peering request names: its two VPCs, its name, and the other account when the target VPC is another's.
/// createVpcPeeringInstance takes them, and so do connectVpcs and disconnectVpcs (`options::CONNECTION_PARAMS`).
pub const PEERING_ENDS: [Param; 5] = [
    required("sourceVpcNo", Rule::Number),
    required("targetVpcNo", Rule::Number),
    optional("vpcPeeringName", Rule::PeeringName),
    optional("targetVpcName", Rule::Text),
    optional("targetVpcLoginId", Rule::LoginId),
];

/// The status codes a peering instance can be filtered by.
pub const STATUS_CODES: &[&str] = &["INIT", "RUN", "TERMTING"];

/// Every action, in the order the README documents them.
pub const ACTIONS: &[ActionSpec] = &[
    ActionSpec {
        name: "createVpcPeeringInstance",
        params: &[REGION, PEERING_ENDS[0], PEERING_ENDS[1], PEERING_ENDS[2], PEERING_ENDS[3], PEERING_ENDS[4], DESCRIPTION],
        constraints: &[
            Constraint::Differ("sourceVpcNo", "targetVpcNo"),
            Constraint::Together("targetVpcName", "targetVpcLoginId", "a cross-account peering needs both"),
        ],
        resource: &PEERING,
        listing: Listing::Created,
        read_only: false,
    },
    ActionSpec {
        name: "getVpcPeeringInstanceList",
        params: &[
            REGION,
            optional("vpcPeeringInstanceNoList", Rule::NumberList),
            optional("sourceVpcName", Rule::Text),
            optional("targetVpcName", Rule::Text),
            optional("vpcPeeringName", Rule::Text),
            optional("vpcPeeringInstanceStatusCode", Rule::OneOf(STATUS_CODES)),
            optional("pageNo", Rule::PositiveInt),
            optional("pageSize", Rule::PositiveInt),
            optional("sortedBy", Rule::OneOf(&["vpcPeeringName", "sourceVpcName", "targetVpcName"])),
            optional("sortingOrder", Rule::OneOf(&["ASC", "DESC"])),
        ],
        constraints: &[Constraint::Needs("pageNo", "pageSize")],
        resource: &PEERING,
        listing: Listing::Page,
        read_only: true,
    },
    ActionSpec {
        name: "getVpcPeeringInstanceDetail",
        params: &[REGION, INSTANCE_NO],
        constraints: &[],
        resource: &PEERING,
        listing: Listing::Detail,
        read_only: true,
    },
    ActionSpec {
        name: "acceptOrRejectVpcPeering",
        params: &[REGION, INSTANCE_NO, required("isAccept", Rule::Bool)],
        constraints: &[],
        resource: &PEERING,
        listing: Listing::All,
        read_only: false,
    },
    ActionSpec {
        name: "deleteVpcPeeringInstance",
        params: &[REGION, INSTANCE_NO],
        constraints: &[],
        resource: &PEERING,
        listing: Listing::All,
        read_only: false,
    },
    ActionSpec {
        name: "setVpcPeeringDescription",
        params: &[REGION, INSTANCE_NO, DESCRIPTION],
        constraints: &[],
        resource: &PEERING,
        listing: Listing::All,
        read_only: false,
    },
    ActionSpec {
        name: "getVpcList",
        params: &[
            REGION,
            optional("vpcStatusCode", Rule::OneOf(&["INIT", "CREATING", "RUN", "TERMTING"])),
            optional("vpcName", Rule::Text),
            optional("vpcNoList", Rule::NumberList),
        ],
        constraints: &[],
        resource: &VPC,
        listing: Listing::All,
        read_only: true,
    },
    ActionSpec {
        name: "getVpcDetail",
        params: &[REGION, required("vpcNo", Rule::Number)],
        constraints: &[],
        resource: &VPC,
        listing: Listing::Detail,
        read_only: true,
    },
    ActionSpec {
        name: "getRouteTableList",
        params: &[
            REGION,
            optional("routeTableNoList", Rule::NumberList),
            optional("routeTableName", Rule::Text),
            optional("supportedSubnetTypeCode", Rule::OneOf(&["PUBLIC", "PRIVATE"])),
            optional("pageNo", Rule::PositiveInt),
            optional("pageSize", Rule::PositiveInt),
            // The values sortedBy takes here are undocumented.
            optional("sortedBy", Rule::Text),
            optional("sortingOrder", Rule::OneOf(&["ASC", "DESC"])),
            optional("vpcNo", Rule::Number),
        ],
        constraints: &[Constraint::Needs("pageNo", "pageSize")],
        resource: &ROUTE_TABLE,
        listing: Listing::Page,
        read_only: true,
    },
    ActionSpec {
        name: "getRouteTableDetail",
        params: &[REGION, required("routeTableNo", Rule::Number)],
        constraints: &[],
        resource: &ROUTE_TABLE,
        listing: Listing::Detail,
        read_only: true,
    },
    ActionSpec {
        name: "getRouteList",
        params: &[REGION, required("routeTableNo", Rule::Number), required("vpcNo", Rule::Number)],
        constraints: &[],
        resource: &ROUTE,
        listing: Listing::All,
        read_only: true,
    },
    ActionSpec {
        name: "addRoute",
        params: ROUTE_CHANGE,
        constraints: &[],
        resource: &ROUTE,
        listing: Listing::All,
        read_only: false,
    },
    ActionSpec {
        name: "removeRoute",
        params: ROUTE_CHANGE,
        constraints: &[],
        resource: &ROUTE,
        listing: Listing::All,
        read_only: false,
    },
];

/// The target types a route may be added with (ncp-vpc-routes.md: "Accepted values: NATGW | VPCPEERING | VGW").
pub const ROUTE_TARGET_TYPES: &[&str] = &["NATGW", "VPCPEERING", "VGW"];

/// One route of `routeList` (addRoute, removeRoute): where it goes and through what. A route to a peering names it
/// by number (`targetNo`); its name (`targetName`) may be given too.
pub const ROUTE_SHAPE: Shape = Shape {
    fields: &[
        required("destinationCidrBlock", Rule::Cidr),
        required("targetTypeCode", Rule::OneOf(ROUTE_TARGET_TYPES)),
        optional("targetNo", Rule::Number),
        optional("targetName", Rule::Text),
    ],
    constraints: &[Constraint::WhenThen { param: "targetTypeCode", value: "VPCPEERING", then: "targetNo" }],
};

/// addRoute's and removeRoute's parameters: the table, its VPC, the routes.
const ROUTE_CHANGE: &[Param] = &[
    REGION,
    required("vpcNo", Rule::Number),
    required("routeTableNo", Rule::Number),
    required("routeList", Rule::ObjectList(&ROUTE_SHAPE)),
];

/// An action: a handle into [`ACTIONS`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Action(u8);

// The handles Rust code names, spelt like the enum variants they replace. Each is found in the table by name when
// the crate compiles (a name missing from the table does not build), so the table stays the one list of actions.
#[allow(non_upper_case_globals)]
impl Action {
    /// `createVpcPeeringInstance`: request a peering from a source VPC to a target VPC.
    pub const Create: Action = Action::named("createVpcPeeringInstance");
    /// `getVpcPeeringInstanceList`: list peerings, filtered and paged.
    pub const List: Action = Action::named("getVpcPeeringInstanceList");
    /// `getVpcPeeringInstanceDetail`: one peering by number; an empty list means it is gone.
    pub const Detail: Action = Action::named("getVpcPeeringInstanceDetail");
    /// `acceptOrRejectVpcPeering`: the target account accepts or rejects a cross-account request.
    pub const AcceptOrReject: Action = Action::named("acceptOrRejectVpcPeering");
    /// `deleteVpcPeeringInstance`: delete a peering.
    pub const Delete: Action = Action::named("deleteVpcPeeringInstance");
    /// `setVpcPeeringDescription`: change a peering's description.
    pub const SetDescription: Action = Action::named("setVpcPeeringDescription");
    /// `getVpcList`: the account's VPCs.
    pub const VpcList: Action = Action::named("getVpcList");
    /// `getVpcDetail`: one VPC by number; an empty list means the account has none by that number.
    pub const VpcDetail: Action = Action::named("getVpcDetail");
    /// `getRouteTableList`: route tables, filtered (by VPC among others) and paged.
    pub const RouteTableList: Action = Action::named("getRouteTableList");
    /// `getRouteTableDetail`: one route table by number.
    pub const RouteTableDetail: Action = Action::named("getRouteTableDetail");
    /// `getRouteList`: the routes of one route table.
    pub const RouteList: Action = Action::named("getRouteList");
    /// `addRoute`: add routes to a route table.
    pub const AddRoute: Action = Action::named("addRoute");
    /// `removeRoute`: remove routes from a route table.
    pub const RemoveRoute: Action = Action::named("removeRoute");
}

impl Action {
    /// Every action, in the table's order.
    pub const ALL: [Action; ACTIONS.len()] = {
        let mut all = [Action(0); ACTIONS.len()];
        let mut index = 0;
        while index < ACTIONS.len() {
            all[index] = Action(index as u8);
            index += 1;
        }
        all
    };

    /// The action named `name`, found when the crate compiles.
    const fn named(name: &str) -> Action {
        let mut index = 0;
        while index < ACTIONS.len() {
            if same(ACTIONS[index].name, name) {
                return Action(index as u8);
            }
            index += 1;
        }
        panic!("no such action in ACTIONS")
    }

    /// The action's row.
    pub fn spec(self) -> &'static ActionSpec {
        const FIRST: &ActionSpec = &ACTIONS[0];
        ACTIONS.get(usize::from(self.0)).unwrap_or(FIRST)
    }

    /// The action's name: the last path segment and the root of its answer (`<name>Response`).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The root of the action's answer, `<name>Response`.
    pub fn response_name(self) -> String {
        format!("{}Response", self.name())
    }

    /// The action with this name, if there is one.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|action| action.name() == name)
    }

    /// The action's parameters in wire order.
    pub fn params(self) -> &'static [Param] {
        self.spec().params
    }

    /// Read-only actions may be retried blindly; the others change state, and NCP has no idempotency token.
    pub fn is_read_only(self) -> bool {
        self.spec().read_only
    }
}

impl core::fmt::Debug for Action {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
            assert_eq!(action.response_name(), format!("{}Response", action.name()));
        }
        assert_eq!(Action::from_name("createVpcPeeringInstance"), Some(Action::Create));
        assert_eq!(Action::from_name("createVpc"), None);
    }

    #[test]
    fn the_table_is_one_the_handles_can_index() {
        assert!(ACTIONS.len() <= usize::from(u8::MAX) + 1);
        let mut names: Vec<_> = ACTIONS.iter().map(|spec| spec.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ACTIONS.len(), "an action given twice");
        for (index, action) in Action::ALL.into_iter().enumerate() {
            assert_eq!(action.spec(), &ACTIONS[index]);
        }
    }

    #[test]
    fn every_constraint_names_parameters_of_its_action() {
        fn check(params: &[Param], constraints: &[Constraint], what: &str) {
            let known = |name: &str| params.iter().any(|p| p.name == name);
            for constraint in constraints {
                let names: Vec<&str> = match *constraint {
                    Constraint::Differ(a, b) | Constraint::Together(a, b, _) | Constraint::Needs(a, b) => vec![a, b],
                    Constraint::WhenThen { param, then, .. } => vec![param, then],
                };
                assert!(names.iter().all(|name| known(name)), "{what}: {constraint:?}");
            }
            for param in params {
                if let Rule::ObjectList(shape) = param.rule {
                    check(shape.fields, shape.constraints, param.name);
                }
            }
        }
        for spec in ACTIONS {
            check(spec.params, spec.constraints, spec.name);
        }
    }

    #[test]
    fn region_code_is_first_everywhere() {
        for action in Action::ALL {
            assert_eq!(action.params()[0].name, "regionCode");
        }
    }

    #[test]
    fn read_only_actions_are_the_gets() {
        let reads: Vec<_> = Action::ALL.into_iter().filter(|a| a.is_read_only()).collect();
        assert_eq!(reads, [Action::List, Action::Detail, Action::VpcList, Action::VpcDetail, Action::RouteTableList, Action::RouteTableDetail, Action::RouteList]);
    }

    #[test]
    fn create_params_follow_the_documented_order() {
        let names: Vec<_> = Action::Create.params().iter().map(|p| p.name).collect();
        assert_eq!(
            names,
            [
                "regionCode",
                "sourceVpcNo",
                "targetVpcNo",
                "vpcPeeringName",
                "targetVpcName",
                "targetVpcLoginId",
                "vpcPeeringDescription"
            ]
        );
    }
}
