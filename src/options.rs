//! Validation: the caller's options, as JS-like values, become a [`Call`] or [`WaitPlan`], or errors naming
//! each field at fault. Pure: no JS, no clock, so every rule is tested natively and fuzzed.
//!
//! `undefined` and `null` both mean "not given". An unknown key is an error, so a typo such as `sourceVpcNO`
//! is caught instead of silently dropped.

use crate::action::{Action, Rule, REGION, STATUS_CODES};
use crate::error::{Error, Secrets};
use crate::sign::Credentials;

/// A JS value as validation sees it. The JS glue maps every value to one of these.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// `undefined` (or a missing key).
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (any `f64`, NaN included).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    List(Vec<OptionValue>),
    /// A function.
    Function,
    /// Any other object (an `AbortSignal`, a plain object).
    Object,
    /// A value of another type (`bigint`, `symbol`), named by its `typeof`.
    Other(String),
}

impl OptionValue {
    fn type_name(&self) -> &str {
        match self {
            OptionValue::Undefined => "undefined",
            OptionValue::Null => "null",
            OptionValue::Bool(_) => "boolean",
            OptionValue::Number(_) => "number",
            OptionValue::String(_) => "string",
            OptionValue::List(_) => "array",
            OptionValue::Function => "function",
            OptionValue::Object => "object",
            OptionValue::Other(name) => name,
        }
    }

    fn is_absent(&self) -> bool {
        matches!(self, OptionValue::Undefined | OptionValue::Null)
    }
}

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

/// The documented gateways (`site`), ncp-api.md §2.
pub const SITES: &[(&str, &str)] = &[
    ("public", "https://ncloud.apigw.ntruss.com"),
    ("gov", "https://ncloud.apigw.gov-ntruss.com"),
    ("fin", "https://fin-ncloud.apigw.fin-ntruss.com"),
];

/// The default `timeoutMs` of one call.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The default `timeoutMs` of a wait for a status: terraform-provider-ncloud allows a peering's creation 1 hour.
pub const DEFAULT_WAIT_TIMEOUT_MS: u32 = 3_600_000;
/// The default `timeoutMs` of a wait for `GONE`: terraform-provider-ncloud allows a peering's deletion 5 minutes.
pub const DEFAULT_WAIT_GONE_TIMEOUT_MS: u32 = 300_000;
/// The default number of retries of a retryable call.
pub const DEFAULT_RETRIES: u32 = 3;
/// The most retries a caller may ask for.
pub const MAX_RETRIES: u32 = 10;
/// The default delay before the first poll of a wait.
pub const DEFAULT_POLL_INTERVAL_MS: u32 = 2_000;
/// The default cap on the delay between polls.
pub const DEFAULT_MAX_POLL_INTERVAL_MS: u32 = 15_000;
/// The default `maxResponseBytes`: 4 MiB. The largest plausible real answer, a list of 1,000 peerings in pretty
/// JSON, is about 1.5 MB; the limit leaves a wide margin over it while keeping what a hostile or broken endpoint
/// can make the package hold (in JS and in the wasm, whose memory never shrinks) small.
pub const DEFAULT_MAX_RESPONSE_BYTES: u32 = 4 * 1024 * 1024;
/// The smallest `maxResponseBytes`: below it even an error answer may not fit.
pub const MIN_MAX_RESPONSE_BYTES: u32 = 1024;
/// The largest `maxResponseBytes`: 32 MiB, 8× the default and 20× the largest plausible answer; more would let one
/// answer grow the wasm memory (which never shrinks) by hundreds of MB, past a Worker's 128 MB.
pub const MAX_MAX_RESPONSE_BYTES: u32 = 32 * 1024 * 1024;
/// The longest delay `setTimeout` honours (2³¹−1 ms); longer ones fire at once in every runtime.
const MAX_TIMER_MS: f64 = 2_147_483_647.0;
/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Options every API call takes besides the action's own parameters.
const COMMON_KEYS: &[&str] = &[
    "accessKey",
    "secretKey",
    "responseFormatType",
    "site",
    "endpoint",
    "method",
    "timeoutMs",
    "signal",
    "fetch",
    "timestamp",
    "retries",
    "retryMutations",
    "maxResponseBytes",
];

/// Options `waitForVpcPeeringInstance` takes besides the detail call's.
const WAIT_KEYS: &[&str] = &["until", "awaitAcceptance", "onPoll", "pollIntervalMs", "maxPollIntervalMs"];

/// The options `createClient` keeps for every call.
pub const CLIENT_KEYS: &[&str] = &[
    "accessKey",
    "secretKey",
    "site",
    "endpoint",
    "regionCode",
    "fetch",
    "timeoutMs",
    "retries",
    "retryMutations",
    "method",
    "responseFormatType",
    "maxResponseBytes",
];

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

/// The caller's options as key/value pairs, in the caller's order.
pub type Entries = [(String, OptionValue)];

/// Validates the options of one API call; every error found, each naming its field.
pub fn validate_call(action: Action, entries: &Entries) -> Result<Call, Vec<Error>> {
    let mut errors = Vec::new();
    check_keys(entries, &[COMMON_KEYS, &param_names(action)], &mut errors);
    let call = read_call(action, entries, &mut errors);
    match call {
        Some(call) if errors.is_empty() => Ok(call),
        _ => Err(scrub_secret(entries, errors)),
    }
}

/// Removes the secret key from every message, should the caller have put it in another option too (pasted into
/// the wrong field, say): a refused value is quoted up to [`SHOWN_CHARS`] characters (an NCP secret key has 40),
/// and [`Secrets::scrub`] also removes the start of a secret that such a cut leaves.
fn scrub_secret(entries: &Entries, mut errors: Vec<Error>) -> Vec<Error> {
    let secrets = secrets_of(entries);
    for error in &mut errors {
        secrets.scrub(error);
    }
    errors
}

/// The secret key of these options, whatever else is wrong with them, to scrub from every error of the call.
pub fn secrets_of(entries: &Entries) -> Secrets {
    match get(entries, "secretKey") {
        OptionValue::String(secret) => Secrets::of(secret),
        _ => Secrets::default(),
    }
}

