//! The rule each parameter obeys (a [`Rule`] of the action table), checked on the caller's value, which becomes its
//! text on the wire; the checks across parameters ([`Constraint`]); and the same for each object of a list of
//! objects, whose fields are named `list[0].field` in messages and sent as `list.1.field`.

use super::address::check_cidr;
use super::value::{check_keys, get, is_digits, is_whole, quote_list, shown, wrong_type, Entries, OptionValue};
use crate::action::{Constraint, Param, Rule};
use crate::error::Error;

/// The parameters read so far, in wire order: name and value as sent.
pub(super) type Wire = Vec<(String, String)>;

/// Where a group of parameters sits: the action's own (both prefixes empty), or one object of a list.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    /// Before each field's name in messages: `routeList[0].`.
    pub(super) field: &'a str,
    /// Before each parameter's name on the wire: `routeList.1.`.
    pub(super) wire: &'a str,
}

impl Place<'_> {
    /// The action's own parameters.
    pub(super) const TOP: Place<'static> = Place { field: "", wire: "" };
}

/// `prefix` and `name` as one string (without the formatting machinery: this runs for every parameter sent).
fn joined(prefix: &str, name: &str) -> String {
    let mut text = String::with_capacity(prefix.len() + name.len());
    text.push_str(prefix);
    text.push_str(name);
    text
}

/// Reads `params` from `entries` into `wire`, in order, then checks `constraints` on them; errors name each field.
/// Absent, `null` and `""` mean "not given", and so does `[]` for a list.
pub(super) fn read_params(
    params: &[Param],
    constraints: &[Constraint],
    entries: &Entries,
    place: Place<'_>,
    wire: &mut Wire,
    errors: &mut Vec<Error>,
) {
    let start = wire.len();
    for param in params {
        let field = joined(place.field, param.name);
        let value = get(entries, param.name);
        let missing = match value {
            OptionValue::String(text) => text.is_empty(),
            OptionValue::List(items) => items.is_empty() && matches!(param.rule, Rule::NumberList | Rule::ObjectList(_)),
            value => value.is_absent(),
        };
        if !missing {
            read_param(param.rule, &field, &joined(place.wire, param.name), value, wire, errors);
        } else if param.required {
            errors.push(Error::invalid_option(&field, format!("{field} is required")));
        }
    }
    check_constraints(constraints, place, wire.get(start..).unwrap_or_default(), errors);
}

/// Checks `value` against `rule`, appending its wire form under `wire_name` to `wire`, or an error naming `field`.
pub(super) fn read_param(rule: Rule, field: &str, wire_name: &str, value: &OptionValue, wire: &mut Wire, errors: &mut Vec<Error>) {
    let text = match (rule, value) {
        (_, value) if value.is_absent() => return,
        (Rule::NumberList, OptionValue::List(items)) => {
            // All or nothing: the first bad number refuses the list.
            match items.iter().map(|item| read_number_text(field, item)).collect::<Result<Vec<_>, _>>() {
                Ok(texts) => {
                    for (index, text) in texts.into_iter().enumerate() {
                        wire.push((format!("{wire_name}.{}", index + 1), text));
                    }
                }
                Err(error) => errors.push(error),
            }
            return;
        }
        (Rule::ObjectList(shape), OptionValue::List(items)) => {
            let names: Vec<&str> = shape.fields.iter().map(|param| param.name).collect();
            for (index, item) in items.iter().enumerate() {
                let field = format!("{field}[{index}]");
                let OptionValue::Object(entries) = item else {
                    errors.push(wrong_type(&field, "an object", item));
                    continue;
                };
                let place = Place { field: &format!("{field}."), wire: &format!("{wire_name}.{}.", index + 1) };
                check_keys(entries, &[&names], place.field, errors);
                read_params(shape.fields, shape.constraints, entries, place, wire, errors);
            }
            return;
        }
        (Rule::NumberList, other) => Err(wrong_type(field, "an array of instance numbers", other)),
        (Rule::ObjectList(_), other) => Err(wrong_type(field, "an array of objects", other)),
        (Rule::Number, value) => read_number_text(field, value),
        (Rule::PositiveInt, OptionValue::Number(n)) if is_whole(*n) && *n >= 1.0 => Ok(format!("{}", *n as u64)),
        (Rule::PositiveInt, OptionValue::String(s)) if is_digits(s) && !s.trim_start_matches('0').is_empty() => Ok(s.clone()),
        (Rule::PositiveInt, other) => Err(wrong_type(field, "a positive integer", other)),
        (Rule::Bool, OptionValue::Bool(b)) => Ok(b.to_string()),
        (Rule::Bool, OptionValue::String(s)) if s == "true" || s == "false" => Ok(s.clone()),
        (Rule::Bool, other) => Err(wrong_type(field, "a boolean", other)),
        (rule, OptionValue::String(text)) => check_text_rule(rule, field, text).map(|()| text.clone()),
        (_, other) => Err(wrong_type(field, "a string", other)),
    };
    match text {
        Ok(text) => wire.push((wire_name.to_owned(), text)),
        Err(error) => errors.push(error),
    }
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
        Rule::Cidr => {
            if let Err(problem) = check_cidr(text) {
                return fail(&problem);
            }
        }
        Rule::Number | Rule::NumberList | Rule::PositiveInt | Rule::Bool | Rule::ObjectList(_) => {}
    }
    Ok(())
}

