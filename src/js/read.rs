//! Reading the caller's options object: every own key as an [`OptionValue`] for validation, plus the JS values
//! that stay JS (`fetch`, `signal`, `onPoll`).

use crate::error::Error;
use crate::options::OptionValue;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

// Catching versions of what js-sys binds as infallible. A Proxy's traps may throw (and a revoked Proxy always
// does); a JS exception thrown out of the async exports' future escapes as an uncaught exception and leaves the
// future queue stuck, so every later call on the instance never settles (tests/hardening/hostile.test.mjs).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(object: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// `Object.assign`, catching: a getter or a Proxy trap of `source` may throw.
    #[wasm_bindgen(js_namespace = Object, js_name = assign, catch)]
    pub fn object_assign(target: &Object, source: &JsValue) -> Result<Object, JsValue>;
}

// An object inside a list is read in one call that cannot throw (objects.js).
#[wasm_bindgen(module = "/src/js/objects.js")]
extern "C" {
    #[wasm_bindgen(js_name = entriesOf)]
    fn entries_of(object: &JsValue, max_keys: u32) -> JsValue;
}

/// The most items a list option is read with; a longer (say sparse `new Array(1e9)`) one is refused unread rather
/// than exhausting the wasm memory.
const MAX_LIST_ITEMS: u32 = 10_000;

/// The most keys an object inside a list is read with (a route has four).
const MAX_OBJECT_KEYS: u32 = 64;

/// `Array.isArray(value)`, `None` when it throws (a revoked Proxy).
pub fn is_array(value: &JsValue) -> Option<bool> {
    array_is_array(value).ok()
}

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
    /// The `onStep` option, when given.
    pub on_step: Option<Function>,
}

/// Reads `options`, which must be a plain object.
pub fn read_options(options: &JsValue) -> Result<HostOptions, Error> {
    let unreadable = || Error::invalid_option("options", "options could not be read: a Proxy trap threw");
    let array = is_array(options).ok_or_else(unreadable)?;
    if !options.is_object() || array || options.is_function() {
        let got = if options.is_null() { "null".to_owned() } else if array { "array".to_owned() } else { type_of(options) };
        return Err(Error::invalid_option("options", format!("options must be an object: got {got}")));
    }
    let mut host = HostOptions { entries: Vec::new(), fetch: None, signal: None, on_poll: None, on_step: None };
    for key_value in object_keys(options).map_err(|_| unreadable())?.iter() {
        let Some(key) = key_value.as_string() else { continue };
        let value = Reflect::get(options, &key_value)
            .map_err(|_| Error::invalid_option(&key, format!("{key} could not be read: its getter threw")))?;
        match key.as_str() {
            "fetch" => host.fetch = value.dyn_ref::<Function>().cloned(),
            // Only a real AbortSignal: its methods are called later, inside the future, where a throw is fatal.
            "signal" => host.signal = value.dyn_ref::<AbortSignal>().cloned(),
            "onPoll" => host.on_poll = value.dyn_ref::<Function>().cloned(),
            "onStep" => host.on_step = value.dyn_ref::<Function>().cloned(),
            _ => {}
        }
        let value = match key.as_str() {
            "signal" if value.is_object() && host.signal.is_none() => {
                OptionValue::Other("an object that is not an AbortSignal".to_owned())
            }
            _ => to_option_value(&value, 0),
        };
        host.entries.push((key, value));
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
    } else if depth == 0 && is_array(value) != Some(false) {
        read_list(value).unwrap_or_else(|| OptionValue::Other("unreadable or over-long array".to_owned()))
    } else if depth == 1 && value.is_object() && is_array(value) == Some(false) {
        read_object(value)
    } else if value.is_object() {
        // Not read: an AbortSignal (kept as a JS value), or an object where no rule takes one.
        OptionValue::Object(Vec::new())
    } else {
        OptionValue::Other(type_of(value))
    }
}

/// An array's items, each read with `Reflect.get` (which catches); `None` if a read throws or it is too long.
fn read_list(value: &JsValue) -> Option<OptionValue> {
    let length = Reflect::get(value, &JsValue::from_str("length")).ok()?.as_f64()?;
    if !(0.0..=f64::from(MAX_LIST_ITEMS)).contains(&length) {
        return None;
    }
    let items = (0..length as u32).map(|i| Reflect::get_u32(value, i).ok().map(|item| to_option_value(&item, 1)));
    items.collect::<Option<Vec<_>>>().map(OptionValue::List)
}

/// A plain object inside a list (an item of a list of objects such as `routeList`): its own enumerable keys and
/// their values, one level deep. A getter or Proxy trap that throws, or too many keys, is reported, not thrown.
fn read_object(value: &JsValue) -> OptionValue {
    let entries = entries_of(value, MAX_OBJECT_KEYS);
    if let Some(why) = entries.as_string() {
        return OptionValue::Other(why);
    }
    let entries: Array = entries.unchecked_into();
    let mut read = Vec::new();
    for index in (0..entries.length()).step_by(2) {
        if let Some(key) = entries.get(index).as_string() {
            read.push((key, to_option_value(&entries.get(index + 1), 2)));
        }
    }
    OptionValue::Object(read)
}

fn type_of(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_else(|| "unknown".to_owned())
}