/// Validates the options of `waitForVpcPeeringInstance`; every error found, each naming its field.
pub fn validate_wait(entries: &Entries) -> Result<WaitPlan, Vec<Error>> {
    let mut errors = Vec::new();
    let detail_keys = param_names(Action::Detail);
    check_keys(entries, &[COMMON_KEYS, &detail_keys, WAIT_KEYS], &mut errors);
    if !get(entries, "timestamp").is_absent() {
        errors.push(Error::invalid_option("timestamp", "timestamp cannot be fixed for a wait: each poll is signed at its own time"));
    }
    if get(entries, "onPoll").type_name() != "function" && !get(entries, "onPoll").is_absent() {
        errors.push(wrong_type("onPoll", "a function", get(entries, "onPoll")));
    }
    let until = read_until(get(entries, "until"), &mut errors);
    let await_acceptance = read_bool_option(entries, "awaitAcceptance", &mut errors).unwrap_or(false);
    let poll_interval_ms = read_ms(entries, "pollIntervalMs", &mut errors).unwrap_or(DEFAULT_POLL_INTERVAL_MS);
    let max_poll_interval_ms =
        read_ms(entries, "maxPollIntervalMs", &mut errors).unwrap_or(DEFAULT_MAX_POLL_INTERVAL_MS);
    let mut poll = read_call(Action::Detail, entries, &mut errors);
    // Read as read_call read it (its errors are read_call's to report).
    let instance_no = read_number_text("vpcPeeringInstanceNo", get(entries, "vpcPeeringInstanceNo")).unwrap_or_default();
    if let Some(poll) = poll.as_mut() {
        if get(entries, "timeoutMs").is_absent() {
            poll.timeout_ms =
                Some(if until == Until::Gone { DEFAULT_WAIT_GONE_TIMEOUT_MS } else { DEFAULT_WAIT_TIMEOUT_MS });
        }
    }
    match poll {
        Some(poll) if errors.is_empty() => Ok(WaitPlan {
            poll,
            instance_no,
            until,
            await_acceptance,
            poll_interval_ms,
            max_poll_interval_ms: max_poll_interval_ms.max(poll_interval_ms),
        }),
        _ => Err(scrub_secret(entries, errors)),
    }
}

/// Validates the configuration given to `createClient`: only [`CLIENT_KEYS`], each obeying its rule.
pub fn validate_client_config(entries: &Entries) -> Vec<Error> {
    let mut errors = Vec::new();
    check_keys(entries, &[CLIENT_KEYS], &mut errors);
    let _ = read_common(entries, &mut errors);
    let _ = read_param(REGION.rule, REGION.name, get(entries, REGION.name), &mut errors);
    scrub_secret(entries, errors)
}

fn param_names(action: Action) -> Vec<&'static str> {
    action.params().iter().map(|p| p.name).collect()
}

fn get<'a>(entries: &'a Entries, key: &str) -> &'a OptionValue {
    entries.iter().find(|(k, _)| k == key).map_or(&OptionValue::Undefined, |(_, v)| v)
}

fn check_keys(entries: &Entries, allowed: &[&[&str]], errors: &mut Vec<Error>) {
    let known = |key: &str| allowed.iter().any(|set| set.contains(&key));
    for (key, _) in entries.iter().filter(|(key, _)| !known(key)) {
        let suggestion = allowed.iter().flat_map(|set| set.iter()).find(|name| name.eq_ignore_ascii_case(key));
        let message = match suggestion {
            Some(name) => format!("unknown option {}: did you mean {}?", shown(key), shown(name)),
            None => format!("unknown option {}", shown(key)),
        };
        errors.push(Error::invalid_option(key, message));
    }
}

fn read_call(action: Action, entries: &Entries, errors: &mut Vec<Error>) -> Option<Call> {
    let common = read_common(entries, errors);
    let mut params = Vec::new();
    for param in action.params() {
        let value = get(entries, param.name);
        if value.is_absent() || matches!(value, OptionValue::String(s) if s.is_empty()) {
            if param.required {
                errors.push(Error::invalid_option(param.name, format!("{} is required", param.name)));
            }
            continue;
        }
        match read_param(param.rule, param.name, value, errors) {
            Some(Wire::One(text)) => params.push((param.name.to_owned(), text)),
            Some(Wire::Many(texts)) => {
                for (index, text) in texts.into_iter().enumerate() {
                    params.push((format!("{}.{}", param.name, index + 1), text));
                }
            }
            None => {}
        }
    }
    check_cross_rules(action, &params, errors);
    let common = common?;
    Some(Call {
        action,
        credentials: common.credentials,
        params,
        format: common.format,
        method: common.method,
        origin: common.origin,
        timeout_ms: common.timeout_ms,
        timestamp: common.timestamp,
        retries: if action.is_read_only() || common.retry_mutations { common.retries } else { 0 },
        max_response_bytes: common.max_response_bytes,
    })
}

fn check_cross_rules(action: Action, params: &[(String, String)], errors: &mut Vec<Error>) {
    let value = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    // A field already refused by its own rule is not reported again as missing.
    let refused = |name: &str, errors: &Vec<Error>| errors.iter().any(|e| e.field.as_deref() == Some(name));
    match action {
        Action::Create => {
            if let (Some(source), Some(target)) = (value("sourceVpcNo"), value("targetVpcNo")) {
                if source == target {
                    errors.push(Error::invalid_option(
                        "targetVpcNo",
                        format!("targetVpcNo must differ from sourceVpcNo: both are {source}"),
                    ));
                }
            }
            match (value("targetVpcName"), value("targetVpcLoginId")) {
                (Some(_), None) if !refused("targetVpcLoginId", errors) => errors.push(Error::invalid_option(
                    "targetVpcLoginId",
                    "targetVpcLoginId is required with targetVpcName: a cross-account peering needs both",
                )),
                (None, Some(_)) if !refused("targetVpcName", errors) => errors.push(Error::invalid_option(
                    "targetVpcName",
                    "targetVpcName is required with targetVpcLoginId: a cross-account peering needs both",
                )),
                _ => {}
            }
        }
        Action::List
            if value("pageNo").is_some() && value("pageSize").is_none() && !refused("pageSize", errors) => {
                errors.push(Error::invalid_option("pageSize", "pageSize is required with pageNo"));
            }
        _ => {}
    }
}

struct Common {
    credentials: Credentials,
    format: Format,
    method: Method,
    origin: String,
    timeout_ms: Option<u32>,
    timestamp: Option<u64>,
    retries: u32,
    retry_mutations: bool,
    max_response_bytes: u32,
}

