//! The six VPC peering actions: their names, their parameters in wire order, and the rule each parameter obeys.
//!
//! Source: `ncp-api.md` §3 and the `createVpcPeeringInstance` API page. The wire order is fixed so that the same
//! options always give the same signed string; `regionCode` comes first and `responseFormatType` (added by the
//! request builder) last.

/// One VPC peering action of the NCP VPC API (`/vpc/v2/<action>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `createVpcPeeringInstance`: request a peering from a source VPC to a target VPC.
    Create,
    /// `getVpcPeeringInstanceList`: list peerings, filtered and paged.
    List,
    /// `getVpcPeeringInstanceDetail`: one peering by number; an empty list means it is gone.
    Detail,
    /// `acceptOrRejectVpcPeering`: the target account accepts or rejects a cross-account request.
    AcceptOrReject,
    /// `deleteVpcPeeringInstance`: delete a peering.
    Delete,
    /// `setVpcPeeringDescription`: change a peering's description.
    SetDescription,
}

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
}

/// One API parameter of an action.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// The parameter's name, both as a JS option and on the wire.
    pub name: &'static str,
    /// Whether the action refuses to run without it.
    pub required: bool,
    /// The rule its value obeys.
    pub rule: Rule,
}

const fn param(name: &'static str, required: bool, rule: Rule) -> Param {
    Param { name, required, rule }
}

/// `regionCode`, the first parameter of every action (and an option `createClient` keeps).
pub const REGION: Param = param("regionCode", false, Rule::RegionCode);
const INSTANCE_NO: Param = param("vpcPeeringInstanceNo", true, Rule::Number);
const DESCRIPTION: Param = param("vpcPeeringDescription", false, Rule::Description);

const CREATE: &[Param] = &[
    REGION,
    param("sourceVpcNo", true, Rule::Number),
    param("targetVpcNo", true, Rule::Number),
    param("vpcPeeringName", false, Rule::PeeringName),
    param("targetVpcName", false, Rule::Text),
    param("targetVpcLoginId", false, Rule::LoginId),
    DESCRIPTION,
];

/// The status codes a peering instance can be filtered by.
pub const STATUS_CODES: &[&str] = &["INIT", "RUN", "TERMTING"];

const LIST: &[Param] = &[
    REGION,
    param("vpcPeeringInstanceNoList", false, Rule::NumberList),
    param("sourceVpcName", false, Rule::Text),
    param("targetVpcName", false, Rule::Text),
    param("vpcPeeringName", false, Rule::Text),
    param("vpcPeeringInstanceStatusCode", false, Rule::OneOf(STATUS_CODES)),
    param("pageNo", false, Rule::PositiveInt),
    param("pageSize", false, Rule::PositiveInt),
    param("sortedBy", false, Rule::OneOf(&["vpcPeeringName", "sourceVpcName", "targetVpcName"])),
    param("sortingOrder", false, Rule::OneOf(&["ASC", "DESC"])),
];

const DETAIL: &[Param] = &[REGION, INSTANCE_NO];
const ACCEPT_OR_REJECT: &[Param] = &[REGION, INSTANCE_NO, param("isAccept", true, Rule::Bool)];
const DELETE: &[Param] = &[REGION, INSTANCE_NO];
const SET_DESCRIPTION: &[Param] = &[REGION, INSTANCE_NO, DESCRIPTION];

impl Action {
    /// Every action, in the order the README documents them.
    pub const ALL: [Action; 6] = [
        Action::Create,
        Action::List,
        Action::Detail,
        Action::AcceptOrReject,
        Action::Delete,
        Action::SetDescription,
    ];

    /// The action's name: the last path segment and the root of its answer (`<name>Response`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Create => "createVpcPeeringInstance",
            Action::List => "getVpcPeeringInstanceList",
            Action::Detail => "getVpcPeeringInstanceDetail",
            Action::AcceptOrReject => "acceptOrRejectVpcPeering",
            Action::Delete => "deleteVpcPeeringInstance",
            Action::SetDescription => "setVpcPeeringDescription",
        }
    }

    /// The root of the action's answer, `<name>Response`.
    pub fn response_name(self) -> &'static str {
        match self {
            Action::Create => "createVpcPeeringInstanceResponse",
            Action::List => "getVpcPeeringInstanceListResponse",
            Action::Detail => "getVpcPeeringInstanceDetailResponse",
            Action::AcceptOrReject => "acceptOrRejectVpcPeeringResponse",
            Action::Delete => "deleteVpcPeeringInstanceResponse",
            Action::SetDescription => "setVpcPeeringDescriptionResponse",
        }
    }

    /// The action with this name, if there is one.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|action| action.name() == name)
    }

    /// The action's parameters in wire order.
    pub fn params(self) -> &'static [Param] {
        match self {
            Action::Create => CREATE,
            Action::List => LIST,
            Action::Detail => DETAIL,
            Action::AcceptOrReject => ACCEPT_OR_REJECT,
            Action::Delete => DELETE,
            Action::SetDescription => SET_DESCRIPTION,
        }
    }

    /// Read-only actions may be retried blindly; the others change state, and NCP has no idempotency token.
    pub fn is_read_only(self) -> bool {
        matches!(self, Action::List | Action::Detail)
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
        assert_eq!(Action::from_name("createVpc"), None);
    }

    #[test]
    fn region_code_is_first_everywhere() {
        for action in Action::ALL {
            assert_eq!(action.params()[0].name, "regionCode");
        }
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
