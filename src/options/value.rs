//! The caller's options as validation sees them: each JS value mapped to an [`OptionValue`] by the JS glue (or built
//! directly by native tests), read by key from the [`Entries`], and quoted in messages without ever echoing much.

use crate::error::Error;

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
    /// Any other object, with its own enumerable entries when they were read: the glue reads those of a plain
    /// object inside an array (an item of a list of objects such as `routeList`), and leaves any other object (an
    /// `AbortSignal`, a value given where a string belongs) unread, with none.
    Object(Vec<(String, OptionValue)>),
    /// A value of another type (`bigint`, `symbol`), named by its `typeof`.
    Other(String),
}

impl OptionValue {
    pub(super) fn type_name(&self) -> &str {
        match self {
            OptionValue::Undefined => "undefined",
            OptionValue::Null => "null",
            OptionValue::Bool(_) => "boolean",
            OptionValue::Number(_) => "number",
            OptionValue::String(_) => "string",
            OptionValue::List(_) => "array",
            OptionValue::Function => "function",
            OptionValue::Object(_) => "object",
            OptionValue::Other(name) => name,
        }
    }

    pub(super) fn is_absent(&self) -> bool {
        matches!(self, OptionValue::Undefined | OptionValue::Null)
    }
}

/// The caller's options as key/value pairs, in the caller's order.
pub type Entries = [(String, OptionValue)];

/// The value of `key`, [`OptionValue::Undefined`] when it is not given.
pub(super) fn get<'a>(entries: &'a Entries, key: &str) -> &'a OptionValue {
    entries.iter().find(|(k, _)| k == key).map_or(&OptionValue::Undefined, |(_, v)| v)
}

/// Refuses every key of `entries` that is in none of the `allowed` sets (a typo such as `sourceVpcNO`), suggesting
/// the name it may have meant; `path` is before each key in messages (`routeList[0].`).
pub(super) fn check_keys(entries: &Entries, allowed: &[&[&str]], path: &str, errors: &mut Vec<Error>) {
    let known = |key: &str| allowed.iter().any(|set| set.contains(&key));
    for (key, _) in entries.iter().filter(|(key, _)| !known(key)) {
        let suggestion = allowed.iter().flat_map(|set| set.iter()).find(|name| name.eq_ignore_ascii_case(key));
        let field = format!("{path}{key}");
        let message = match suggestion {
            Some(name) => format!("unknown option {}: did you mean {}?", shown(&field), shown(&format!("{path}{name}"))),
            None => format!("unknown option {}", shown(&field)),
        };
        errors.push(Error::invalid_option(&field, message));
    }
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

pub(super) fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn is_whole(n: f64) -> bool {
    n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= MAX_SAFE_INTEGER
}

pub(super) fn wrong_type(field: &str, expected: &str, value: &OptionValue) -> Error {
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
pub(super) fn shown(text: &str) -> String {
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

pub(super) fn quote_list(items: &[&str]) -> String {
    items.iter().map(|item| shown(item)).collect::<Vec<_>>().join(", ")
}
