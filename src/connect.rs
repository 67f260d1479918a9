//! `connectVpcs` and `disconnectVpcs` as one [`Plan`]: the whole job of letting two VPCs talk, or of undoing it.
//!
//! An NCP peering is one-way and carries nothing until the requesting VPC's route tables send the other VPC's CIDR
//! block through it (ncp-vpc-routes.md). So a connection is two peerings (forward: source → target; reverse: target →
//! source), each accepted by its target VPC's account when the VPCs belong to different accounts, both `RUN`, and a
//! `VPCPEERING` route in every chosen route table of both VPCs. Disconnecting removes those routes first (a peering
//! that routes still target is not to be deleted), then both peerings, and waits until they are gone.
//!
//! The plan first reads (both VPCs, the peerings, the route tables and their routes), checks (VPCs found, CIDR
//! blocks apart, no route to the other VPC through another target), then takes its tasks in order. Each task looks
//! at what is known when its turn comes: done already (`skipped`), to do (sent, `done`; or in a dry run signed and
//! shown, `planned`), or only the other account can do it (`awaiting`). So a second run sends no change, a run that
//! failed midway continues where it stopped, and one account's keys do that account's part.
//!
//! Pure, like every plan: the executor sends, sleeps and reports; this decides, and is tested step by step.

use crate::action::Action;
use crate::call::{Call, ConnectionPlan, Until, WaitPlan};
use crate::error::{echo, Error, ErrorCode};
use crate::model::{write_json_string, Item, PeeringView, RouteTableView, RouteView, VpcView};
use crate::options::{cidrs_overlap, read_cidr};
use crate::plan::{Account, Finished, Outcome, Plan, Report, Step};
use crate::request::{build, SignedRequest};
use crate::retry::is_retryable;
use crate::wait::Wait;

/// `connectVpcs`, in JS and in messages.
pub const CONNECT: &str = "connectVpcs";
/// `disconnectVpcs`, in JS and in messages.
pub const DISCONNECT: &str = "disconnectVpcs";

/// What the plan is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// Both peerings running and routed.
    Connect,
    /// No route through either peering, and both peerings gone.
    Disconnect,
}

/// One of the two peerings of a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From the source VPC to the target VPC: requested by the source account, accepted by the target's.
    Forward,
    /// From the target VPC to the source VPC: requested by the target account, accepted by the source's.
    Reverse,
}

impl Direction {
    /// The account that owns this peering's requesting VPC.
    fn requester(self) -> Account {
        match self {
            Direction::Forward => Account::Source,
            Direction::Reverse => Account::Target,
        }
    }

    /// The account that owns this peering's accepting VPC.
    fn accepter(self) -> Account {
        match self {
            Direction::Forward => Account::Target,
            Direction::Reverse => Account::Source,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Direction::Forward => "forward",
            Direction::Reverse => "reverse",
        }
    }
}

/// The route-carrying direction of an account's VPC: routes in the source VPC go through the forward peering.
fn direction_of(account: Account) -> Direction {
    match account {
        Account::Source => Direction::Forward,
        Account::Target => Direction::Reverse,
    }
}

/// What became of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Sent, and it succeeded.
    Done,
    /// Nothing to do: already so.
    Skipped,
    /// A dry run: what would be sent.
    Planned,
    /// Only the other account can do it now (its keys were not given, or it must act first).
    Awaiting,
}

impl Status {
    /// The status as JS sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Skipped => "skipped",
            Status::Planned => "planned",
            Status::Awaiting => "awaiting",
        }
    }
}

/// One step of a connection, as the caller sees it (`steps`, `onStep`).
#[derive(Clone, Debug, PartialEq)]
pub struct StepRecord {
    /// The action (or `waitForVpcPeeringInstance`).
    pub action: &'static str,
    /// Whose keys it takes: the source VPC's account or the target VPC's.
    pub account: Account,
    /// What became of it.
    pub status: Status,
    /// Its wire parameters (never a secret); a value not known yet (a peering still to be created) is written as
    /// `<what it will be>`.
    pub params: Vec<(String, String)>,
    /// Why, in a few words: what exists already, whose action is awaited.
    pub note: String,
    /// A planned step's signed request, as the dry runs show it; `None` when a value is not known yet.
    pub request: Option<SignedRequest>,
}

/// What a connection finishes with.
#[derive(Debug)]
pub struct ConnectionResult {
    /// Connect or disconnect.
    pub goal: Goal,
    /// The forward peering as last seen (`None`: there is none, or it is gone).
    pub forward: Option<Item>,
    /// The reverse peering as last seen.
    pub reverse: Option<Item>,
    /// The connection's `VPCPEERING` routes in the chosen tables of both VPCs (connect only).
    pub routes: Vec<Item>,
    /// Every step, in order.
    pub steps: Vec<StepRecord>,
    /// Whether nothing awaits the other account.
    pub complete: bool,
}

/// What the plan has to do, in this order.
#[derive(Clone, Debug, PartialEq)]
enum Task {
    Create(Direction),
    Accept(Direction),
    WaitRun(Direction),
    /// Route the other VPC's block through this account's peering, in one of its tables.
    AddRoute(Account, usize),
    /// Remove every route through either peering from one of this account's tables.
    RemoveRoutes(Account, usize),
    /// The target account's tables, which the plan cannot read without its keys.
    TargetRoutesUnseen,
    Delete(Direction),
    WaitGone(Direction),
}

/// A read the plan makes before deciding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadKind {
    Vpc(Account),
    Peerings,
    Tables(Account),
    Routes(usize),
}

/// What the last step was, so that its outcome lands in the right place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum InFlight {
    Nothing,
    Read(ReadKind),
    Task(usize),
    Waiting(usize),
    Reporting,
}

/// A list read page by page: what came so far, and the next page to ask for. A list answer whose `totalRows` says
/// it holds more than it lists is a page (NCP documents no default page size): the plan reads on, with that page's
/// length as `pageSize`, so that an existing peering on a later page is never missed (and made twice).
#[derive(Debug)]
struct Pages {
    kind: ReadKind,
    items: Vec<Item>,
    page_size: usize,
    next_page: u32,
}

