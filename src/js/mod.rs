//! The JS boundary: a few generic exports, which pkg-template/api.mjs turns into the package's named functions, dry
//! runs and `Client` from the list [`actions`] gives. Thin: it reads options, runs the pure pipeline as a plan (one
//! [`executor`] for every call), and converts results and errors. TypeScript types are hand-written in
//! `pkg-template/index.d.ts`, so every export skips wasm-bindgen's generated ones.

mod executor;
mod read;
mod send;
mod task;

use crate::action::Action;
use crate::api::{table_json, Callable};
use crate::call::Call;
use crate::error::{Error, Secrets};
use crate::model::{empty_item_json, head_json, item_json, Answer, Item, JsonList};
use crate::options::{secret_keys_of, secrets_of, validate_call, validate_client_config};
use crate::plan::Finished;
use crate::request::build;
use crate::connect::{request_json, steps_json, ConnectionResult, Goal};
use executor::{drive, Callbacks, Stopped};
use js_sys::{Array, Object, Promise, Reflect};
use read::{read_options, HostOptions};
use send::{resolve_fetch, Budget, CallSecrets, Failure};
use task::spawn;
use wasm_bindgen::prelude::*;

// Results take their last shape in JS, parsed there by the engine's native `JSON.parse` (faster than building them
// one boundary-crossing property at a time); see src/model.rs and objects.js.
#[wasm_bindgen(module = "/src/js/objects.js")]
extern "C" {
    #[wasm_bindgen(js_name = answerFrom)]
    fn answer_from(head: &str, list_name: &str, list: &str, empty_item: &str) -> JsValue;
    #[wasm_bindgen(js_name = itemFrom)]
    fn item_from(json: &str, empty_item: &str) -> JsValue;
}

/// Sets `key` on a JS object; setting a property on a fresh plain object cannot fail.
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// A result as a plain JS object. The list's JSON is handed over as it was written, not copied into a whole.
fn answer_to_js(answer: Answer<JsonList>) -> JsValue {
    let head = head_json(&answer);
    let resource = answer.items.resource();
    answer_from(&head, resource.list, &answer.items.into_json(), &empty_item_json(resource))
}

/// An item (a peering) as a plain JS object.
fn instance_to_js(instance: &Item) -> JsValue {
    item_from(&item_json(instance), &empty_item_json(instance.resource()))
}

/// A real `Error` with a stable `code` and the facts of the failure as own properties. Every error reaches JS here,
/// and only after `secrets` scrubbed it.
fn error_to_js(failure: Failure, secrets: &Secrets) -> JsValue {
    let Failure { mut error, cause } = failure;
    secrets.scrub(&mut error);
    let js_error = js_sys::Error::new(&error.message);
    js_error.set_name("NcloudVpcError");
    let target: &JsValue = js_error.as_ref();
    set(target, "code", &JsValue::from_str(error.code.as_str()));
    let texts = [
        ("field", &error.field),
        ("returnCode", &error.return_code),
        ("returnMessage", &error.return_message),
        ("details", &error.details),
        ("requestId", &error.request_id),
        ("bodySnippet", &error.body_snippet),
    ];
    for (key, value) in texts {
        if let Some(value) = value {
            set(target, key, &JsValue::from_str(value));
        }
    }
    if let Some(status) = error.status {
        set(target, "status", &JsValue::from_f64(f64::from(status)));
    }
    set(target, "attempts", &JsValue::from_f64(f64::from(error.attempts)));
    if let Some(instance) = &error.instance {
        set(target, "instance", &instance_to_js(instance));
    }
    if let Some(steps) = error.steps.as_deref().and_then(json_to_js) {
        set(target, "steps", &steps);
    }
    if let Some(cause) = cause {
        set(target, "cause", &cause);
    }
    js_error.into()
}

fn first_error(errors: Vec<Error>) -> Failure {
    let error = errors.into_iter().next().unwrap_or_else(|| Error::invalid_option("options", "options are invalid"));
    Failure::from(error)
}

/// The options read and validated; on failure, the secrets to scrub its error of.
fn read_call(action: Action, options: &JsValue) -> Result<(Call, HostOptions), (Failure, Secrets)> {
    let host = read_options(options).map_err(|error| (Failure::from(error), Secrets::default()))?;
    match validate_call(action, &host.entries) {
        Ok(call) => Ok((call, host)),
        Err(errors) => Err((first_error(errors), secrets_of(&host.entries))),
    }
}

/// The dry run: the exact signed request a call with these options would send.
fn build_request(action: Action, options: &JsValue) -> Result<JsValue, JsValue> {
    let (call, _) = read_call(action, options).map_err(|(failure, secrets)| error_to_js(failure, &secrets))?;
    let request = build(&call, call.timestamp.unwrap_or_else(|| js_sys::Date::now() as u64));
    // One JSON string parsed natively, like results: cheaper than eight property sets across the boundary.
    json_to_js(&request_json(&request)).ok_or_else(|| error_to_js(Failure::from(Error::invalid_option("options", "the dry run could not be built")), &Secrets::default()))
}

/// JSON the package wrote, parsed by the engine; `None` only if it were not JSON (it always is).
fn json_to_js(json: &str) -> Option<JsValue> {
    js_sys::JSON::parse(json).ok()
}

