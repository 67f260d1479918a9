//! The rule each parameter obeys ([`Rule`], from the action table), checked on the caller's value, which becomes its
//! text on the wire; and the checks across parameters.

use super::value::{is_digits, is_whole, quote_list, shown, wrong_type, OptionValue};
use crate::action::{Action, Rule};
use crate::error::Error;

/// A parameter's value on the wire: one text, or a 1-based list.
pub(super) enum Wire {
    One(String),
    Many(Vec<String>),
}

/// Checks `value` against `rule`; its wire form, or `None` (and an error naming `field`).
pub(super) fn read_param(rule: Rule, field: &str, value: &OptionValue, errors: &mut Vec<Error>) -> Option<Wire> {
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

/// The checks across an action's parameters, on their wire values.
pub(super) fn check_cross_rules(action: Action, params: &[(String, String)], errors: &mut Vec<Error>) {
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
