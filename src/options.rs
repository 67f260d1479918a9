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
pub use address::{cidrs_overlap, read_cidr};
pub use value::{Entries, OptionValue};

use crate::action::{Action, REGION, STATUS_CODES};
use crate::action::{optional, Constraint, Param, Rule, PEERING_ENDS};
use crate::call::{Call, ConnectionPlan, OtherAccount, Until, WaitPlan};
use crate::sign::Credentials;
use crate::error::{Error, Secrets};
use common::{read_bool_option, read_common, read_key, read_ms, COMMON_KEYS, WAIT_KEYS};
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

/// The secret keys of these options (`secretKey`, and a connection's `targetSecretKey`), whatever else is wrong
/// with them.
pub fn secret_keys_of(entries: &Entries) -> Vec<&str> {
    ["secretKey", "targetSecretKey"]
        .into_iter()
        .filter_map(|key| match get(entries, key) {
            OptionValue::String(secret) => Some(secret.as_str()),
            _ => None,
        })
        .collect()
}

/// The secret keys of these options, to scrub from every error of the call.
pub fn secrets_of(entries: &Entries) -> Secrets {
    let mut secrets = Secrets::default();
    for secret in secret_keys_of(entries) {
        secrets.add(secret);
    }
    secrets
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

/// The parameters of `connectVpcs` / `disconnectVpcs`, with the same rules as the calls they feed.
pub const CONNECTION_PARAMS: &[Param] = &[
    REGION,
    PEERING_ENDS[0],
    PEERING_ENDS[1],
    PEERING_ENDS[2],
    PEERING_ENDS[3],
    PEERING_ENDS[4],
    optional("sourceRouteTableNoList", Rule::NumberList),
    optional("targetRouteTableNoList", Rule::NumberList),
];

const CONNECTION_CONSTRAINTS: &[Constraint] = &[
    Constraint::Differ("sourceVpcNo", "targetVpcNo"),
    Constraint::Together("targetVpcName", "targetVpcLoginId", "a VPC of another account needs both"),
];

/// The options of `connectVpcs` / `disconnectVpcs` besides the parameters and the common options.
const CONNECTION_KEYS: &[&str] =
    &["targetAccessKey", "targetSecretKey", "dryRun", "onStep", "pollIntervalMs", "maxPollIntervalMs", "requestTimeoutMs"];

/// The longest base name: the peerings are named `<base>-fwd` and `<base>-rev`, and a name has at most 30 characters.
pub const MAX_BASE_NAME_CHARS: usize = 26;

/// Validates the options of `connectVpcs` and `disconnectVpcs`; every error found, each naming its field.
pub fn validate_connection(entries: &Entries) -> Result<ConnectionPlan, Vec<Error>> {
    let mut errors = Vec::new();
    let names: Vec<&str> = CONNECTION_PARAMS.iter().map(|p| p.name).collect();
    check_keys(entries, &[COMMON_KEYS, &names, CONNECTION_KEYS], "", &mut errors);
    let common = read_common(entries, &mut errors);
    let mut wire = Vec::new();
    read_params(CONNECTION_PARAMS, CONNECTION_CONSTRAINTS, entries, Place::TOP, &mut wire, &mut errors);
    let value = |name: &str| wire.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    let list = |name: &str| {
        let prefix = format!("{name}.");
        let numbers: Vec<String> =
            wire.iter().filter(|(key, _)| key.starts_with(&prefix)).map(|(_, value)| value.clone()).collect();
        (!numbers.is_empty()).then_some(numbers)
    };
    let base_name = value("vpcPeeringName");
    if let Some(base) = base_name.as_deref().filter(|base| base.len() > MAX_BASE_NAME_CHARS) {
        errors.push(Error::invalid_option(
            "vpcPeeringName",
            format!(
                "vpcPeeringName is the base of both peerings' names (<name>-fwd, <name>-rev), so at most {MAX_BASE_NAME_CHARS} characters: got {} ({} characters)",
                shown(base),
                base.len()
            ),
        ));
    }
    let other_account = match (value("targetVpcName"), value("targetVpcLoginId")) {
        (Some(vpc_name), Some(login_id)) => Some(OtherAccount { vpc_name, login_id }),
        _ => None,
    };
    let target_access = get(entries, "targetAccessKey");
    let target_secret = get(entries, "targetSecretKey");
    let target_credentials = match (target_access.is_absent(), target_secret.is_absent()) {
        (true, true) => None,
        (false, false) => {
            let access = read_key(entries, "targetAccessKey", &mut errors);
            let secret = read_key(entries, "targetSecretKey", &mut errors);
            if other_account.is_none() {
                errors.push(Error::invalid_option(
                    "targetAccessKey",
                    "targetAccessKey and targetSecretKey are another account's keys: give targetVpcName and targetVpcLoginId too (a VPC of your own account needs no second keys)",
                ));
            }
            access.zip(secret).map(|(access, secret)| Credentials::new(access, secret))
        }
        (false, true) => {
            errors.push(Error::invalid_option("targetSecretKey", "targetSecretKey is required with targetAccessKey"));
            None
        }
        (true, false) => {
            errors.push(Error::invalid_option("targetAccessKey", "targetAccessKey is required with targetSecretKey"));
            None
        }
    };
    let dry_run = read_bool_option(entries, "dryRun", &mut errors).unwrap_or(false);
    if !dry_run && !get(entries, "timestamp").is_absent() {
        errors.push(Error::invalid_option("timestamp", "timestamp can only be fixed for a dry run (dryRun: true): each request is signed at its own time"));
    }
    if get(entries, "onStep").type_name() != "function" && !get(entries, "onStep").is_absent() {
        errors.push(wrong_type("onStep", "a function", get(entries, "onStep")));
    }
    let poll_interval_ms = read_ms(entries, "pollIntervalMs", &mut errors).unwrap_or(DEFAULT_POLL_INTERVAL_MS);
    let max_poll_interval_ms =
        read_ms(entries, "maxPollIntervalMs", &mut errors).unwrap_or(DEFAULT_MAX_POLL_INTERVAL_MS);
    let request_timeout_ms = match read_ms(entries, "requestTimeoutMs", &mut errors) {
        Some(0) => None,
        Some(ms) => Some(ms),
        None => Some(DEFAULT_TIMEOUT_MS),
    };
    let (Some(common), Some(source_vpc_no), Some(target_vpc_no), true) =
        (common, value("sourceVpcNo"), value("targetVpcNo"), errors.is_empty())
    else {
        return Err(scrub_secret(entries, errors));
    };
    let region = value("regionCode");
    let mut params: Vec<(String, String)> = region.iter().map(|code| ("regionCode".to_owned(), code.clone())).collect();
    params.push(("vpcNo".to_owned(), source_vpc_no.clone()));
    let timeout_ms = if get(entries, "timeoutMs").is_absent() { Some(DEFAULT_WAIT_TIMEOUT_MS) } else { common.timeout_ms };
    Ok(ConnectionPlan {
        template: Call {
            action: Action::VpcDetail,
            credentials: common.credentials,
            params,
            format: common.format,
            method: common.method,
            origin: common.origin,
            timeout_ms,
            timestamp: None,
            retries: common.retries,
            max_response_bytes: common.max_response_bytes,
            keep_items: true,
        },
        target_credentials,
        region,
        source_tables: list("sourceRouteTableNoList"),
        target_tables: list("targetRouteTableNoList"),
        source_vpc_no,
        target_vpc_no,
        base_name,
        other_account,
        dry_run,
        retry_mutations: common.retry_mutations,
        timestamp: common.timestamp,
        timeout_ms,
        request_timeout_ms,
        poll_interval_ms,
        max_poll_interval_ms: max_poll_interval_ms.max(poll_interval_ms),
    })
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
        keep_items: false,
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
