//! Reading the caller's options object: every own key as an [`OptionValue`] for validation, plus the JS values
//! that stay JS (`fetch`, `signal`, `onPoll`).

use crate::error::Error;
use crate::options::OptionValue;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

/// The options of one call, read once.
pub struct HostOptions {
    /// Every own enumerable key and its value, for validation.
    pub entries: Vec<(String, OptionValue)>,
    /// The `fetch` option, when given.
    pub fetch: Option<Function>,
    /// The `signal` option, when given.
    pub signal: Option<AbortSignal>,
    /// The `onPoll` option, when given.
    pub on_poll: Option<Function>,
}

/// Reads `options`, which must be a plain object.
pub fn read_options(options: &JsValue) -> Result<HostOptions, Error> {
    if !options.is_object() || Array::is_array(options) || options.is_function() {
        let got = if options.is_null() { "null".to_owned() } else if Array::is_array(options) { "array".to_owned() } else { type_of(options) };
        return Err(Error::invalid_option("options", format!("options must be an object: got {got}")));
    }
    let mut host = HostOptions { entries: Vec::new(), fetch: None, signal: None, on_poll: None };
    for key in Object::keys(options.unchecked_ref::<Object>()).iter() {
        let Some(key) = key.as_string() else { continue };
        let value = Reflect::get(options, &JsValue::from_str(&key))
            .map_err(|_| Error::invalid_option(&key, format!("{key} could not be read: its getter threw")))?;
        match key.as_str() {
            "fetch" => host.fetch = value.dyn_ref::<Function>().cloned(),
            "signal" if value.is_object() => host.signal = Some(value.clone().unchecked_into()),
            "onPoll" => host.on_poll = value.dyn_ref::<Function>().cloned(),
            _ => {}
        }
        host.entries.push((key, to_option_value(&value, 0)));
    }
    Ok(host)
}

fn to_option_value(value: &JsValue, depth: u8) -> OptionValue {
    if value.is_undefined() {
        OptionValue::Undefined
    } else if value.is_null() {
        OptionValue::Null
    } else if let Some(text) = value.as_string() {
        OptionValue::String(text)
    } else if let Some(number) = value.as_f64() {
        OptionValue::Number(number)
    } else if let Some(flag) = value.as_bool() {
        OptionValue::Bool(flag)
    } else if value.is_function() {
        OptionValue::Function
    } else if Array::is_array(value) && depth == 0 {
        let items = value.unchecked_ref::<Array>();
        OptionValue::List(items.iter().map(|item| to_option_value(&item, depth + 1)).collect())
    } else if value.is_object() {
        OptionValue::Object
    } else {
        OptionValue::Other(type_of(value))
    }
}

fn type_of(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_else(|| "unknown".to_owned())
}
