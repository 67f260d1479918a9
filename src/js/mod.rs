//! The JS boundary: the exported functions and the `Client` class. Thin: it reads options, runs the pure
//! pipeline, sends with [`send`], and converts results and errors. TypeScript types are hand-written in
//! `pkg-template/index.d.ts`, so every export skips wasm-bindgen's generated ones.

mod read;
mod send;
mod task;

use crate::action::Action;
use crate::error::{Error, Secrets};
use crate::call::Call;
use crate::model::{empty_item_json, head_json, item_json, json_string, Answer, Item, JsonList};
use crate::options::{secret_key_of, secrets_of, validate_call, validate_client_config, validate_wait};
use crate::request::build;
use crate::wait::{judge, Verdict};
use js_sys::{Array, Object, Reflect};
use read::{read_options, HostOptions};
use send::{execute, resolve_fetch, Budget, CallSecrets, Failure};
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
    #[wasm_bindgen(js_name = guardClient)]
    fn guard_client(client: JsValue) -> JsValue;
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
    let text = json_string;
    let headers: Vec<String> =
        request.headers.iter().map(|(name, value)| format!("{}:{}", text(name), text(value))).collect();
    let body = request.body.as_deref().map_or_else(|| "null".to_owned(), text);
    let json = format!(
        "{{\"method\":{},\"url\":{},\"headers\":{{{}}},\"body\":{}}}",
        text(request.method.as_str()),
        text(&request.url),
        headers.join(","),
        body
    );
    // Our own JSON always parses; the error path exists only so that nothing can panic here.
    js_sys::JSON::parse(&json).map_err(|_| error_to_js(Failure::from(Error::invalid_option("options", "the dry run could not be built")), &Secrets::default()))
}

async fn run(action: Action, options: JsValue) -> Result<JsValue, JsValue> {
    let mut secrets = CallSecrets::default();
    match run_call(action, &options, &mut secrets).await {
        Ok(answer) => Ok(answer_to_js(answer)),
        Err(failure) => Err(error_to_js(failure, &secrets.all())),
    }
}

async fn run_call(action: Action, options: &JsValue, secrets: &mut CallSecrets) -> Result<Answer<JsonList>, Failure> {
    let host = read_options(options)?;
    *secrets = CallSecrets::new(secret_key_of(&host.entries));
    let call = validate_call(action, &host.entries).map_err(first_error)?;
    let fetch = resolve_fetch(host.fetch)?;
    let budget = Budget::start(action.name(), call.timeout_ms, host.signal);
    execute(&call, &fetch, &budget, secrets).await
}

async fn run_wait(options: JsValue) -> Result<JsValue, JsValue> {
    let mut secrets = CallSecrets::default();
    let result = wait(&options, &mut secrets).await;
    result.map_err(|failure| match failure {
        Waited::Failed(failure) => error_to_js(failure, &secrets.all()),
        Waited::Thrown(value) => value,
    })
}

enum Waited {
    Failed(Failure),
    /// `onPoll` threw: its error reaches the caller unchanged.
    Thrown(JsValue),
}

impl From<Failure> for Waited {
    fn from(failure: Failure) -> Waited {
        Waited::Failed(failure)
    }
}

/// The wait's name in messages.
const WAIT: &str = "waitForVpcPeeringInstance";