/// A connection's result: `{ forward, reverse, routes, steps, complete }` (disconnect: `{ steps, complete }`).
fn connection_to_js(result: ConnectionResult) -> JsValue {
    let out: JsValue = Object::new().into();
    if result.goal == Goal::Connect {
        let peering = |item: &Option<Item>| item.as_ref().map_or(JsValue::NULL, instance_to_js);
        set(&out, "forward", &peering(&result.forward));
        set(&out, "reverse", &peering(&result.reverse));
        let routes: Array = result.routes.iter().map(instance_to_js).collect();
        set(&out, "routes", &routes);
    }
    set(&out, "steps", &json_to_js(&steps_json(&result.steps, true)).unwrap_or_else(|| Array::new().into()));
    set(&out, "complete", &JsValue::from_bool(result.complete));
    out
}

/// A plan's result in JS: an answer, a peering, `null`, or a connection.
fn finished_to_js(finished: Finished) -> JsValue {
    match finished {
        Finished::Answer(answer) => answer_to_js(answer),
        Finished::Item(item) => instance_to_js(&item),
        Finished::Nothing => JsValue::NULL,
        Finished::Connection(result) => connection_to_js(*result),
    }
}

async fn run(callable: Callable, options: JsValue) -> Result<JsValue, JsValue> {
    let mut secrets = CallSecrets::default();
    match run_plan(callable, &options, &mut secrets).await {
        Ok(finished) => Ok(finished_to_js(finished)),
        Err(Stopped::Failed(failure)) => Err(error_to_js(failure, &secrets.all())),
        Err(Stopped::Thrown(value)) => Err(value),
    }
}

/// Reads and validates the options, then drives their plan. The budget (and its timer and listener) is gone by the
/// time the caller hears of the outcome.
async fn run_plan(callable: Callable, options: &JsValue, secrets: &mut CallSecrets) -> Result<Finished, Stopped> {
    let host = read_options(options)?;
    *secrets = CallSecrets::new(&secret_keys_of(&host.entries));
    let mut plan = callable.plan(&host.entries, js_sys::Date::now() as u64).map_err(first_error)?;
    let fetch = resolve_fetch(host.fetch)?;
    let budget = Budget::start(plan.name(), plan.timeout_ms(), host.signal);
    let callbacks = Callbacks { on_poll: host.on_poll.as_ref(), on_step: host.on_step.as_ref() };
    drive(&mut *plan, &fetch, &budget, callbacks, secrets).await
}

/// The error for a name that is no action (nor the wait).
fn unknown_action(name: &str) -> JsValue {
    let error = Error::invalid_option("action", format!("unknown action \"{name}\""));
    error_to_js(Failure::from(error), &Secrets::default())
}

/// `call(name, opts)`: runs the action (or the wait) `name`: validates, signs, sends and parses; resolves with its
/// result, rejects with an `NcloudVpcError`.
#[wasm_bindgen(skip_typescript)]
pub fn call(name: &str, options: JsValue) -> Promise {
    match Callable::from_name(name) {
        Some(callable) => spawn(callable.name(), run(callable, options)),
        None => Promise::reject(&unknown_action(name)),
    }
}

/// `buildRequest(name, opts)`: the exact signed request the action `name` would send; nothing is sent.
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request_of(name: &str, options: JsValue) -> Result<JsValue, JsValue> {
    match Callable::from_name(name) {
        Some(Callable::Action(action)) => build_request(action, &options),
        _ => Err(unknown_action(name)),
    }
}

/// `actions()`: every name `call` takes, in the table's order: `[{ name, readOnly, plan }]` (a plan has no dry run).
#[wasm_bindgen(skip_typescript)]
pub fn actions() -> JsValue {
    // Our own JSON always parses; the fallback exists only so that nothing can panic here.
    js_sys::JSON::parse(&table_json()).unwrap_or_else(|_| Array::new().into())
}

/// `validateOptions(action, opts)`: every problem with `opts` for `action` (an action name or
/// `"waitForVpcPeeringInstance"`), as `[{ field, message }]`; empty when valid. Never throws for bad options.
#[wasm_bindgen(js_name = validateOptions, skip_typescript)]
pub fn validate_options(action: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let problems = Array::new();
    let errors = match read_options(&options) {
        Err(error) => vec![error],
        Ok(host) => match Callable::from_name(action) {
            Some(callable) => callable.plan(&host.entries, 0).err().unwrap_or_default(),
            None => return Err(unknown_action(action)),
        },
    };
    for error in errors {
        let problem: JsValue = Object::new().into();
        set(&problem, "field", &JsValue::from_str(error.field.as_deref().unwrap_or("options")));
        set(&problem, "message", &JsValue::from_str(&error.message));
        problems.push(&problem);
    }
    Ok(problems.into())
}

/// `clientConfig(config)`: `createClient`'s configuration, validated now (so a typo fails at start-up rather than at
/// the first call) and copied; pkg-template/api.mjs keeps the copy for the client's calls.
#[wasm_bindgen(js_name = clientConfig, skip_typescript)]
pub fn client_config(config: JsValue) -> Result<JsValue, JsValue> {
    let host = read_options(&config).map_err(|e| error_to_js(e.into(), &Secrets::default()))?;
    let secrets = secrets_of(&host.entries);
    if let Some(error) = validate_client_config(&host.entries).into_iter().next() {
        return Err(error_to_js(error.into(), &secrets));
    }
    let copy = read::object_assign(&Object::new(), &config).map_err(|_| {
        error_to_js(Error::invalid_option("options", "options could not be read: a getter or Proxy trap threw").into(), &secrets)
    })?;
    Ok(copy.into())
}