fn read_common(entries: &Entries, errors: &mut Vec<Error>) -> Option<Common> {
    let before = errors.len();
    let access_key = read_key(entries, "accessKey", errors);
    let secret_key = read_key(entries, "secretKey", errors);
    let format = match read_one_of(entries, "responseFormatType", &["xml", "json"], errors) {
        Some("xml") => Format::Xml,
        _ => Format::Json,
    };
    let method = match read_one_of(entries, "method", &["GET", "POST"], errors) {
        Some("POST") => Method::Post,
        _ => Method::Get,
    };
    let site_names: Vec<&'static str> = SITES.iter().map(|(name, _)| *name).collect();
    let site = read_one_of(entries, "site", &site_names, errors).unwrap_or(SITES[0].0);
    let origin = match read_endpoint(entries, errors) {
        Some(endpoint) => endpoint,
        None => SITES.iter().find(|(name, _)| *name == site).map_or(SITES[0].1, |(_, url)| url).to_owned(),
    };
    let timeout_ms = match read_ms(entries, "timeoutMs", errors) {
        Some(0) => None,
        Some(ms) => Some(ms),
        None => Some(DEFAULT_TIMEOUT_MS),
    };
    let timestamp = match get(entries, "timestamp") {
        value if value.is_absent() => None,
        OptionValue::Number(n) if is_whole(*n) => Some(*n as u64),
        value => {
            errors.push(wrong_type("timestamp", "milliseconds since the epoch, a non-negative integer", value));
            None
        }
    };
    let retries = match get(entries, "retries") {
        value if value.is_absent() => DEFAULT_RETRIES,
        OptionValue::Number(n) if is_whole(*n) && *n <= f64::from(MAX_RETRIES) => *n as u32,
        value => {
            errors.push(wrong_type("retries", "an integer from 0 to 10", value));
            0
        }
    };
    let retry_mutations = read_bool_option(entries, "retryMutations", errors).unwrap_or(false);
    let max_response_bytes = match get(entries, "maxResponseBytes") {
        value if value.is_absent() => DEFAULT_MAX_RESPONSE_BYTES,
        OptionValue::Number(n)
            if is_whole(*n) && (f64::from(MIN_MAX_RESPONSE_BYTES)..=f64::from(MAX_MAX_RESPONSE_BYTES)).contains(n) =>
        {
            *n as u32
        }
        value => {
            let rule = format!("an integer from {MIN_MAX_RESPONSE_BYTES} to {MAX_MAX_RESPONSE_BYTES} (bytes)");
            errors.push(wrong_type("maxResponseBytes", &rule, value));
            DEFAULT_MAX_RESPONSE_BYTES
        }
    };
    match get(entries, "fetch") {
        OptionValue::Function => {}
        value if value.is_absent() => {}
        value => errors.push(wrong_type("fetch", "a function", value)),
    }
    match get(entries, "signal") {
        OptionValue::Object => {}
        value if value.is_absent() => {}
        value => errors.push(wrong_type("signal", "an AbortSignal", value)),
    }
    if errors.len() > before {
        return None;
    }
    Some(Common {
        credentials: Credentials::new(access_key?, secret_key?),
        format,
        method,
        origin,
        timeout_ms,
        timestamp,
        retries,
        retry_mutations,
        max_response_bytes,
    })
}

/// Keys are checked without ever echoing their value.
fn read_key(entries: &Entries, field: &str, errors: &mut Vec<Error>) -> Option<String> {
    match get(entries, field) {
        OptionValue::String(key) if key.is_empty() => {
            errors.push(Error::invalid_option(field, format!("{field} is required")));
            None
        }
        OptionValue::String(key) if key.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            errors.push(Error::invalid_option(field, format!("{field} must not contain whitespace or control characters")));
            None
        }
        OptionValue::String(key) if !key.is_ascii() => {
            // An HTTP header value is sent as Latin-1 but the signature signs UTF-8: such a key can only fail.
            let why = if field == "accessKey" { "; it is sent in an HTTP header, whose values are Latin-1" } else { "" };
            errors.push(Error::invalid_option(field, format!("{field} must hold only ASCII characters, as NCP's keys do{why}")));
            None
        }
        OptionValue::String(key) => Some(key.clone()),
        value if value.is_absent() => {
            errors.push(Error::invalid_option(field, format!("{field} is required")));
            None
        }
        value => {
            errors.push(wrong_type(field, "a string", value));
            None
        }
    }
}

fn read_one_of(entries: &Entries, field: &str, allowed: &[&'static str], errors: &mut Vec<Error>) -> Option<&'static str> {
    match get(entries, field) {
        value if value.is_absent() => None,
        OptionValue::String(text) => match allowed.iter().find(|a| *a == text) {
            Some(found) => Some(found),
            None => {
                errors.push(Error::invalid_option(
                    field,
                    format!("{field} must be one of {}: got {}", quote_list(allowed), shown(text)),
                ));
                None
            }
        },
        value => {
            errors.push(wrong_type(field, &format!("one of {}", quote_list(allowed)), value));
            None
        }
    }
}

fn read_bool_option(entries: &Entries, field: &str, errors: &mut Vec<Error>) -> Option<bool> {
    match get(entries, field) {
        value if value.is_absent() => None,
        OptionValue::Bool(b) => Some(*b),
        value => {
            errors.push(wrong_type(field, "a boolean", value));
            None
        }
    }
}

fn read_ms(entries: &Entries, field: &str, errors: &mut Vec<Error>) -> Option<u32> {
    match get(entries, field) {
        value if value.is_absent() => None,
        OptionValue::Number(n) if is_whole(*n) && *n <= MAX_TIMER_MS => Some(*n as u32),
        value => {
            errors.push(wrong_type(field, "a non-negative integer of milliseconds, at most 2147483647", value));
            None
        }
    }
}

/// `endpoint`: an absolute http(s) URL, optionally with a path prefix, without query or fragment. Anything a
/// URL parser would rewrite (dot segments, characters it escapes) is refused, since the path is signed.
fn read_endpoint(entries: &Entries, errors: &mut Vec<Error>) -> Option<String> {
    let text = match get(entries, "endpoint") {
        value if value.is_absent() => return None,
        OptionValue::String(text) => text,
        value => {
            errors.push(wrong_type("endpoint", "a URL string", value));
            return None;
        }
    };
    match check_endpoint(text) {
        Ok(origin) => Some(origin),
        Err(problem) => {
            errors.push(Error::invalid_option("endpoint", format!("endpoint {problem}: got {}", shown(text))));
            None
        }
    }
}

fn check_endpoint(text: &str) -> Result<String, &'static str> {
    let lower = text.to_ascii_lowercase();
    let rest_at = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return Err("must be an absolute http:// or https:// URL");
    };
    let rest = &text[rest_at..];
    if text.contains(['?', '#']) {
        return Err("must not have a query or fragment");
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    check_authority(authority)?;
    let path = path.trim_end_matches('/');
    let path_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/');
    if !path.chars().all(path_ok) {
        return Err("path prefix may hold only letters, digits, '-', '.', '_', '~' and '/'");
    }
    if path.split('/').skip(1).any(|segment| matches!(segment, "" | "." | "..")) {
        return Err("path prefix must not have empty, '.' or '..' segments");
    }
    Ok(format!("{}{}{}", &lower[..rest_at], authority.to_ascii_lowercase(), path))
}

/// `host[:port]`: a name, an IPv4 address or a bracketed IPv6 address, each as a URL parser keeps it unchanged (it
/// would rewrite `127.1` or refuse `1.2.3.999`, so `fetch` could only fail or go elsewhere), and a port of 1–65535.
fn check_authority(authority: &str) -> Result<(), &'static str> {
    if authority.contains('@') {
        return Err("must not hold a user name or password (user:password@)");
    }
    let port = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (address, after) = bracketed.split_once(']').ok_or("must close its IPv6 address with ']'")?;
            if !is_ipv6(address) {
                return Err("must have a well-formed IPv6 address in brackets");
            }
            match after {
                "" => None,
                after => Some(after.strip_prefix(':').ok_or("must have only a port after its IPv6 address")?),
            }
        }
        None => {
            let (host, port) = match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            };
            check_host(host)?;
            port
        }
    };
    if let Some(port) = port {
        let well_formed = !port.is_empty() && port.len() <= 5 && !port.starts_with('0') && port.bytes().all(|b| b.is_ascii_digit());
        if !well_formed || port.parse::<u32>().map_or(true, |n| n > 65_535) {
            return Err("must have a port from 1 to 65535");
        }
    }
    Ok(())
}

