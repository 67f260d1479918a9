//! The call model: what validation ([`crate::options`]) produces and the rest of the pipeline consumes. A [`Call`]
//! holds everything needed to build, sign and send one request and to retry it; a [`WaitPlan`] the call a wait polls
//! and how. Plain data: no rules here, so the request builder needs nothing of the validator.

use crate::action::Action;
use crate::sign::Credentials;

/// The wire format of the answer (`responseFormatType`); the result is the same either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// XML, the API's own default.
    Xml,
    /// JSON: the package's default, because every official NCP client (the Go, Python and JS SDKs) asks for it.
    Json,
}

impl Format {
    /// The value sent as `responseFormatType`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Json => "json",
        }
    }
}

/// The HTTP method: GET puts every parameter in the query, POST in a form body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`, the default.
    Get,
    /// `POST` with an `application/x-www-form-urlencoded` body.
    Post,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A validated API call: everything needed to build, sign and send it, and how to retry it.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The action.
    pub action: Action,
    /// Who signs.
    pub credentials: Credentials,
    /// The action's parameters in wire order, values as text (`responseFormatType` not included).
    pub params: Vec<(String, String)>,
    /// The answer's wire format.
    pub format: Format,
    /// GET or POST.
    pub method: Method,
    /// The gateway origin plus any path prefix, without a trailing slash (`/vpc/v2/…` is appended).
    pub origin: String,
    /// The time budget of the whole call, retries included; `None` means no limit.
    pub timeout_ms: Option<u32>,
    /// The timestamp to sign with; `None` means the host's clock at each attempt.
    pub timestamp: Option<u64>,
    /// How many times a retryable failure is retried (0 for a mutating call unless `retryMutations`).
    pub retries: u32,
    /// The most bytes an answer may have (decoded); a longer one is refused while it downloads.
    pub max_response_bytes: u32,
    /// Whether the answer's items are kept as values for the plan that made the call (connect reads them); a
    /// caller's own call has them written as JSON only.
    pub keep_items: bool,
}

/// What a wait waits for (`until`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Until {
    /// Until the detail call finds no peering (`"GONE"`).
    Gone,
    /// Until the status code is one of these (`"RUN"`, or a list).
    Status(Vec<String>),
}

/// A validated `waitForVpcPeeringInstance`: the detail call it polls and how it polls.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitPlan {
    /// The detail call, polled (its own time budget is the wait's remaining time).
    pub poll: Call,
    /// The peering waited for: `vpcPeeringInstanceNo` as sent.
    pub instance_no: String,
    /// What ends the wait.
    pub until: Until,
    /// Whether to keep waiting while a cross-account peering awaits acceptance.
    pub await_acceptance: bool,
    /// Delay before the first poll.
    pub poll_interval_ms: u32,
    /// Cap on the delay between polls.
    pub max_poll_interval_ms: u32,
}

/// What `connectVpcs` and `disconnectVpcs` build on: the two VPCs, each side's keys, the chosen route tables, how to
/// wait, and whether to send nothing that changes state. Validated: every call the plan makes is built from this.
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectionPlan {
    /// The call every other is made from: `getVpcDetail` of the source VPC, with the source account's keys and the
    /// caller's common options (endpoint, method, format, retries, limits).
    pub template: Call,
    /// The target account's keys (`targetAccessKey`, `targetSecretKey`), when the target VPC is another account's
    /// and they were given; for a target VPC of the same account, the source keys serve both sides.
    pub target_credentials: Option<Credentials>,
    /// `regionCode`, when given: sent first in every call.
    pub region: Option<String>,
    /// `sourceVpcNo`, as sent.
    pub source_vpc_no: String,
    /// `targetVpcNo`, as sent.
    pub target_vpc_no: String,
    /// `vpcPeeringName`: the base of both peerings' names (`<base>-fwd`, `<base>-rev`).
    pub base_name: Option<String>,
    /// The target VPC's account, when it is another one (`targetVpcName`, `targetVpcLoginId`).
    pub other_account: Option<OtherAccount>,
    /// `sourceRouteTableNoList`: the source VPC's tables to route through; `None` for all of them.
    pub source_tables: Option<Vec<String>>,
    /// `targetRouteTableNoList`: the target VPC's tables; `None` for all of them.
    pub target_tables: Option<Vec<String>>,
    /// `dryRun`: read only, and plan every change.
    pub dry_run: bool,
    /// `retryMutations`: whether changes are retried like reads.
    pub retry_mutations: bool,
    /// The timestamp dry-run requests are signed with (`timestamp`, only with `dryRun`); `None` for the clock's.
    pub timestamp: Option<u64>,
    /// The time budget of the whole plan.
    pub timeout_ms: Option<u32>,
    /// The time budget of each request of the plan (`requestTimeoutMs`), retries included; `None` for no limit of
    /// its own (the plan's still holds).
    pub request_timeout_ms: Option<u32>,
    /// Delay before a wait's first poll.
    pub poll_interval_ms: u32,
    /// Cap on the delay between polls.
    pub max_poll_interval_ms: u32,
}

/// The target VPC's account, when it is not the caller's: what a peering request to it must name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherAccount {
    /// `targetVpcName`: the target VPC's name.
    pub vpc_name: String,
    /// `targetVpcLoginId`: the target account's login ID.
    pub login_id: String,
}