async fn wait(options: &JsValue, secrets: &mut CallSecrets) -> Result<JsValue, Waited> {
    let host = read_options(options).map_err(Failure::from)?;
    *secrets = CallSecrets::new(secret_key_of(&host.entries));
    let plan = validate_wait(&host.entries).map_err(first_error)?;
    let fetch = resolve_fetch(host.fetch.clone()).map_err(Failure::from)?;
    let budget = Budget::start(WAIT, plan.poll.timeout_ms, host.signal.clone());
    let instance_no = plan.poll.params.iter().find(|(k, _)| k == "vpcPeeringInstanceNo").map(|(_, v)| v.clone()).unwrap_or_default();
    let mut polls = 0u32;
    loop {
        // A delay past the deadline is cut short by the budget's own timer, which reports the timeout.
        budget.sleep(crate::retry::poll_delay_ms(polls, plan.poll_interval_ms, plan.max_poll_interval_ms)).await?;
        polls += 1;
        let answer = execute(&plan.poll, &fetch, &budget, secrets).await?;
        let found = answer.items.first;
        if let (Some(on_poll), Some(instance)) = (&host.on_poll, &found) {
            on_poll.call1(&JsValue::UNDEFINED, &instance_to_js(instance)).map_err(Waited::Thrown)?;
        }
        match judge(&plan, &instance_no, found) {
            Verdict::Done(Some(instance)) => return Ok(instance_to_js(&instance)),
            Verdict::Done(None) => return Ok(JsValue::NULL),
            Verdict::KeepPolling => {}
            Verdict::Fail(mut error) => {
                error.attempts = polls;
                return Err(Failure::from(error).into());
            }
        }
    }
}

/// Declares, for each action, the free async function and its synchronous dry run.
macro_rules! export_action {
    ($action:expr, $call:ident, $call_js:literal, $build:ident, $build_js:literal) => {
        #[doc = concat!("`", $call_js, "(opts)`: validates, signs, sends and parses; rejects with an `NcloudVpcError`.")]
        #[wasm_bindgen(js_name = $call_js, skip_typescript)]
        pub fn $call(options: JsValue) -> js_sys::Promise {
            spawn($action.name(), run($action, options))
        }

        #[doc = concat!("`", $build_js, "(opts)`: the exact signed request `", $call_js, "` would send; nothing is sent.")]
        #[wasm_bindgen(js_name = $build_js, skip_typescript)]
        pub fn $build(options: JsValue) -> Result<JsValue, JsValue> {
            build_request($action, &options)
        }
    };
}

export_action!(Action::Create, create_vpc_peering_instance, "createVpcPeeringInstance",
    build_create_vpc_peering_instance_request, "buildCreateVpcPeeringInstanceRequest");
export_action!(Action::List, get_vpc_peering_instance_list, "getVpcPeeringInstanceList",
    build_get_vpc_peering_instance_list_request, "buildGetVpcPeeringInstanceListRequest");
export_action!(Action::Detail, get_vpc_peering_instance_detail, "getVpcPeeringInstanceDetail",
    build_get_vpc_peering_instance_detail_request, "buildGetVpcPeeringInstanceDetailRequest");
export_action!(Action::AcceptOrReject, accept_or_reject_vpc_peering, "acceptOrRejectVpcPeering",
    build_accept_or_reject_vpc_peering_request, "buildAcceptOrRejectVpcPeeringRequest");
export_action!(Action::Delete, delete_vpc_peering_instance, "deleteVpcPeeringInstance",
    build_delete_vpc_peering_instance_request, "buildDeleteVpcPeeringInstanceRequest");
export_action!(Action::SetDescription, set_vpc_peering_description, "setVpcPeeringDescription",
    build_set_vpc_peering_description_request, "buildSetVpcPeeringDescriptionRequest");

/// `waitForVpcPeeringInstance(opts)`: polls the detail call until the peering reaches `until`.
#[wasm_bindgen(js_name = waitForVpcPeeringInstance, skip_typescript)]
pub fn wait_for_vpc_peering_instance(options: JsValue) -> js_sys::Promise {
    spawn(WAIT, run_wait(options))
}