/// A chosen route table and its routes (once read).
#[derive(Debug)]
struct Table {
    account: Account,
    number: String,
    routes: Option<Vec<Item>>,
}

/// The next step, owned (a [`Step`] borrows the plan, so it is made last).
enum Next {
    Report(usize),
    Call(Account),
    Sleep(f64),
    Poll,
    Done,
}

/// The plan of `connectVpcs` or `disconnectVpcs`.
#[derive(Debug)]
pub struct Connection {
    plan: ConnectionPlan,
    goal: Goal,
    /// When the plan started (ms since the epoch): what a dry run signs with, unless `timestamp` says otherwise.
    now: u64,
    vpcs: [Option<Option<Item>>; 2],
    /// Whether the peerings were read (the two of this connection are kept as `forward` and `reverse`).
    peerings_read: bool,
    tables_read: [bool; 2],
    tables: Vec<Table>,
    forward: Option<Item>,
    reverse: Option<Item>,
    tasks: Option<Vec<Task>>,
    /// A list being read page by page.
    pages: Option<Pages>,
    next_task: usize,
    steps: Vec<StepRecord>,
    reported: usize,
    in_flight: InFlight,
    call: Option<Call>,
    /// The step of the call in flight, recorded once it succeeds.
    pending: Option<StepRecord>,
    wait: Option<Wait>,
    /// Requests sent, for `attempts` of an error the plan itself raises.
    sent: u32,
}

fn index(account: Account) -> usize {
    match account {
        Account::Source => 0,
        Account::Target => 1,
    }
}

fn account_word(account: Account) -> &'static str {
    match account {
        Account::Source => "source",
        Account::Target => "target",
    }
}

fn param(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}

/// A value the plan will only know once an earlier step has run.
fn unknown(what: &str) -> String {
    format!("<{what}>")
}

fn is_unknown(value: &str) -> bool {
    value.starts_with('<')
}

impl Connection {
    /// The plan of a validated connection, started at `now` (ms since the epoch).
    pub fn new(plan: ConnectionPlan, goal: Goal, now: u64) -> Connection {
        Connection {
            plan,
            goal,
            now,
            vpcs: [None, None],
            peerings_read: false,
            tables_read: [false, false],
            tables: Vec::new(),
            forward: None,
            reverse: None,
            tasks: None,
            pages: None,
            next_task: 0,
            steps: Vec::new(),
            reported: 0,
            in_flight: InFlight::Nothing,
            call: None,
            pending: None,
            wait: None,
            sent: 0,
        }
    }

    // --- who may do what -------------------------------------------------------------------------------------------

    /// Whether the VPCs belong to different accounts.
    fn cross_account(&self) -> bool {
        self.plan.other_account.is_some()
    }

    /// Whether the plan holds `account`'s keys: the source's always; the target's when it is the same account or
    /// its keys were given.
    fn can_act(&self, account: Account) -> bool {
        account == Account::Source || !self.cross_account() || self.plan.target_credentials.is_some()
    }

    fn vpc_no(&self, account: Account) -> &str {
        match account {
            Account::Source => &self.plan.source_vpc_no,
            Account::Target => &self.plan.target_vpc_no,
        }
    }

    fn peering(&self, direction: Direction) -> Option<&Item> {
        match direction {
            Direction::Forward => self.forward.as_ref(),
            Direction::Reverse => self.reverse.as_ref(),
        }
    }

    fn set_peering(&mut self, direction: Direction, item: Option<Item>) {
        match direction {
            Direction::Forward => self.forward = item,
            Direction::Reverse => self.reverse = item,
        }
    }

    fn vpc(&self, account: Account) -> Option<&Item> {
        self.vpcs[index(account)].as_ref().and_then(Option::as_ref)
    }

    /// The CIDR block of `account`'s VPC: read from the VPC, or else from a peering that names it.
    fn cidr(&self, account: Account) -> Option<String> {
        if let Some(vpc) = self.vpc(account) {
            return Some(VpcView::of(vpc).cidr().to_owned()).filter(|cidr| !cidr.is_empty());
        }
        let from_peering = match account {
            Account::Source => None,
            Account::Target => self.forward.as_ref().map(|p| PeeringView::of(p).target_cidr().to_owned()),
        };
        from_peering.filter(|cidr| !cidr.is_empty())
    }

    // --- calls ----------------------------------------------------------------------------------------------------

    /// A call of `action` with `params` (wire order, `regionCode` put first), signed with `account`'s keys.
    fn call_for(&self, action: Action, account: Account, params: &[(String, String)]) -> Call {
        let template = &self.plan.template;
        let credentials = match (account, &self.plan.target_credentials) {
            (Account::Target, Some(target)) => target.clone(),
            _ => template.credentials.clone(),
        };
        let mut wire: Vec<(String, String)> =
            self.plan.region.iter().map(|code| param("regionCode", code)).collect();
        wire.extend(params.iter().cloned());
        let retries = if action.is_read_only() || self.plan.retry_mutations { template.retries } else { 0 };
        let timeout_ms = self.plan.request_timeout_ms;
        Call { action, credentials, params: wire, retries, timeout_ms, timestamp: None, keep_items: true, ..template.clone() }
    }