/// A host name or an IPv4 address (see [`check_authority`]).
fn check_host(host: &str) -> Result<(), &'static str> {
    if host.is_empty() {
        return Err("must have a host");
    }
    if !host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err("must have a host of ASCII letters, digits, '.', '-' and '_' (an international name in its xn-- form)");
    }
    let labels = host.strip_suffix('.').unwrap_or(host);
    if labels.split('.').any(str::is_empty) {
        return Err("must not have an empty label in its host");
    }
    // A URL parser reads a host whose last label is numeric as an IPv4 address.
    let last = labels.rsplit('.').next().unwrap_or_default();
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || last.get(..2).is_some_and(|x| x.eq_ignore_ascii_case("0x"));
    if numeric && !is_ipv4(labels) {
        return Err("must have a well-formed IPv4 address (four numbers from 0 to 255)");
    }
    Ok(())
}

/// A dotted quad as a URL parser keeps it: four decimal numbers from 0 to 255, without leading zeros. (Written out:
/// std's address parsers cost the wasm 3.7 KB.)
fn is_ipv4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|part| {
            let digits = !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit());
            digits && (part.len() == 1 || !part.starts_with('0')) && part.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// An IPv6 address in RFC 4291's text form: eight groups of 1–4 hex digits, or fewer around one `::`, the last two
/// groups possibly a dotted quad.
fn is_ipv6(text: &str) -> bool {
    // The groups of `part`, `None` if one is malformed; a dotted quad counts two, and only last.
    let groups = |part: &str, quad_allowed: bool| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let pieces: Vec<&str> = part.split(':').collect();
        let mut count = 0;
        for (i, piece) in pieces.iter().enumerate() {
            if (1..=4).contains(&piece.len()) && piece.bytes().all(|b| b.is_ascii_hexdigit()) {
                count += 1;
            } else if quad_allowed && i + 1 == pieces.len() && is_ipv4(piece) {
                count += 2;
            } else {
                return None;
            }
        }
        Some(count)
    };
    match text.split_once("::") {
        Some((head, tail)) if !tail.contains("::") => {
            matches!((groups(head, false), groups(tail, true)), (Some(h), Some(t)) if h + t <= 7)
        }
        Some(_) => false,
        None => groups(text, true) == Some(8),
    }
}

fn read_until(value: &OptionValue, errors: &mut Vec<Error>) -> Until {
    let status = |text: &str, errors: &mut Vec<Error>| -> Option<String> {
        if STATUS_CODES.contains(&text) {
            Some(text.to_owned())
        } else {
            errors.push(Error::invalid_option(
                "until",
                format!("until must be \"RUN\", \"GONE\" or a list of status codes (INIT, RUN, TERMTING): got {}", shown(text)),
            ));
            None
        }
    };
    match value {
        value if value.is_absent() => Until::Status(vec!["RUN".to_owned()]),
        OptionValue::String(text) if text == "GONE" => Until::Gone,
        OptionValue::String(text) => Until::Status(status(text, errors).into_iter().collect()),
        OptionValue::List(items) if !items.is_empty() => {
            let mut codes = Vec::new();
            for item in items {
                match item {
                    OptionValue::String(text) => codes.extend(status(text, errors)),
                    other => errors.push(wrong_type("until", "a list of status code strings", other)),
                }
            }
            Until::Status(codes)
        }
        other => {
            errors.push(wrong_type("until", "\"RUN\", \"GONE\" or a non-empty list of status codes", other));
            Until::Status(Vec::new())
        }
    }
}

/// A parameter's value on the wire: one text, or a 1-based list.
enum Wire {
    One(String),
    Many(Vec<String>),
}

fn read_param(rule: Rule, field: &str, value: &OptionValue, errors: &mut Vec<Error>) -> Option<Wire> {
    if value.is_absent() {
        return None;
    }
    let result = match rule {
        Rule::Number => read_number_text(field, value).map(Wire::One),
        Rule::NumberList => match value {
            OptionValue::List(items) => {
                let texts: Result<Vec<_>, _> = items.iter().map(|item| read_number_text(field, item)).collect();
                texts.map(Wire::Many)
            }
            other => Err(wrong_type(field, "an array of instance numbers", other)),
        },
        Rule::PositiveInt => match value {
            OptionValue::Number(n) if is_whole(*n) && *n >= 1.0 => Ok(Wire::One(format!("{}", *n as u64))),
            OptionValue::String(s) if is_digits(s) && !s.trim_start_matches('0').is_empty() => Ok(Wire::One(s.clone())),
            other => Err(wrong_type(field, "a positive integer", other)),
        },
        Rule::Bool => match value {
            OptionValue::Bool(b) => Ok(Wire::One(b.to_string())),
            OptionValue::String(s) if s == "true" || s == "false" => Ok(Wire::One(s.clone())),
            other => Err(wrong_type(field, "a boolean", other)),
        },
        _ => match value {
            OptionValue::String(text) => check_text_rule(rule, field, text).map(|()| Wire::One(text.clone())),
            other => Err(wrong_type(field, "a string", other)),
        },
    };
    result.map_err(|error| errors.push(error)).ok()
}