/// An instance number as text: decimal digits, or a non-negative integer formatted.
pub(super) fn read_number_text(field: &str, value: &OptionValue) -> Result<String, Error> {
    match value {
        OptionValue::String(s) if is_digits(s) => Ok(s.clone()),
        OptionValue::String(s) => {
            Err(Error::invalid_option(field, format!("{field} must be a number of decimal digits: got {}", shown(s))))
        }
        OptionValue::Number(n) if is_whole(*n) => Ok(format!("{}", *n as u64)),
        other => Err(wrong_type(field, "a number of decimal digits (a string, or a non-negative integer)", other)),
    }
}

/// Checks `constraints` on the parameters of one place, `wire` (those read there).
fn check_constraints(constraints: &[Constraint], place: Place<'_>, wire: &[(String, String)], errors: &mut Vec<Error>) {
    let value = |name: &str| {
        let sent = |key: &String| key.strip_prefix(place.wire) == Some(name);
        wire.iter().find(|(key, _)| sent(key)).map(|(_, value)| value.as_str())
    };
    let field = |name: &str| joined(place.field, name);
    for constraint in constraints {
        let (at, message) = match *constraint {
            Constraint::Differ(first, second) => match (value(first), value(second)) {
                (Some(a), Some(b)) if a == b => {
                    let both = if is_digits(a) { a.to_owned() } else { shown(a) };
                    (field(second), format!("{} must differ from {}: both are {both}", field(second), field(first)))
                }
                _ => continue,
            },
            Constraint::Together(a, b, why) => {
                let (given, missing) = match (value(a), value(b)) {
                    (Some(_), None) => (a, b),
                    (None, Some(_)) => (b, a),
                    _ => continue,
                };
                (field(missing), format!("{} is required with {}: {why}", field(missing), field(given)))
            }
            Constraint::Needs(given, needed) if value(given).is_some() && value(needed).is_none() => {
                (field(needed), format!("{} is required with {}", field(needed), field(given)))
            }
            Constraint::WhenThen { param, value: when, then } if value(param) == Some(when) && value(then).is_none() => {
                (field(then), format!("{} is required when {} is {when}", field(then), field(param)))
            }
            Constraint::Needs(..) | Constraint::WhenThen { .. } => continue,
        };
        // A field already refused by its own rule is not reported again as missing.
        if !errors.iter().any(|e| e.field.as_deref() == Some(&at)) {
            errors.push(Error::invalid_option(&at, message));
        }
    }
}