    /// The next read the plan needs, or `None` once it has read everything.
    fn next_read(&mut self) -> Result<Option<(ReadKind, Call, Account)>, Error> {
        for account in [Account::Source, Account::Target] {
            if self.vpcs[index(account)].is_none() && self.can_act(account) {
                let call = self.call_for(Action::VpcDetail, account, &[param("vpcNo", self.vpc_no(account))]);
                return Ok(Some((ReadKind::Vpc(account), call, account)));
            }
        }
        if !self.peerings_read {
            let params = self.page_params(ReadKind::Peerings);
            return Ok(Some((ReadKind::Peerings, self.call_for(Action::List, Account::Source, &params), Account::Source)));
        }
        self.check_vpcs()?;
        for account in [Account::Source, Account::Target] {
            if !self.tables_read[index(account)] && self.can_act(account) {
                let mut params = Vec::new();
                let chosen = self.chosen_tables(account);
                for (n, number) in chosen.iter().flatten().enumerate() {
                    params.push(param(&format!("routeTableNoList.{}", n + 1), number));
                }
                params.extend(self.page_params(ReadKind::Tables(account)));
                params.push(param("vpcNo", self.vpc_no(account)));
                let call = self.call_for(Action::RouteTableList, account, &params);
                return Ok(Some((ReadKind::Tables(account), call, account)));
            }
        }
        if let Some(at) = self.tables.iter().position(|table| table.routes.is_none()) {
            let table = &self.tables[at];
            let params = [param("routeTableNo", &table.number), param("vpcNo", self.vpc_no(table.account))];
            let call = self.call_for(Action::RouteList, table.account, &params);
            return Ok(Some((ReadKind::Routes(at), call, table.account)));
        }
        Ok(None)
    }

    /// The route tables chosen on `account`'s side (`None`: all of them). A disconnection looks at all of them
    /// whatever was chosen: a route through a peering in any table would keep the peering from being deleted.
    fn chosen_tables(&self, account: Account) -> &Option<Vec<String>> {
        match (self.goal, account) {
            (Goal::Disconnect, _) => &None,
            (Goal::Connect, Account::Source) => &self.plan.source_tables,
            (Goal::Connect, Account::Target) => &self.plan.target_tables,
        }
    }

    /// `pageNo` and `pageSize` when the list `kind` is being read page by page.
    fn page_params(&self, kind: ReadKind) -> Vec<(String, String)> {
        match &self.pages {
            Some(pages) if pages.kind == kind => {
                vec![param("pageNo", &pages.next_page.to_string()), param("pageSize", &pages.page_size.to_string())]
            }
            _ => Vec::new(),
        }
    }

    /// Keeps a page of the list `kind`: `None` while more pages are to come, else the whole list.
    fn whole_list(&mut self, kind: ReadKind, mut items: Vec<Item>, total_rows: u32) -> Option<Vec<Item>> {
        let mut pages = match self.pages.take() {
            Some(pages) if pages.kind == kind => pages,
            _ => Pages { kind, items: Vec::new(), page_size: items.len(), next_page: 1 },
        };
        let empty = items.is_empty();
        pages.items.append(&mut items);
        // Stop at an empty page too, and after 1,000 pages: a server that always says "more" cannot hold the plan.
        if pages.items.len() >= total_rows as usize || empty || pages.page_size == 0 || pages.next_page >= 1_000 {
            return Some(pages.items);
        }
        pages.next_page += 1;
        self.pages = Some(pages);
        None
    }

    /// Keeps what a read found (a list once all its pages are in).
    fn absorb_read(&mut self, kind: ReadKind, items: Vec<Item>, total_rows: u32) -> Result<(), Error> {
        let items = match kind {
            ReadKind::Peerings | ReadKind::Tables(_) => match self.whole_list(kind, items, total_rows) {
                Some(items) => items,
                None => return Ok(()),
            },
            _ => items,
        };
        match kind {
            ReadKind::Vpc(account) => self.vpcs[index(account)] = Some(items.into_iter().next()),
            ReadKind::Peerings => {
                let between = |p: &Item, from: &str, to: &str| {
                    let view = PeeringView::of(p);
                    same_number(view.source_vpc_no(), from) && same_number(view.target_vpc_no(), to)
                };
                // For a connection, a peering being deleted is no peering; a disconnection waits for it to go.
                let usable = |p: &&Item| self.goal == Goal::Disconnect || PeeringView::of(p).status_code() != "TERMTING";
                let (source, target) = (&self.plan.source_vpc_no, &self.plan.target_vpc_no);
                self.forward = items.iter().filter(usable).find(|p| between(p, source, target)).cloned();
                self.reverse = items.iter().filter(usable).find(|p| between(p, target, source)).cloned();
                self.peerings_read = true;
            }
            ReadKind::Tables(account) => {
                self.tables_read[index(account)] = true;
                let chosen = self.chosen_tables(account).clone();
                let vpc_no = self.vpc_no(account).to_owned();
                let mut found: Vec<String> = Vec::new();
                for table in items.iter().map(RouteTableView::of).filter(|table| same_number(table.vpc_no(), &vpc_no)) {
                    // A table listed twice (on two pages, say) is routed once.
                    if !found.iter().any(|known| same_number(known, table.number())) {
                        found.push(table.number().to_owned());
                    }
                }
                if let Some(missing) = chosen.iter().flatten().find(|n| !found.iter().any(|f| same_number(f, n))) {
                    let field = format!("{}RouteTableNoList", account_word(account));
                    let message = format!("{field}: route table {missing} is not a route table of VPC {vpc_no}");
                    return Err(Error::invalid_option(&field, message));
                }
                self.tables.extend(found.into_iter().map(|number| Table { account, number, routes: None }));
            }
            ReadKind::Routes(at) => {
                if let Some(table) = self.tables.get_mut(at) {
                    table.routes = Some(items);
                }
            }
        }
        Ok(())
    }

    /// The VPCs exist for the keys that read them, and (to connect) their CIDR blocks are apart.
    fn check_vpcs(&self) -> Result<(), Error> {
        let source = &self.plan.source_vpc_no;
        if self.vpc(Account::Source).is_none() {
            let message = format!("sourceVpcNo {source} is not a VPC of the account of accessKey (in this region)");
            return Err(Error::invalid_option("sourceVpcNo", message));
        }
        let target = &self.plan.target_vpc_no;
        if self.can_act(Account::Target) && self.vpc(Account::Target).is_none() {
            let message = if self.cross_account() {
                format!("targetVpcNo {target} is not a VPC of the account of targetAccessKey (in this region)")
            } else {
                format!(
                    "targetVpcNo {target} is not a VPC of this account (in this region): for another account's VPC, give \
                     targetVpcName and targetVpcLoginId"
                )
            };
            return Err(Error::invalid_option("targetVpcNo", message));
        }
        if self.goal == Goal::Connect {
            let (Some(source_cidr), Some(target_cidr)) = (self.cidr(Account::Source), self.cidr(Account::Target)) else {
                // The other account's VPC unread and no peering to it yet: NCP refuses an overlap when creating it.
                return Ok(());
            };
            if let (Some(a), Some(b)) = (read_cidr(&source_cidr), read_cidr(&target_cidr)) {
                if cidrs_overlap(a, b) {
                    let message = format!(
                        "the IPv4 CIDR blocks of sourceVpcNo {source} ({}) and targetVpcNo {target} ({}) overlap: peered \
                         VPCs need blocks apart",
                        echo(&source_cidr),
                        echo(&target_cidr)
                    );
                    return Err(Error::invalid_option("targetVpcNo", message));
                }
            }
        }
        Ok(())
    }