fn check_text_rule(rule: Rule, field: &str, text: &str) -> Result<(), Error> {
    let fail = |what: &str| Err(Error::invalid_option(field, format!("{field} {what}: got {}", shown(text))));
    match rule {
        Rule::RegionCode => {
            if text.is_empty() || text.len() > 10 || !text.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return fail("must be a region code of 1–10 letters and digits, such as KR");
            }
        }
        Rule::PeeringName => {
            let count = text.chars().count();
            if !(3..=30).contains(&count) {
                return fail(&format!("must be 3–30 characters, not {count}"));
            }
            if !text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                return fail("may hold only lowercase letters, digits and '-'");
            }
            if !text.as_bytes()[0].is_ascii_lowercase() {
                return fail("must start with a lowercase letter");
            }
            if text.ends_with('-') {
                return fail("must end with a letter or digit");
            }
        }
        Rule::Description => {
            if text.len() > 1000 {
                return fail(&format!("must be at most 1000 bytes of UTF-8, not {}", text.len()));
            }
        }
        Rule::LoginId => {
            let shaped = text.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
            if !shaped || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return fail("must be the owner's login ID, an e-mail address");
            }
        }
        Rule::Text => {
            if text.chars().any(char::is_control) {
                return fail("must not contain control characters");
            }
        }
        Rule::OneOf(allowed) => {
            if !allowed.contains(&text) {
                return fail(&format!("must be one of {}", quote_list(allowed)));
            }
        }
        Rule::Number | Rule::NumberList | Rule::PositiveInt | Rule::Bool => {}
    }
    Ok(())
}

