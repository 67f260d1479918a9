//! Validation: the caller's options, as JS-like values, become a [`Call`] or [`WaitPlan`] (the call model, in
//! [`crate::call`]), or errors naming each field at fault. Pure: no JS, no clock, so every rule is tested natively
//! and fuzzed. The rooms: [`OptionValue`] and the reading of values (`value.rs`); the options every call takes
//! (`common.rs`, with `address.rs` for the endpoint); each parameter's rule and the checks across parameters
//! (`rules.rs`), as the action table ([`crate::action`]) lists them.
//!
//! `undefined` and `null` both mean "not given". An unknown key is an error, so a typo such as `sourceVpcNO`
//! is caught instead of silently dropped.

mod address;
mod common;
mod rules;
mod value;

pub use common::{
    CLIENT_KEYS, DEFAULT_MAX_POLL_INTERVAL_MS, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_POLL_INTERVAL_MS, DEFAULT_RETRIES,
    DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_GONE_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS, MAX_MAX_RESPONSE_BYTES, MAX_RETRIES,
    MIN_MAX_RESPONSE_BYTES, SITES,
};
pub use value::{Entries, OptionValue};

use crate::action::{Action, REGION, STATUS_CODES};
use crate::call::{Call, Until, WaitPlan};
use crate::error::{Error, Secrets};
use common::{read_bool_option, read_common, read_ms, COMMON_KEYS, WAIT_KEYS};
use rules::{read_number_text, read_param, read_params, Place};
use value::{check_keys, get, shown, wrong_type};

/// Validates the options of one API call; every error found, each naming its field.
pub fn validate_call(action: Action, entries: &Entries) -> Result<Call, Vec<Error>> {
    let mut errors = Vec::new();
    check_keys(entries, &[COMMON_KEYS, &param_names(action)], "", &mut errors);
    let call = read_call(action, entries, &mut errors);
    match call {
        Some(call) if errors.is_empty() => Ok(call),
        _ => Err(scrub_secret(entries, errors)),
    }
}

/// Removes the secret key from every message, should the caller have put it in another option too (pasted into
/// the wrong field, say): a refused value is quoted up to `value::SHOWN_CHARS` characters (an NCP secret key has 40),
/// and [`Secrets::scrub`] also removes the start of a secret that such a cut leaves.
fn scrub_secret(entries: &Entries, mut errors: Vec<Error>) -> Vec<Error> {
    let secrets = secrets_of(entries);
    for error in &mut errors {
        secrets.scrub(error);
    }
    errors
}

/// The secret key of these options, whatever else is wrong with them.
pub fn secret_key_of(entries: &Entries) -> Option<&str> {
    match get(entries, "secretKey") {
        OptionValue::String(secret) => Some(secret),
        _ => None,
    }
}

/// The secret key of these options, to scrub from every error of the call.
pub fn secrets_of(entries: &Entries) -> Secrets {
    secret_key_of(entries).map_or_else(Secrets::default, Secrets::of)
}

/// Validates the options of `waitForVpcPeeringInstance`; every error found, each naming its field.
pub fn validate_wait(entries: &Entries) -> Result<WaitPlan, Vec<Error>> {
    let mut errors = Vec::new();
    let detail_keys = param_names(Action::Detail);
    check_keys(entries, &[COMMON_KEYS, &detail_keys, WAIT_KEYS], "", &mut errors);
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
    // The peering waited for, as the poll sends it (read_call reports what is wrong with it).
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
    check_keys(entries, &[CLIENT_KEYS], "", &mut errors);
    let _ = read_common(entries, &mut errors);
    read_param(REGION.rule, REGION.name, REGION.name, get(entries, REGION.name), &mut Vec::new(), &mut errors);
    scrub_secret(entries, errors)
}

fn param_names(action: Action) -> Vec<&'static str> {
    action.params().iter().map(|p| p.name).collect()
}

fn read_call(action: Action, entries: &Entries, errors: &mut Vec<Error>) -> Option<Call> {
    let common = read_common(entries, errors);
    let mut params = Vec::new();
    let spec = action.spec();
    read_params(spec.params, spec.constraints, entries, Place::TOP, &mut params, errors);
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

#[cfg(test)]
mod tests;