    /// A forward peering NCP says is within one account, where the options name another account for the target:
    /// the target VPC is the caller's own (its own keys never read it, so only a peering tells).
    fn check_accounts(&self) -> Result<(), Error> {
        if let (Some(forward), Some(reverse)) = (&self.forward, &self.reverse) {
            let no = PeeringView::of(forward).instance_no();
            if same_number(no, PeeringView::of(reverse).instance_no()) {
                let message = format!("the answers give one number, {}, to the peerings of both directions", echo(no));
                return Err(Error::new(ErrorCode::BadResponse, message));
            }
        }
        match &self.forward {
            Some(forward) if self.cross_account() && !PeeringView::of(forward).is_between_accounts() => {
                let message = format!(
                    "targetVpcNo {} is a VPC of this account, not another's (peering {} is within one account): leave \
                     out targetVpcName and targetVpcLoginId",
                    self.plan.target_vpc_no,
                    PeeringView::of(forward).instance_no()
                );
                Err(Error::invalid_option("targetVpcLoginId", message))
            }
            _ => Ok(()),
        }
    }

    // --- deciding ---------------------------------------------------------------------------------------------------

    /// The tasks, once everything is read; fails on a route that would have to be overwritten.
    fn decide(&self) -> Result<Vec<Task>, Error> {
        self.check_accounts()?;
        let tables = |account: Account| {
            self.tables.iter().enumerate().filter(move |(_, t)| t.account == account).map(|(at, _)| at)
        };
        let mut tasks = Vec::new();
        match self.goal {
            Goal::Connect => {
                for table in &self.tables {
                    self.check_conflict(table)?;
                }
                tasks.extend([Task::Create(Direction::Forward), Task::Create(Direction::Reverse)]);
                if self.cross_account() {
                    tasks.extend([Task::Accept(Direction::Forward), Task::Accept(Direction::Reverse)]);
                }
                tasks.extend([Task::WaitRun(Direction::Forward), Task::WaitRun(Direction::Reverse)]);
                tasks.extend(tables(Account::Source).map(|at| Task::AddRoute(Account::Source, at)));
                if self.can_act(Account::Target) {
                    tasks.extend(tables(Account::Target).map(|at| Task::AddRoute(Account::Target, at)));
                } else {
                    tasks.push(Task::TargetRoutesUnseen);
                }
            }
            Goal::Disconnect => {
                for (at, table) in self.tables.iter().enumerate() {
                    if !self.connection_routes(table).is_empty() {
                        tasks.push(Task::RemoveRoutes(table.account, at));
                    }
                }
                if !self.can_act(Account::Target) && self.reverse.is_some() {
                    tasks.push(Task::TargetRoutesUnseen);
                }
                tasks.extend([
                    Task::Delete(Direction::Forward),
                    Task::Delete(Direction::Reverse),
                    Task::WaitGone(Direction::Forward),
                    Task::WaitGone(Direction::Reverse),
                ]);
            }
        }
        Ok(tasks)
    }

    /// A chosen table's route to the other VPC that goes anywhere but through this connection's peering.
    fn check_conflict(&self, table: &Table) -> Result<(), Error> {
        let Some(cidr) = self.cidr(other(table.account)) else { return Ok(()) };
        let peering_no = self.peering(direction_of(table.account)).map(|p| PeeringView::of(p).instance_no());
        for route in table.routes.iter().flatten().map(RouteView::of) {
            if route.destination() != cidr {
                continue;
            }
            let ours = route.target_type() == "VPCPEERING" && peering_no.is_some_and(|no| same_number(no, route.target_no()));
            if !ours {
                let message = format!(
                    "route table {} of VPC {} already routes {} to {} {} (not to the {} peering{}): remove that route \
                     first; it is never overwritten",
                    table.number,
                    self.vpc_no(table.account),
                    echo(&cidr),
                    echo(route.target_type()),
                    echo(route.target_no()),
                    direction_of(table.account).word(),
                    peering_no.map(|no| format!(" {no}")).unwrap_or_default(),
                );
                return Err(Error { field: Some(format!("{}RouteTableNoList", account_word(table.account))), ..Error::new(ErrorCode::Conflict, message) });
            }
        }
        Ok(())
    }