fn read_number_text(field: &str, value: &OptionValue) -> Result<String, Error> {
    match value {
        OptionValue::String(s) if is_digits(s) => Ok(s.clone()),
        OptionValue::String(s) => {
            Err(Error::invalid_option(field, format!("{field} must be a number of decimal digits: got {}", shown(s))))
        }
        OptionValue::Number(n) if is_whole(*n) => Ok(format!("{}", *n as u64)),
        other => Err(wrong_type(field, "a number of decimal digits (a string, or a non-negative integer)", other)),
    }
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_whole(n: f64) -> bool {
    n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= MAX_SAFE_INTEGER
}

fn wrong_type(field: &str, expected: &str, value: &OptionValue) -> Error {
    let got = match value {
        OptionValue::String(text) => shown(text),
        OptionValue::Number(n) => number_text(*n),
        OptionValue::Bool(b) => b.to_string(),
        other => other.type_name().to_owned(),
    };
    Error::invalid_option(field, format!("{field} must be {expected}: got {got}"))
}

/// How many characters of a refused value a message quotes.
const SHOWN_CHARS: usize = 40;

/// A value quoted for a message, cut short so a huge input makes a readable error. Quotes, backslashes and
/// control characters are escaped by hand: `{:?}` would pull Unicode tables into the wasm.
fn shown(text: &str) -> String {
    const MAX: usize = SHOWN_CHARS;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(text.len().min(MAX * 4) + 3);
    out.push('"');
    for (index, c) in text.chars().enumerate() {
        if index == MAX {
            out.push_str("\"…");
            return out;
        }
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let code = u32::from(c);
                out.push_str("\\u{");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from(HEX[((code >> shift) & 0xf) as usize]));
                }
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number for a message, without float formatting: integers as digits, anything else by kind.
fn number_text(n: f64) -> String {
    if n.is_nan() {
        "NaN".to_owned()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else if n.fract() == 0.0 && n.abs() < 9.0e15 {
        (n as i64).to_string()
    } else {
        "a fractional number".to_owned()
    }
}

fn quote_list(items: &[&str]) -> String {
    items.iter().map(|item| shown(item)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> OptionValue {
        OptionValue::String(v.to_owned())
    }

    fn base() -> Vec<(String, OptionValue)> {
        vec![
            ("accessKey".into(), s("AKIDEXAMPLE0000000")),
            ("secretKey".into(), s("SECRETEXAMPLE000000000000000000000000000")),
            ("sourceVpcNo".into(), s("1234")),
            ("targetVpcNo".into(), s("5678")),
        ]
    }

    fn with(mut entries: Vec<(String, OptionValue)>, key: &str, value: OptionValue) -> Vec<(String, OptionValue)> {
        entries.retain(|(k, _)| k != key);
        entries.push((key.to_owned(), value));
        entries
    }

    fn fields(result: Result<Call, Vec<Error>>) -> Vec<String> {
        result.err().unwrap_or_default().into_iter().filter_map(|e| e.field).collect()
    }

    fn first_message(result: Result<Call, Vec<Error>>) -> String {
        result.err().and_then(|e| e.into_iter().next()).map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn minimal_create_is_valid_with_documented_defaults() {
        let call = validate_call(Action::Create, &base()).unwrap();
        assert_eq!(call.format, Format::Json, "JSON, as every official NCP client asks");
        assert_eq!(call.method, Method::Get);
        assert_eq!(call.origin, "https://ncloud.apigw.ntruss.com");
        assert_eq!(call.timeout_ms, Some(30_000));
        assert_eq!(call.retries, 0, "create is mutating: no retries unless retryMutations");
        assert_eq!(call.params, vec![("sourceVpcNo".into(), "1234".into()), ("targetVpcNo".into(), "5678".into())]);
    }

    #[test]
    fn required_fields_are_named() {
        let entries: Vec<_> = base().into_iter().filter(|(k, _)| k != "sourceVpcNo").collect();
        assert_eq!(first_message(validate_call(Action::Create, &entries)), "sourceVpcNo is required");
        let empty = with(base(), "targetVpcNo", s(""));
        assert_eq!(fields(validate_call(Action::Create, &empty)), ["targetVpcNo"]);
        assert_eq!(fields(validate_call(Action::Create, &[])), ["accessKey", "secretKey", "sourceVpcNo", "targetVpcNo"]);
    }

    #[test]
    fn unknown_key_is_refused_with_a_suggestion() {
        let entries = with(base(), "sourceVpcNO", s("1"));
        let message = first_message(validate_call(Action::Create, &entries));
        assert_eq!(message, "unknown option \"sourceVpcNO\": did you mean \"sourceVpcNo\"?");
        let entries = with(base(), "colour", s("1"));
        assert_eq!(fields(validate_call(Action::Create, &entries)), ["colour"]);
    }

    #[test]
    fn options_of_another_action_are_unknown() {
        let entries = with(base(), "isAccept", OptionValue::Bool(true));
        assert_eq!(fields(validate_call(Action::Create, &entries)), ["isAccept"]);
    }

    #[test]
    fn vpc_numbers_accept_digits_and_integers_only() {
        let ok = with(base(), "sourceVpcNo", OptionValue::Number(42.0));
        assert_eq!(validate_call(Action::Create, &ok).unwrap().params[0].1, "42");
        for bad in [s("12a"), s("-1"), s(" 1"), OptionValue::Number(1.5), OptionValue::Number(-3.0),
            OptionValue::Number(f64::NAN), OptionValue::Number(f64::INFINITY), OptionValue::Bool(true),
            OptionValue::Object, s(&"9".repeat(21))]
        {
            assert_eq!(fields(validate_call(Action::Create, &with(base(), "sourceVpcNo", bad))), ["sourceVpcNo"]);
        }
    }

    #[test]
    fn source_and_target_must_differ() {
        let entries = with(base(), "targetVpcNo", OptionValue::Number(1234.0));
        assert_eq!(first_message(validate_call(Action::Create, &entries)), "targetVpcNo must differ from sourceVpcNo: both are 1234");
    }

    #[test]
    fn peering_name_rules() {
        for good in ["abc", "a-1", "test-peer", &format!("a{}", "b".repeat(29))] {
            assert!(validate_call(Action::Create, &with(base(), "vpcPeeringName", s(good))).is_ok(), "{good}");
        }
        let cases = [
            ("ab", "vpcPeeringName must be 3–30 characters, not 2: got \"ab\""),
            (&format!("a{}", "b".repeat(30)), &format!("vpcPeeringName must be 3–30 characters, not 31: got \"a{}\"", "b".repeat(30))),
            ("Abc", "vpcPeeringName may hold only lowercase letters, digits and '-': got \"Abc\""),
            ("1bc", "vpcPeeringName must start with a lowercase letter: got \"1bc\""),
            ("-bc", "vpcPeeringName must start with a lowercase letter: got \"-bc\""),
            ("ab-", "vpcPeeringName must end with a letter or digit: got \"ab-\""),
            ("a_b", "vpcPeeringName may hold only lowercase letters, digits and '-': got \"a_b\""),
            ("한글이름", "vpcPeeringName may hold only lowercase letters, digits and '-': got \"한글이름\""),
        ];
        for (name, message) in cases {
            assert_eq!(first_message(validate_call(Action::Create, &with(base(), "vpcPeeringName", s(name)))), message);
        }
    }

    #[test]
    fn description_is_limited_in_bytes_not_characters() {
        let ok = "가".repeat(333); // 999 bytes
        assert!(validate_call(Action::Create, &with(base(), "vpcPeeringDescription", s(&ok))).is_ok());
        let too_long = "가".repeat(334); // 1002 bytes, 334 characters
        let message = first_message(validate_call(Action::Create, &with(base(), "vpcPeeringDescription", s(&too_long))));
        assert!(message.starts_with("vpcPeeringDescription must be at most 1000 bytes of UTF-8, not 1002"), "{message}");
        assert!(validate_call(Action::Create, &with(base(), "vpcPeeringDescription", s(&"a".repeat(1000)))).is_ok());
    }

    #[test]
    fn cross_account_fields_come_together() {
        let name_only = with(base(), "targetVpcName", s("bob-vpc"));
        assert_eq!(fields(validate_call(Action::Create, &name_only)), ["targetVpcLoginId"]);
        let login_only = with(base(), "targetVpcLoginId", s("bob@example.com"));
        assert_eq!(fields(validate_call(Action::Create, &login_only)), ["targetVpcName"]);
        let both = with(name_only, "targetVpcLoginId", s("bob@example.com"));
        assert!(validate_call(Action::Create, &both).is_ok());
        for bad in ["bob", "bob@", "@example.com", "bob@example", "bob@.com", "bob@example.", "b ob@example.com", "a@b@c.d"] {
            let entries = with(with(base(), "targetVpcName", s("v")), "targetVpcLoginId", s(bad));
            assert_eq!(fields(validate_call(Action::Create, &entries)), ["targetVpcLoginId"], "{bad}");
        }
    }

    #[test]
    fn sets_are_enforced() {
        for (key, bad) in [("site", "private"), ("method", "get"), ("responseFormatType", "JSON")] {
            assert_eq!(fields(validate_call(Action::Create, &with(base(), key, s(bad)))), [key]);
        }
        let gov = validate_call(Action::Create, &with(base(), "site", s("gov"))).unwrap();
        assert_eq!(gov.origin, "https://ncloud.apigw.gov-ntruss.com");
        let fin = validate_call(Action::Create, &with(base(), "site", s("fin"))).unwrap();
        assert_eq!(fin.origin, "https://fin-ncloud.apigw.fin-ntruss.com");
    }

    #[test]
    fn endpoint_rules() {
        let origin = |e: &str| validate_call(Action::Create, &with(base(), "endpoint", s(e))).map(|c| c.origin);
        assert_eq!(origin("http://127.0.0.1:8787").unwrap(), "http://127.0.0.1:8787");
        assert_eq!(origin("HTTPS://Example.COM/prefix/").unwrap(), "https://example.com/prefix");
        assert_eq!(origin("https://[::1]:9/a/b").unwrap(), "https://[::1]:9/a/b");
        for bad in ["ftp://x", "example.com", "https://", "https://x?a=1", "https://x#f", "https://x/a/../b",
            "https://x/a b", "https://us er@x", "https://x/%2e", "https://x//a"]
        {
            assert!(origin(bad).is_err(), "{bad}");
        }
        for good in ["https://example.com:443", "http://a.b.c.:8080/p", "https://[2001:db8::1]", "https://[::ffff:1.2.3.4]:65535",
            "http://10.0.0.1:1", "https://host_name", "https://xn--bj0bj06e.kr", "http://[::]", "http://[1::]", "http://[1:2:3:4:5:6:7::]",
            "http://[1:2:3:4:5:6:7:8]", "http://[FE80::abcd]", "http://[1:2:3:4:5:6:1.2.3.4]", "http://0.0.0.0", "http://255.255.255.255"]
        {
            assert!(origin(good).is_ok(), "{good}: {:?}", origin(good));
        }
    }

    #[test]
    fn addresses_are_read_as_std_reads_them() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let chars = prop::collection::vec(prop::sample::select(&['0', '1', '9', 'a', 'F', ':', ':', '.', '2', '5'][..]), 0..24)
            .prop_map(|chars| chars.into_iter().collect::<String>());
        // Near-addresses: groups of 0–5 hex digits or a quad, joined by ':', one '::' somewhere (or two, or none).
        let group = prop_oneof![
            4 => prop::collection::vec(prop::sample::select(&['0', '7', 'f', 'A'][..]), 0..6).prop_map(|c| c.into_iter().collect::<String>()),
            1 => (0u16..300, 0u16..300, 0u16..300, 0u16..300).prop_map(|(a, b, c, d)| format!("{a}.{b}.{c}.{d}")),
        ];
        let shaped = (prop::collection::vec(group, 0..10), prop::collection::vec(any::<u8>(), 0..3)).prop_map(|(groups, cuts)| {
            let mut text = groups.join(":");
            for cut in cuts {
                let at = usize::from(cut) % (text.len() + 1);
                if text.is_char_boundary(at) {
                    text.insert_str(at, "::");
                }
            }
            text
        });
        TestRunner::new(Config { cases: 50_000, failure_persistence: None, ..Config::default() })
            .run(&prop_oneof![chars, shaped], |text| {
                prop_assert_eq!(is_ipv6(&text), text.parse::<core::net::Ipv6Addr>().is_ok(), "{}", text);
                prop_assert_eq!(is_ipv4(&text), text.parse::<core::net::Ipv4Addr>().is_ok(), "{}", text);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn regression_endpoints_that_can_never_work_are_refused() {
        // Issue 11 #9: each failed only later, as ERR_NETWORK (and read calls retried them).
        let problem = |e: &str| {
            let errors = validate_call(Action::Create, &with(base(), "endpoint", s(e))).unwrap_err();
            assert_eq!(errors[0].field.as_deref(), Some("endpoint"), "{e}");
            errors[0].message.clone()
        };
        let cases = [
            ("https://[::1", "must close its IPv6 address with ']'"),
            ("https://[::1]x", "must have only a port after its IPv6 address"),
            ("https://[1:2:3]", "must have a well-formed IPv6 address in brackets"),
            ("https://[::1%25eth0]", "must have a well-formed IPv6 address in brackets"),
            ("https://[1:2:3:4:5:6:7:8:9]", "must have a well-formed IPv6 address in brackets"),
            ("https://[1::2::3]", "must have a well-formed IPv6 address in brackets"),
            ("https://[:1::]", "must have a well-formed IPv6 address in brackets"),
            ("https://[12345::]", "must have a well-formed IPv6 address in brackets"),
            ("https://[::1.2.3.4:5]", "must have a well-formed IPv6 address in brackets"),
            ("https://[1.2.3.4::]", "must have a well-formed IPv6 address in brackets"),
            ("https://:80", "must have a host"),
            ("https://example.com:99999", "must have a port from 1 to 65535"),
            ("https://example.com:0", "must have a port from 1 to 65535"),
            ("https://example.com:", "must have a port from 1 to 65535"),
            ("https://example.com:080", "must have a port from 1 to 65535"),
            ("https://example.com:1:2", "must have a port from 1 to 65535"),
            ("https://example.com:+1", "must have a port from 1 to 65535"),
            ("https://user:pass@example.com", "must not hold a user name or password"),
            ("https://@example.com", "must not hold a user name or password"),
            ("https://exa mple.com", "must have a host of ASCII letters"),
            ("https://예시.kr", "must have a host of ASCII letters"),
            ("https://a..b", "must not have an empty label"),
            ("https://.a", "must not have an empty label"),
            ("https://1.2.3.999", "must have a well-formed IPv4 address"),
            ("https://01.2.3.4", "must have a well-formed IPv4 address"),
            ("https://1.2.3.4.5", "must have a well-formed IPv4 address"),
            ("https://127.1", "must have a well-formed IPv4 address"),
            ("https://0x7f.0.0.1", "must have a well-formed IPv4 address"),
            ("https://a.0x10", "must have a well-formed IPv4 address"),
        ];
        for (endpoint, message) in cases {
            let got = problem(endpoint);
            assert!(got.starts_with(&format!("endpoint {message}")), "{endpoint}: {got}");
        }
        // endpoint overrides site
        let both = with(with(base(), "site", s("gov")), "endpoint", s("http://localhost:1"));
        assert_eq!(validate_call(Action::Create, &both).unwrap().origin, "http://localhost:1");
    }

    #[test]
    fn numbers_of_time_and_retries() {
        let none = validate_call(Action::Create, &with(base(), "timeoutMs", OptionValue::Number(0.0))).unwrap();
        assert_eq!(none.timeout_ms, None);
        for bad in [OptionValue::Number(-1.0), OptionValue::Number(1.5), s("100"), OptionValue::Number(3e9)] {
            assert_eq!(fields(validate_call(Action::Create, &with(base(), "timeoutMs", bad))), ["timeoutMs"]);
        }
        let stamped = validate_call(Action::Create, &with(base(), "timestamp", OptionValue::Number(1.7e12))).unwrap();
        assert_eq!(stamped.timestamp, Some(1_700_000_000_000));
        assert_eq!(fields(validate_call(Action::Create, &with(base(), "retries", OptionValue::Number(11.0)))), ["retries"]);
        let opted = with(with(base(), "retries", OptionValue::Number(2.0)), "retryMutations", OptionValue::Bool(true));
        assert_eq!(validate_call(Action::Create, &opted).unwrap().retries, 2);
    }

    #[test]
    fn max_response_bytes_rule() {
        let limit = |v: OptionValue| validate_call(Action::Create, &with(base(), "maxResponseBytes", v)).map(|c| c.max_response_bytes);
        assert_eq!(validate_call(Action::Create, &base()).unwrap().max_response_bytes, 4_194_304);
        assert_eq!(limit(OptionValue::Null).unwrap(), DEFAULT_MAX_RESPONSE_BYTES);
        assert_eq!(limit(OptionValue::Number(1024.0)).unwrap(), 1024);
        assert_eq!(limit(OptionValue::Number(33_554_432.0)).unwrap(), 33_554_432);
        for bad in [1023.0, 33_554_433.0, 0.0, -1.0, 4096.5, f64::NAN, f64::INFINITY] {
            let errors = limit(OptionValue::Number(bad)).unwrap_err();
            assert_eq!(errors[0].field.as_deref(), Some("maxResponseBytes"));
            assert!(errors[0].message.starts_with("maxResponseBytes must be an integer from 1024 to 33554432 (bytes): got "), "{}", errors[0].message);
        }
        assert_eq!(fields(validate_call(Action::Create, &with(base(), "maxResponseBytes", s("4096")))), ["maxResponseBytes"]);
        assert!(validate_client_config(&with(keys(), "maxResponseBytes", OptionValue::Number(2048.0))).is_empty());
        let wait = with(with(keys(), "vpcPeeringInstanceNo", s("1")), "maxResponseBytes", OptionValue::Number(2048.0));
        assert_eq!(validate_wait(&wait).unwrap().poll.max_response_bytes, 2048);
    }

    #[test]
    fn keys_are_checked_without_echoing_them() {
        for (key, bad) in [("accessKey", "AK ID"), ("secretKey", "SEC\tRET"), ("secretKey", "SEC\u{0}RET")] {
            let errors = validate_call(Action::Create, &with(base(), key, s(bad))).unwrap_err();
            assert_eq!(errors[0].field.as_deref(), Some(key));
            assert!(!errors[0].message.contains(bad), "{}", errors[0].message);
        }
        let errors = validate_call(Action::Create, &with(base(), "secretKey", OptionValue::Number(5.0))).unwrap_err();
        assert_eq!(errors[0].message, "secretKey must be a string: got 5");
    }

    #[test]
    fn regression_keys_beyond_ascii_are_refused() {
        // Issue 11 #9: a non-ASCII access key was sent as Latin-1 but signed as UTF-8 (always 401).
        for (key, bad) in [("accessKey", "AKID\u{e9}XAMPLE"), ("accessKey", "키AKIDEXAMPLE"), ("secretKey", "SECRET\u{2603}EXAMPLE")] {
            let errors = validate_call(Action::Create, &with(base(), key, s(bad))).unwrap_err();
            assert_eq!(errors[0].field.as_deref(), Some(key));
            assert!(errors[0].message.starts_with(&format!("{key} must hold only ASCII characters")), "{}", errors[0].message);
            assert!(!errors[0].message.contains(bad));
        }
        let access = validate_call(Action::Create, &with(base(), "accessKey", s("AKID\u{e9}"))).unwrap_err();
        assert!(access[0].message.ends_with("it is sent in an HTTP header, whose values are Latin-1"), "{}", access[0].message);
    }

    #[test]
    fn regression_a_secret_pasted_into_another_option_is_not_echoed() {
        // A refused value is quoted up to 40 characters, the length of an NCP secret key: found by
        // tests/hardening/secrets.test.mjs. Longer secrets are scrubbed by their quoted head.
        let secret = "SECRETEXAMPLE000000000000000000000000000";
        let long = format!("{secret}0123456789");
        for secret in [secret, long.as_str()] {
            let entries = with(with(base(), "secretKey", s(secret)), "sourceVpcNo", s(secret));
            let errors = validate_call(Action::Create, &with(entries.clone(), "targetVpcNo", s(secret))).unwrap_err();
            assert_eq!(errors.len(), 2);
            for error in &errors {
                assert!(!error.message.contains(&secret[..40]), "{}", error.message);
                assert!(error.message.contains("[redacted]"), "{}", error.message);
            }
            let mut wait = entries.clone();
            wait.push(("vpcPeeringInstanceNo".into(), s(secret)));
            let errors = validate_wait(&wait).unwrap_err();
            assert!(errors.iter().all(|e| !e.message.contains(&secret[..40])));
            let errors = validate_client_config(&with(with(Vec::new(), "secretKey", s(secret)), "regionCode", s(secret)));
            assert!(!errors.is_empty() && errors.iter().all(|e| !e.message.contains(&secret[..40])));
        }
    }

    #[test]
    fn fetch_and_signal_types() {
        assert!(validate_call(Action::Create, &with(base(), "fetch", OptionValue::Function)).is_ok());
        assert_eq!(fields(validate_call(Action::Create, &with(base(), "fetch", s("x")))), ["fetch"]);
        assert!(validate_call(Action::Create, &with(base(), "signal", OptionValue::Object)).is_ok());
        assert_eq!(fields(validate_call(Action::Create, &with(base(), "signal", OptionValue::Bool(true)))), ["signal"]);
    }

    #[test]
    fn null_and_undefined_mean_not_given() {
        let entries = with(with(base(), "vpcPeeringName", OptionValue::Null), "regionCode", OptionValue::Undefined);
        assert!(validate_call(Action::Create, &entries).is_ok());
    }

    #[test]
    fn region_code_rule() {
        assert!(validate_call(Action::Create, &with(base(), "regionCode", s("FKR"))).is_ok());
        for bad in ["K R", "KR-1", "ABCDEFGHIJK"] {
            assert_eq!(fields(validate_call(Action::Create, &with(base(), "regionCode", s(bad)))), ["regionCode"]);
        }
    }

    fn keys() -> Vec<(String, OptionValue)> {
        base().into_iter().take(2).collect()
    }

    #[test]
    fn list_params_expand_and_pair() {
        let entries = with(
            with(keys(), "vpcPeeringInstanceNoList", OptionValue::List(vec![s("1"), OptionValue::Number(2.0)])),
            "sortingOrder",
            s("DESC"),
        );
        let call = validate_call(Action::List, &entries).unwrap();
        assert_eq!(call.retries, DEFAULT_RETRIES);
        assert_eq!(
            call.params,
            vec![
                ("vpcPeeringInstanceNoList.1".into(), "1".into()),
                ("vpcPeeringInstanceNoList.2".into(), "2".into()),
                ("sortingOrder".into(), "DESC".into())
            ]
        );
        let page_only = with(keys(), "pageNo", OptionValue::Number(2.0));
        assert_eq!(fields(validate_call(Action::List, &page_only)), ["pageSize"]);
        let zero = with(with(keys(), "pageNo", OptionValue::Number(0.0)), "pageSize", s("10"));
        assert_eq!(fields(validate_call(Action::List, &zero)), ["pageNo"]);
        let status = with(keys(), "vpcPeeringInstanceStatusCode", s("DONE"));
        assert_eq!(fields(validate_call(Action::List, &status)), ["vpcPeeringInstanceStatusCode"]);
    }

    #[test]
    fn accept_needs_a_boolean() {
        let entries = with(with(keys(), "vpcPeeringInstanceNo", s("77")), "isAccept", OptionValue::Bool(false));
        let call = validate_call(Action::AcceptOrReject, &entries).unwrap();
        assert_eq!(call.params[1], ("isAccept".into(), "false".into()));
        let bad = with(with(keys(), "vpcPeeringInstanceNo", s("77")), "isAccept", s("yes"));
        assert_eq!(fields(validate_call(Action::AcceptOrReject, &bad)), ["isAccept"]);
    }

    #[test]
    fn wait_options() {
        let entries = with(keys(), "vpcPeeringInstanceNo", s("9"));
        let plan = validate_wait(&entries).unwrap();
        assert_eq!(plan.until, Until::Status(vec!["RUN".into()]));
        assert_eq!(plan.poll.timeout_ms, Some(3_600_000), "terraform's 1 hour for a creation");
        assert_eq!(plan.poll_interval_ms, DEFAULT_POLL_INTERVAL_MS);
        let gone = validate_wait(&with(entries.clone(), "until", s("GONE"))).unwrap();
        assert_eq!(gone.until, Until::Gone);
        assert_eq!(gone.poll.timeout_ms, Some(300_000), "terraform's 5 minutes for a deletion");
        let given = validate_wait(&with(with(entries.clone(), "until", s("GONE")), "timeoutMs", OptionValue::Number(7.0)));
        assert_eq!(given.unwrap().poll.timeout_ms, Some(7));
        let creating = validate_wait(&with(entries.clone(), "until", s("CREATING"))).unwrap_err();
        assert_eq!(creating[0].field.as_deref(), Some("until"), "CREATING is no documented status code");
        let bad = validate_wait(&with(entries.clone(), "until", s("DONE"))).unwrap_err();
        assert_eq!(bad[0].field.as_deref(), Some("until"));
        let stamped = validate_wait(&with(entries, "timestamp", OptionValue::Number(1.0))).unwrap_err();
        assert_eq!(stamped[0].field.as_deref(), Some("timestamp"));
    }

    #[test]
    fn client_config_refuses_call_parameters() {
        let errors = validate_client_config(&with(keys(), "sourceVpcNo", s("1")));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field.as_deref(), Some("sourceVpcNo"));
        assert!(validate_client_config(&with(keys(), "regionCode", s("KR"))).is_empty());
    }
}