/// `validateOptions(action, opts)`: every problem with `opts` for `action` (an action name or
/// `"waitForVpcPeeringInstance"`), as `[{ field, message }]`; empty when valid. Never throws for bad options.
#[wasm_bindgen(js_name = validateOptions, skip_typescript)]
pub fn validate_options(action: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let problems = Array::new();
    let errors = match read_options(&options) {
        Err(error) => vec![error],
        Ok(host) => match (action, Action::from_name(action)) {
            ("waitForVpcPeeringInstance", _) => validate_wait(&host.entries).err().unwrap_or_default(),
            (_, Some(action)) => validate_call(action, &host.entries).err().unwrap_or_default(),
            (_, None) => {
                let error = Error::invalid_option("action", format!("unknown action \"{action}\""));
                return Err(error_to_js(Failure::from(error), &Secrets::default()));
            }
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

/// A client holding configuration given once (`createClient`); each method takes the call's own options.
#[wasm_bindgen(skip_typescript)]
pub struct Client {
    config: Object,
}

/// `createClient(config)`: validates `config` now, so a typo fails at start-up rather than at the first call.
#[wasm_bindgen(js_name = createClient, skip_typescript)]
pub fn create_client(config: JsValue) -> Result<JsValue, JsValue> {
    let host = read_options(&config).map_err(|e| error_to_js(e.into(), &Secrets::default()))?;
    let secrets = secrets_of(&host.entries);
    if let Some(error) = validate_client_config(&host.entries).into_iter().next() {
        return Err(error_to_js(error.into(), &secrets));
    }
    let copy = read::object_assign(&Object::new(), &config).map_err(|_| {
        error_to_js(Error::invalid_option("options", "options could not be read: a getter or Proxy trap threw").into(), &secrets)
    })?;
    Ok(guard_client(Client { config: copy }.into()))
}

impl Client {
    /// The call's options over the client's configuration.
    fn merged(&self, options: &JsValue) -> JsValue {
        let merged = Object::assign(&Object::new(), &self.config);
        if options.is_object() && read::is_array(options) == Some(false) {
            // A JS exception must not unwind through this method (it would leave `self` borrowed): if a getter or
            // Proxy trap throws, the options go on as they are and reading them reports the problem.
            read::object_assign(&merged, options).map_or_else(|_| options.clone(), JsValue::from)
        } else if options.is_undefined() {
            merged.into()
        } else {
            options.clone() // not an object: validation reports it
        }
    }
}

macro_rules! client_methods {
    ($(($action:expr, $call_js:literal, $call:ident, $build_js:literal, $build:ident)),* $(,)?) => {
        #[wasm_bindgen]
        impl Client {
            $(
                #[doc = concat!("`client.", $call_js, "(opts)`: the free function with the client's configuration.")]
                #[wasm_bindgen(js_name = $call_js, skip_typescript)]
                pub fn $call(&self, options: JsValue) -> js_sys::Promise {
                    spawn($action.name(), run($action, self.merged(&options)))
                }

                #[doc = concat!("`client.", $build_js, "(opts)`: the dry run with the client's configuration.")]
                #[wasm_bindgen(js_name = $build_js, skip_typescript)]
                pub fn $build(&self, options: JsValue) -> Result<JsValue, JsValue> {
                    build_request($action, &self.merged(&options))
                }
            )*

            /// `client.waitForVpcPeeringInstance(opts)`: the free function with the client's configuration.
            #[wasm_bindgen(js_name = waitForVpcPeeringInstance, skip_typescript)]
            pub fn wait_for_vpc_peering_instance(&self, options: JsValue) -> js_sys::Promise {
                spawn(WAIT, run_wait(self.merged(&options)))
            }
        }
    };
}

client_methods!(
    (Action::Create, "createVpcPeeringInstance", create_vpc_peering_instance, "buildCreateVpcPeeringInstanceRequest", build_create_vpc_peering_instance_request),
    (Action::List, "getVpcPeeringInstanceList", get_vpc_peering_instance_list, "buildGetVpcPeeringInstanceListRequest", build_get_vpc_peering_instance_list_request),
    (Action::Detail, "getVpcPeeringInstanceDetail", get_vpc_peering_instance_detail, "buildGetVpcPeeringInstanceDetailRequest", build_get_vpc_peering_instance_detail_request),
    (Action::AcceptOrReject, "acceptOrRejectVpcPeering", accept_or_reject_vpc_peering, "buildAcceptOrRejectVpcPeeringRequest", build_accept_or_reject_vpc_peering_request),
    (Action::Delete, "deleteVpcPeeringInstance", delete_vpc_peering_instance, "buildDeleteVpcPeeringInstanceRequest", build_delete_vpc_peering_instance_request),
    (Action::SetDescription, "setVpcPeeringDescription", set_vpc_peering_description, "buildSetVpcPeeringDescriptionRequest", build_set_vpc_peering_description_request),
);