    /// The routes of `table` through either peering of the connection.
    fn connection_routes<'a>(&self, table: &'a Table) -> Vec<&'a Item> {
        let numbers: Vec<&str> =
            [&self.forward, &self.reverse].into_iter().flatten().map(|p| PeeringView::of(p).instance_no()).collect();
        table
            .routes
            .iter()
            .flatten()
            .filter(|route| {
                let view = RouteView::of(route);
                view.target_type() == "VPCPEERING" && numbers.iter().any(|no| same_number(no, view.target_no()))
            })
            .collect()
    }

    // --- doing ------------------------------------------------------------------------------------------------------

    fn record(&mut self, action: &'static str, account: Account, status: Status, params: Vec<(String, String)>, note: String) {
        self.steps.push(StepRecord { action, account, status, params, note, request: None });
    }

    /// Sends `action` (or, in a dry run, signs and records it as planned): `Some(Next::Call)` when a call goes out.
    /// Its step is recorded once it succeeds.
    fn run(&mut self, action: Action, account: Account, params: Vec<(String, String)>, note: String) -> Result<Option<Next>, Error> {
        let known = params.iter().all(|(_, value)| !is_unknown(value));
        let call = self.call_for(action, account, &params);
        if self.plan.dry_run {
            let request = known.then(|| build(&call, self.plan.timestamp.unwrap_or(self.now)));
            self.steps.push(StepRecord { action: action.name(), account, status: Status::Planned, params, note, request });
            return Ok(None);
        }
        if !known {
            // Only a peering or VPC the answers failed to describe leaves a value unknown here.
            let message = format!("{} cannot be sent: the answers so far do not say {}", action.name(), note);
            return Err(Error::new(ErrorCode::BadResponse, message));
        }
        self.pending = Some(StepRecord { action: action.name(), account, status: Status::Done, params, note, request: None });
        self.call = Some(call);
        Ok(Some(Next::Call(account)))
    }

    /// The number and name of a peering, or what they will be.
    fn peering_ref(&self, direction: Direction) -> (String, String) {
        match self.peering(direction) {
            Some(p) => (PeeringView::of(p).instance_no().to_owned(), PeeringView::of(p).name().to_owned()),
            None => (unknown(&format!("{} peering's number", direction.word())), unknown(&format!("{} peering's name", direction.word()))),
        }
    }

    fn peering_note(&self, direction: Direction) -> String {
        match self.peering(direction) {
            Some(p) => {
                let view = PeeringView::of(p);
                format!("{} peering {} ({})", direction.word(), view.instance_no(), view.status_code())
            }
            None => format!("no {} peering", direction.word()),
        }
    }

    /// Takes task `at`: records it, and says whether a call or a wait goes out.
    fn start(&mut self, at: usize, task: Task) -> Result<Option<Next>, Error> {
        const WAIT: &str = crate::wait::NAME;
        let dry = self.plan.dry_run;
        match task {
            Task::Create(direction) => {
                let account = direction.requester();
                if self.peering(direction).is_some() {
                    let (no, _) = self.peering_ref(direction);
                    let note = format!("exists: {}", self.peering_note(direction));
                    self.record(Action::Create.name(), account, Status::Skipped, vec![param("vpcPeeringInstanceNo", &no)], note);
                    return Ok(None);
                }
                let (from, to) = (self.vpc_no(account).to_owned(), self.vpc_no(other(account)).to_owned());
                let mut params = vec![param("sourceVpcNo", &from), param("targetVpcNo", &to)];
                if let Some(base) = &self.plan.base_name {
                    let suffix = if direction == Direction::Forward { "fwd" } else { "rev" };
                    params.push(param("vpcPeeringName", &format!("{base}-{suffix}")));
                }
                if let Some(other_account) = &self.plan.other_account {
                    let (vpc_name, login_id) = match direction {
                        Direction::Forward => (other_account.vpc_name.clone(), other_account.login_id.clone()),
                        Direction::Reverse => (
                            self.vpc(Account::Source).map_or_else(|| unknown("source VPC's name"), |v| VpcView::of(v).name().to_owned()),
                            self.forward
                                .as_ref()
                                .map(|p| PeeringView::of(p).source_login_id().to_owned())
                                .filter(|id| !id.is_empty())
                                .unwrap_or_else(|| unknown("source account's login ID, from the forward peering")),
                        ),
                    };
                    params.push(param("targetVpcName", &vpc_name));
                    params.push(param("targetVpcLoginId", &login_id));
                }
                let note = format!("the {} peering, VPC {from} to VPC {to}", direction.word());
                if !self.can_act(account) {
                    let note = format!("{note}: awaits the target account (run connectVpcs with its keys, or pass targetAccessKey and targetSecretKey)");
                    self.record(Action::Create.name(), account, Status::Awaiting, params, note);
                    return Ok(None);
                }
                self.run(Action::Create, account, params, note)
            }
            Task::Accept(direction) => {
                let account = direction.accepter();
                let (no, _) = self.peering_ref(direction);
                let params = vec![param("vpcPeeringInstanceNo", &no), param("isAccept", "true")];
                let status = self.peering(direction).map(|p| PeeringView::of(p).status_code().to_owned());
                if status.as_deref().is_some_and(|code| code != "INIT") {
                    let note = format!("no request to accept: {}", self.peering_note(direction));
                    self.record(Action::AcceptOrReject.name(), account, Status::Skipped, params, note);
                    return Ok(None);
                }
                let note = format!("the {} peering, by its target VPC's account", direction.word());
                if !self.can_act(account) {
                    self.record(Action::AcceptOrReject.name(), account, Status::Awaiting, params, format!("{note}: awaits the target account"));
                    return Ok(None);
                }
                if status.is_none() && !dry {
                    // Not created: its requester is the other account, whose part is awaited.
                    self.record(Action::AcceptOrReject.name(), account, Status::Awaiting, params, format!("{note}: awaits its request by the target account"));
                    return Ok(None);
                }
                self.run(Action::AcceptOrReject, account, params, note)
            }
            Task::WaitRun(direction) => {
                let (no, _) = self.peering_ref(direction);
                let params = vec![param("vpcPeeringInstanceNo", &no), param("until", "RUN")];
                let status = self.peering(direction).map(|p| PeeringView::of(p).status_code().to_owned());
                if status.as_deref() == Some("RUN") {
                    self.record(WAIT, Account::Source, Status::Skipped, params, format!("already {}", self.peering_note(direction)));
                    return Ok(None);
                }
                if dry {
                    self.record(WAIT, Account::Source, Status::Planned, params, format!("until the {} peering runs", direction.word()));
                    return Ok(None);
                }
                let accepted_by_us = !self.cross_account() || self.can_act(direction.accepter());
                if status.is_none() || !accepted_by_us {
                    let note = format!("{}: awaits the target account", self.peering_note(direction));
                    self.record(WAIT, Account::Source, Status::Awaiting, params, note);
                    return Ok(None);
                }
                self.start_wait(at, no, Until::Status(vec!["RUN".to_owned()]))
            }
            Task::AddRoute(account, table_at) => {
                let direction = direction_of(account);
                let cidr = self.cidr(other(account)).unwrap_or_else(|| unknown("target VPC's CIDR block"));
                let table_no = self.tables.get(table_at).map(|t| t.number.clone()).unwrap_or_default();
                if let Some(existing) = self.tables.get(table_at).and_then(|t| t.routes.as_ref()).and_then(|routes| {
                    routes.iter().find(|route| RouteView::of(route).destination() == cidr)
                }) {
                    // check_conflict made sure it goes through this connection's peering.
                    let view = RouteView::of(existing);
                    let params = route_params(self.vpc_no(account), &table_no, &cidr, view.target_no(), view.target_name());
                    let note = format!("route table {table_no} already routes {cidr} through peering {}", view.target_no());
                    self.record(Action::AddRoute.name(), account, Status::Skipped, params, note);
                    return Ok(None);
                }
                let (no, name) = self.peering_ref(direction);
                let params = route_params(self.vpc_no(account), &table_no, &cidr, &no, &name);
                let running = self.peering(direction).is_some_and(|p| PeeringView::of(p).status_code() == "RUN");
                let note = format!("route {cidr} in table {table_no} through the {} peering", direction.word());
                if !running && !dry {
                    let note = format!("{note}: awaits the peering's RUN ({})", self.peering_note(direction));
                    self.record(Action::AddRoute.name(), account, Status::Awaiting, params, note);
                    return Ok(None);
                }
                self.run(Action::AddRoute, account, params, note)
            }
            Task::TargetRoutesUnseen => {
                let action = if self.goal == Goal::Connect { Action::AddRoute } else { Action::RemoveRoute };
                let params = vec![param("vpcNo", &self.plan.target_vpc_no)];
                let note = "the target VPC's route tables: awaits the target account (its keys were not given)".to_owned();
                self.record(action.name(), Account::Target, Status::Awaiting, params, note);
                Ok(None)
            }
            Task::RemoveRoutes(account, table_at) => {
                let Some(table) = self.tables.get(table_at) else { return Ok(None) };
                let mut params = vec![param("vpcNo", self.vpc_no(account)), param("routeTableNo", &table.number)];
                for (n, route) in self.connection_routes(table).into_iter().enumerate() {
                    let view = RouteView::of(route);
                    let at = format!("routeList.{}.", n + 1);
                    params.push(param(&format!("{at}destinationCidrBlock"), view.destination()));
                    params.push(param(&format!("{at}targetTypeCode"), "VPCPEERING"));
                    params.push(param(&format!("{at}targetNo"), view.target_no()));
                    if !view.target_name().is_empty() {
                        params.push(param(&format!("{at}targetName"), view.target_name()));
                    }
                }
                let note = format!("the connection's routes in table {}", table.number);
                self.run(Action::RemoveRoute, account, params, note)
            }
            Task::Delete(direction) => {
                let account = direction.requester();
                let Some(peering) = self.peering(direction) else {
                    let (from, to) = (self.vpc_no(account).to_owned(), self.vpc_no(other(account)).to_owned());
                    let params = vec![param("sourceVpcNo", &from), param("targetVpcNo", &to)];
                    self.record(Action::Delete.name(), account, Status::Skipped, params, format!("no {} peering", direction.word()));
                    return Ok(None);
                };
                let view = PeeringView::of(peering);
                let params = vec![param("vpcPeeringInstanceNo", view.instance_no())];
                if view.status_code() == "TERMTING" {
                    let note = format!("already being deleted: {}", self.peering_note(direction));
                    self.record(Action::Delete.name(), account, Status::Skipped, params, note);
                    return Ok(None);
                }
                let note = format!("the {}", self.peering_note(direction));
                if !self.can_act(account) {
                    self.record(Action::Delete.name(), account, Status::Awaiting, params, format!("{note}: awaits the target account"));
                    return Ok(None);
                }
                self.run(Action::Delete, account, params, note)
            }
            Task::WaitGone(direction) => {
                let Some(peering) = self.peering(direction) else { return Ok(None) };
                let view = PeeringView::of(peering);
                let no = view.instance_no().to_owned();
                let params = vec![param("vpcPeeringInstanceNo", &no), param("until", "GONE")];
                let deleting = view.status_code() == "TERMTING";
                if dry {
                    self.record(WAIT, Account::Source, Status::Planned, params, format!("until the {} peering is gone", direction.word()));
                    return Ok(None);
                }
                if !deleting {
                    self.record(WAIT, Account::Source, Status::Awaiting, params, format!("{}: its deletion awaits the target account", self.peering_note(direction)));
                    return Ok(None);
                }
                self.start_wait(at, no, Until::Gone)
            }
        }
    }

    /// Starts a wait for task `at` and gives its first step.
    fn start_wait(&mut self, at: usize, instance_no: String, until: Until) -> Result<Option<Next>, Error> {
        let params = [param("vpcPeeringInstanceNo", &instance_no)];
        let poll = self.call_for(Action::Detail, Account::Source, &params);
        let plan = WaitPlan {
            poll,
            instance_no,
            until,
            // The plan accepted it itself (or no acceptance was needed): INIT means it is being set up.
            await_acceptance: true,
            poll_interval_ms: self.plan.poll_interval_ms,
            max_poll_interval_ms: self.plan.max_poll_interval_ms,
        };
        let mut wait = Wait::silent(plan);
        let first = Self::wait_step(wait.next(Outcome::Start));
        self.wait = Some(wait);
        self.in_flight = InFlight::Waiting(at);
        first.map(Some)
    }

    /// A wait's step as the plan's: a sleep or a poll; its end is handled by [`Connection::wait_over`].
    fn wait_step(step: Step<'_>) -> Result<Next, Error> {
        match step {
            Step::Sleep(ms) => Ok(Next::Sleep(ms)),
            Step::Call { .. } => Ok(Next::Poll),
            Step::Fail(error) => Err(error),
            Step::Report(_) | Step::Done(_) => Err(Error::new(ErrorCode::BadResponse, "a wait ended unexpectedly")),
        }
    }

    /// Keeps what a call of task `at` answered.
    fn absorb_task(&mut self, at: usize, items: Vec<Item>) -> Result<(), Error> {
        self.steps.extend(self.pending.take());
        let task = self.tasks.as_ref().and_then(|tasks| tasks.get(at)).cloned();
        let first = items.first().cloned();
        match task {
            Some(Task::Create(direction)) => {
                let Some(created) = first else { return Ok(()) };
                let account = direction.requester();
                let view = PeeringView::of(&created);
                if !same_number(view.source_vpc_no(), self.vpc_no(account)) || !same_number(view.target_vpc_no(), self.vpc_no(other(account))) {
                    let message = format!(
                        "the answer to creating the {} peering is a peering from VPC {} to VPC {}",
                        direction.word(),
                        echo(view.source_vpc_no()),
                        echo(view.target_vpc_no())
                    );
                    return Err(Error::new(ErrorCode::BadResponse, message));
                }
                self.note_number(&created);
                self.set_peering(direction, Some(created));
                self.check_accounts()?;
            }
            Some(Task::Accept(direction) | Task::Delete(direction)) => {
                if let Some(item) = first {
                    self.set_peering(direction, Some(item));
                }
            }
            Some(Task::AddRoute(_, table_at) | Task::RemoveRoutes(_, table_at)) => {
                if let Some(table) = self.tables.get_mut(table_at) {
                    table.routes = Some(items);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Adds the created peering's number to its step's note.
    fn note_number(&mut self, created: &Item) {
        if let Some(step) = self.steps.last_mut() {
            step.note = format!("{}: peering {}", step.note, PeeringView::of(created).instance_no());
        }
    }

    /// The step after the wait of task `at` had `outcome`.
    fn wait_over(&mut self, at: usize, outcome: Outcome) -> Result<Next, Error> {
        let Some(wait) = self.wait.as_mut() else { return Err(Error::new(ErrorCode::BadResponse, "no wait in progress")) };
        let finished = match wait.next(outcome) {
            Step::Done(finished) => finished,
            step => {
                let next = Self::wait_step(step);
                self.in_flight = InFlight::Waiting(at);
                return next;
            }
        };
        self.wait = None;
        let task = self.tasks.as_ref().and_then(|tasks| tasks.get(at)).cloned();
        let (direction, until) = match task {
            Some(Task::WaitRun(direction)) => (direction, "RUN"),
            Some(Task::WaitGone(direction)) => (direction, "GONE"),
            _ => return Err(Error::new(ErrorCode::BadResponse, "a wait for no task")),
        };
        let (no, _) = self.peering_ref(direction);
        let (item, note) = match finished {
            Finished::Item(item) => (Some(item), format!("the {} peering {no} runs", direction.word())),
            _ => (None, format!("the {} peering {no} is gone", direction.word())),
        };
        self.set_peering(direction, item);
        let params = vec![param("vpcPeeringInstanceNo", &no), param("until", until)];
        self.record(crate::wait::NAME, Account::Source, Status::Done, params, note);
        self.advance()
    }

    /// The next step once the last outcome is kept: a report, a read, the next task, or the end.
    fn advance(&mut self) -> Result<Next, Error> {
        loop {
            if self.reported < self.steps.len() {
                self.in_flight = InFlight::Reporting;
                self.reported += 1;
                return Ok(Next::Report(self.reported - 1));
            }
            let Some(tasks) = &self.tasks else {
                if let Some((kind, call, account)) = self.next_read()? {
                    self.call = Some(call);
                    self.in_flight = InFlight::Read(kind);
                    return Ok(Next::Call(account));
                }
                self.tasks = Some(self.decide()?);
                continue;
            };
            let Some(task) = tasks.get(self.next_task).cloned() else {
                self.in_flight = InFlight::Nothing;
                return Ok(Next::Done);
            };
            let at = self.next_task;
            self.next_task += 1;
            match self.start(at, task)? {
                Some(Next::Call(account)) => {
                    self.in_flight = InFlight::Task(at);
                    return Ok(Next::Call(account));
                }
                Some(next) => return Ok(next),
                None => continue,
            }
        }
    }

    /// Keeps `outcome` and says what comes next.
    fn step(&mut self, outcome: Outcome) -> Result<Next, Error> {
        let in_flight = core::mem::replace(&mut self.in_flight, InFlight::Nothing);
        if let InFlight::Waiting(at) = in_flight {
            if matches!(outcome, Outcome::Answered(_)) {
                self.sent += 1;
            }
            return self.wait_over(at, outcome);
        }
        match outcome {
            Outcome::Failed(error) => {
                let task = match in_flight {
                    InFlight::Task(at) => self.tasks.as_ref().and_then(|tasks| tasks.get(at)),
                    _ => None,
                };
                let pending = self.pending.take();
                match (task, pending) {
                    // NCP shows an accepted peering being set up as INIT, like one awaiting acceptance: a refusal to
                    // accept it most likely means it was accepted already (by an earlier run, or by hand). The wait
                    // that follows tells: it runs, or it goes (rejected), or the time budget ends.
                    (Some(Task::Accept(_)), Some(mut step)) if is_refusal(&error) => {
                        step.status = Status::Skipped;
                        step.note = format!(
                            "{}: refused ({}), taken as accepted already; the wait that follows tells",
                            step.note,
                            echo(error.return_code.as_deref().unwrap_or(""))
                        );
                        self.steps.push(step);
                    }
                    _ => return Err(error),
                }
            }
            Outcome::Answered(answer) => {
                self.sent += 1;
                let total_rows = answer.total_rows;
                let items = answer.items.kept;
                match in_flight {
                    InFlight::Read(kind) => self.absorb_read(kind, items, total_rows)?,
                    InFlight::Task(at) => self.absorb_task(at, items)?,
                    _ => {}
                }
            }
            Outcome::Start | Outcome::Slept | Outcome::Reported => {}
        }
        self.advance()
    }

    /// The error the plan fails with: `attempts` counts the requests sent, `steps` what was done before it.
    fn failed(&self, error: Error) -> Error {
        let attempts = if error.attempts > 0 { self.sent + error.attempts } else { self.sent };
        Error { attempts, steps: Some(steps_json(&self.steps, false)), ..error }
    }

    fn result(&mut self) -> ConnectionResult {
        let mut routes = Vec::new();
        if self.goal == Goal::Connect {
            for table in &self.tables {
                let Some(peering) = self.peering(direction_of(table.account)) else { continue };
                let no = PeeringView::of(peering).instance_no();
                routes.extend(table.routes.iter().flatten().filter(|route| {
                    let view = RouteView::of(route);
                    view.target_type() == "VPCPEERING" && same_number(view.target_no(), no)
                }).cloned());
            }
        }
        let complete = self.steps.iter().all(|step| step.status != Status::Awaiting);
        ConnectionResult {
            goal: self.goal,
            forward: self.forward.take(),
            reverse: self.reverse.take(),
            routes,
            steps: core::mem::take(&mut self.steps),
            complete,
        }
    }
}

/// The other account.
fn other(account: Account) -> Account {
    match account {
        Account::Source => Account::Target,
        Account::Target => Account::Source,
    }
}

/// Whether the service refused the call itself: an API error that is not the gateway's busy or failing answer (those
/// retry) nor a refusal of the keys (401, 403).
fn is_refusal(error: &Error) -> bool {
    error.code == ErrorCode::NcpApi && !is_retryable(error) && !matches!(error.status, Some(401 | 403) | Some(500..=599))
}

/// addRoute's parameters for one `VPCPEERING` route.
fn route_params(vpc_no: &str, table_no: &str, cidr: &str, peering_no: &str, peering_name: &str) -> Vec<(String, String)> {
    let mut params = vec![
        param("vpcNo", vpc_no),
        param("routeTableNo", table_no),
        param("routeList.1.destinationCidrBlock", cidr),
        param("routeList.1.targetTypeCode", "VPCPEERING"),
        param("routeList.1.targetNo", peering_no),
    ];
    if !peering_name.is_empty() {
        params.push(param("routeList.1.targetName", peering_name));
    }
    params
}

/// Whether two numbers as the API writes them are the same (leading zeros aside).
fn same_number(a: &str, b: &str) -> bool {
    a.trim().trim_start_matches('0') == b.trim().trim_start_matches('0')
}

impl Plan for Connection {
    fn name(&self) -> &'static str {
        match self.goal {
            Goal::Connect => CONNECT,
            Goal::Disconnect => DISCONNECT,
        }
    }

    fn timeout_ms(&self) -> Option<u32> {
        self.plan.timeout_ms
    }

    fn next(&mut self, outcome: Outcome) -> Step<'_> {
        let next = match self.step(outcome) {
            Ok(next) => next,
            Err(error) => return Step::Fail(self.failed(error)),
        };
        match next {
            Next::Report(at) => match self.steps.get(at) {
                Some(record) => Step::Report(Report::Step(record)),
                None => Step::Fail(Error::new(ErrorCode::BadResponse, "a step to report is missing")),
            },
            Next::Sleep(ms) => Step::Sleep(ms),
            Next::Call(account) => match &self.call {
                Some(call) => Step::Call { call, account },
                None => Step::Fail(Error::new(ErrorCode::BadResponse, "a call to send is missing")),
            },
            Next::Poll => match &self.wait {
                Some(wait) => Step::Call { call: wait.poll_call(), account: Account::Source },
                None => Step::Fail(Error::new(ErrorCode::BadResponse, "a poll to send is missing")),
            },
            Next::Done => Step::Done(Finished::Connection(Box::new(self.result()))),
        }
    }
}

/// The steps as a JSON array for JS: `[{"action","account","status","params":{…},"note"[,"request"]}]`; requests
/// only when `with_requests` (a result, never an error).
pub fn steps_json(steps: &[StepRecord], with_requests: bool) -> String {
    let mut out = String::from("[");
    for (n, step) in steps.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        write_step(&mut out, step, with_requests);
    }
    out.push(']');
    out
}

