//! The options every call takes besides its action's parameters: keys, wire format, method, gateway, time budget,
//! retries, answer size, `fetch` and `signal`; their defaults; which of them `createClient` keeps.

use super::address::check_endpoint;
use super::value::{get, is_whole, quote_list, shown, wrong_type, Entries, OptionValue};
use crate::call::{Format, Method};
use crate::error::Error;
use crate::sign::Credentials;

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

/// Options every API call takes besides the action's own parameters.
pub(super) const COMMON_KEYS: &[&str] = &[
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
pub(super) const WAIT_KEYS: &[&str] = &["until", "awaitAcceptance", "onPoll", "pollIntervalMs", "maxPollIntervalMs"];

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

/// The common options, read.
pub(super) struct Common {
    pub(super) credentials: Credentials,
    pub(super) format: Format,
    pub(super) method: Method,
    pub(super) origin: String,
    pub(super) timeout_ms: Option<u32>,
    pub(super) timestamp: Option<u64>,
    pub(super) retries: u32,
    pub(super) retry_mutations: bool,
    pub(super) max_response_bytes: u32,
}

/// Reads and checks the common options; `None` (and the errors) if any is wrong.
pub(super) fn read_common(entries: &Entries, errors: &mut Vec<Error>) -> Option<Common> {
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
        OptionValue::Object(_) => {}
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
pub(super) fn read_key(entries: &Entries, field: &str, errors: &mut Vec<Error>) -> Option<String> {
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

pub(super) fn read_bool_option(entries: &Entries, field: &str, errors: &mut Vec<Error>) -> Option<bool> {
    match get(entries, field) {
        value if value.is_absent() => None,
        OptionValue::Bool(b) => Some(*b),
        value => {
            errors.push(wrong_type(field, "a boolean", value));
            None
        }
    }
}

pub(super) fn read_ms(entries: &Entries, field: &str, errors: &mut Vec<Error>) -> Option<u32> {
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