/// One step as JSON, with its request (for `onStep`, which sees what the result will hold).
pub fn step_json(step: &StepRecord) -> String {
    let mut out = String::new();
    write_step(&mut out, step, true);
    out
}

fn write_step(out: &mut String, step: &StepRecord, with_request: bool) {
    out.push_str("{\"action\":");
    write_json_string(out, step.action);
    out.push_str(",\"account\":");
    write_json_string(out, account_word(step.account));
    out.push_str(",\"status\":");
    write_json_string(out, step.status.as_str());
    out.push_str(",\"params\":");
    write_object(out, step.params.iter().map(|(name, value)| (name.as_str(), value.as_str())));
    out.push_str(",\"note\":");
    write_json_string(out, &step.note);
    if let Some(request) = step.request.as_ref().filter(|_| with_request) {
        out.push_str(",\"request\":");
        out.push_str(&request_json(request));
    }
    out.push('}');
}

/// `{"name":"value",…}` of text pairs.
fn write_object<'a>(out: &mut String, pairs: impl Iterator<Item = (&'a str, &'a str)>) {
    out.push('{');
    for (i, (name, value)) in pairs.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_json_string(out, name);
        out.push(':');
        write_json_string(out, value);
    }
    out.push('}');
}

/// A signed request as JSON, as the dry runs show it: `{"method","url","headers":{…},"body"}`.
pub fn request_json(request: &SignedRequest) -> String {
    let mut out = String::from("{\"method\":");
    write_json_string(&mut out, request.method.as_str());
    out.push_str(",\"url\":");
    write_json_string(&mut out, &request.url);
    out.push_str(",\"headers\":");
    write_object(&mut out, request.headers.iter().map(|(name, value)| (*name, value.as_str())));
    out.push_str(",\"body\":");
    match &request.body {
        Some(body) => write_json_string(&mut out, body),
        None => out.push_str("null"),
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests;
