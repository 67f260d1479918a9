//! Sending: the host's `fetch`, under the call's time budget and the caller's signal, with retries. The only Rust
//! code that performs I/O or reads the clock; each attempt's I/O itself runs in host.js.

use crate::action::Action;
use crate::error::{echo, Error, ErrorCode, Secrets};
use crate::model::{Answer, JsonList};
use crate::options::Call;
use crate::request::{build, SignedRequest};
use crate::response::parse_answer_into;
use crate::retry::{backoff_ms, is_retryable};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

// The per-attempt I/O lives in host.js: the fetch init, the race against the deadline and the reading of the
// Response are plain JS there, which costs far fewer boundary crossings and closures than doing them through js-sys.
#[wasm_bindgen(module = "/src/js/host.js")]
extern "C" {
    /// host.js `Budget`: the deadline timer and the caller's signal, and the attempts and pauses raced against them.
    type HostBudget;
    #[wasm_bindgen(constructor, js_class = "Budget")]
    fn new(timeout_ms: u32, signal: Option<AbortSignal>) -> HostBudget;
    #[wasm_bindgen(method, getter, js_class = "Budget")]
    fn state(this: &HostBudget) -> u8;
    #[wasm_bindgen(method, getter, js_class = "Budget")]
    fn reason(this: &HostBudget) -> JsValue;
    #[wasm_bindgen(method, js_class = "Budget")]
    fn send(this: &HostBudget, fetch: &Function, this_arg: &JsValue, url: &str, method: &str, header_lines: &str, body: Option<&str>) -> Promise;
    #[wasm_bindgen(method, js_class = "Budget")]
    fn sleep(this: &HostBudget, ms: f64) -> Promise;
    #[wasm_bindgen(method, js_class = "Budget")]
    fn dispose(this: &HostBudget);

    /// What one `Budget.send` resolved: `{ kind, status, bytes, text, error }` (the body as bytes or as text).
    type Attempt;
    #[wasm_bindgen(method, getter)]
    fn kind(this: &Attempt) -> u8;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Attempt) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn bytes(this: &Attempt) -> Option<Vec<u8>>;
    #[wasm_bindgen(method, getter)]
    fn text(this: &Attempt) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn error(this: &Attempt) -> JsValue;
}

/// `Attempt.kind`, as host.js numbers it.
mod attempt_kind {
    pub const ANSWERED: u8 = 0;
    pub const THREW: u8 = 1;
    pub const UNREACHED: u8 = 2;
    pub const NOT_A_RESPONSE: u8 = 3;
    pub const UNREAD: u8 = 4;
}

/// `Budget.state`, as host.js numbers it.
const TIMED_OUT: u8 = 1;
const ABORTED: u8 = 2;

/// A failure on its way to JS: the error, and the JS value that caused it (`err.cause`).
pub struct Failure {
    /// The error.
    pub error: Error,
    /// The original JS error or abort reason.
    pub cause: Option<JsValue>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure { error, cause: None }
    }
}

/// The time budget and cancellation of one call (or one wait): a deadline and the caller's signal, both of which
/// abort the in-flight fetch. Dropping it clears the timer and the listener, so nothing is left pending.
pub struct Budget {
    what: &'static str,
    timeout_ms: Option<u32>,
    started_at: f64,
    host: HostBudget,
}

impl Budget {
    /// Starts the budget: `what` names the call in messages.
    pub fn start(what: &'static str, timeout_ms: Option<u32>, signal: Option<AbortSignal>) -> Budget {
        let host = HostBudget::new(timeout_ms.unwrap_or(0), signal);
        Budget { what, timeout_ms, started_at: js_sys::Date::now(), host }
    }

    /// Milliseconds left, `None` without a deadline.
    pub fn remaining_ms(&self) -> Option<f64> {
        self.timeout_ms.map(|ms| (f64::from(ms) - (js_sys::Date::now() - self.started_at)).max(0.0))
    }

    /// The failure describing why the budget stopped, if it has.
    pub fn stopped_failure(&self) -> Option<Failure> {
        match self.host.state() {
            TIMED_OUT => Some(Failure::from(Error::new(
                ErrorCode::Timeout,
                format!("{} timed out after {} ms (timeoutMs)", self.what, self.timeout_ms.unwrap_or(0)),
            ))),
            ABORTED => Some(Failure {
                error: Error::new(ErrorCode::Aborted, format!("{} was aborted by the caller's signal", self.what)),
                cause: Some(self.host.reason()),
            }),
            _ => None,
        }
    }

    /// Waits `ms`, or less if the budget stops first (then fails with why).
    pub async fn sleep(&self, ms: f64) -> Result<(), Failure> {
        let _ = JsFuture::from(self.host.sleep(ms)).await;
        self.stopped_failure().map_or(Ok(()), Err)
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        self.host.dispose();
    }
}

/// How long a signature stays worth hiding: the gateway accepts a timestamp within 5 minutes of its own clock, on
/// either side, and this clock may be up to 5 minutes off the gateway's (beyond that nothing works).
const SIGNATURE_LIFE_MS: u64 = 11 * 60 * 1000;
/// How many of a call's latest signatures are hidden at most: a wait polling every few seconds sends fewer within
/// their life; a bound keeps a scrub's work small whatever the poll interval.
const SIGNATURES_KEPT: usize = 64;

/// The secrets a call holds, for [`Secrets::scrub`] when it fails: its secret key, and the signatures it sent that
/// a server could still use (a long wait sends many; the older ones have expired). Their forms are worked out only
/// if the call fails.
#[derive(Default)]
pub struct CallSecrets {
    secret_key: Option<String>,
    signatures: Vec<(u64, String)>,
}

impl CallSecrets {
    /// Starts with the options' secret key (whatever else is wrong with them).
    pub fn new(secret_key: Option<&str>) -> CallSecrets {
        CallSecrets { secret_key: secret_key.map(str::to_owned), signatures: Vec::new() }
    }

    /// Remembers a signature sent with `timestamp`.
    fn sent(&mut self, signature: &str, timestamp: u64) {
        self.signatures.retain(|(at, _)| at.saturating_add(SIGNATURE_LIFE_MS) >= timestamp);
        if !self.signatures.iter().any(|(_, known)| known == signature) {
            if self.signatures.len() == SIGNATURES_KEPT {
                self.signatures.remove(0);
            }
            self.signatures.push((timestamp, signature.to_owned()));
        }
    }

    /// Everything to scrub.
    pub fn all(&self) -> Secrets {
        let mut all = Secrets::default();
        for secret in self.secret_key.iter().chain(self.signatures.iter().map(|(_, signature)| signature)) {
            all.add(secret);
        }
        all
    }
}

/// The fetch to call: the caller's, or the host's global one.
pub fn resolve_fetch(option: Option<Function>) -> Result<(Function, JsValue), Error> {
    if let Some(fetch) = option {
        return Ok((fetch, JsValue::UNDEFINED));
    }
    let global = js_sys::global();
    match Reflect::get(&global, &JsValue::from_str("fetch")).ok().and_then(|f| f.dyn_into::<Function>().ok()) {
        Some(fetch) => Ok((fetch, global.into())),
        None => Err(Error::invalid_option("fetch", "this runtime has no global fetch: pass the fetch option")),
    }
}

/// Sends `call`, retrying retryable failures within the budget. Every failure carries `attempts`; every signature
/// sent goes into `secrets`.
pub async fn execute(call: &Call, fetch: &(Function, JsValue), budget: &Budget, secrets: &mut CallSecrets) -> Result<Answer<JsonList>, Failure> {
    let mut attempts = 0;
    loop {
        // A budget already stopped (a signal aborted before the call) sends nothing: `attempts` says so.
        if let Some(mut stopped) = budget.stopped_failure() {
            stopped.error.attempts = attempts;
            return Err(stopped);
        }
        attempts += 1;
        let outcome = attempt(call, fetch, budget, secrets).await;
        let mut failure = match outcome {
            Ok(answer) => return Ok(answer),
            Err(failure) => failure,
        };
        failure.error.attempts = attempts;
        let retries_done = attempts - 1;
        if retries_done >= call.retries || !is_retryable(&failure.error) {
            return Err(failure);
        }
        let delay = backoff_ms(retries_done, js_sys::Math::random());
        if budget.remaining_ms().is_some_and(|left| left <= delay) {
            return Err(failure);
        }
        if let Err(mut stopped) = budget.sleep(delay).await {
            stopped.error.attempts = attempts;
            return Err(stopped);
        }
    }
}

async fn attempt(call: &Call, (fetch, this): &(Function, JsValue), budget: &Budget, secrets: &mut CallSecrets) -> Result<Answer<JsonList>, Failure> {
    let timestamp = call.timestamp.unwrap_or_else(|| js_sys::Date::now() as u64);
    let request = build(call, timestamp);
    secrets.sent(&request.headers[2].1, timestamp);
    send(call.action, &request, fetch, this, budget).await
}

async fn send(action: Action, request: &SignedRequest, fetch: &Function, this: &JsValue, budget: &Budget) -> Result<Answer<JsonList>, Failure> {
    let mut header_lines = String::new();
    for (name, value) in &request.headers {
        header_lines.extend([name, "\n", value.as_str(), "\n"]);
    }
    let pending = budget.host.send(fetch, this, &request.url, request.method.as_str(), &header_lines, request.body.as_deref());
    // host.js resolves every outcome and never rejects.
    let outcome: Attempt = JsFuture::from(pending).await.unwrap_or(JsValue::UNDEFINED).unchecked_into();
    let where_to = || request.url.split('?').next().unwrap_or_default();
    let network = |during: &str| {
        let cause = outcome.error();
        Failure {
            error: Error::new(
                ErrorCode::Network,
                format!("{} could not {during} {}: {}", action.name(), where_to(), echo(&describe_js_error(&cause))),
            ),
            cause: Some(cause),
        }
    };
    let status = || outcome.status().map(|status| status.clamp(0.0, 999.0) as u16);
    match outcome.kind() {
        attempt_kind::ANSWERED => {
            // The bytes as they came: an answer must be UTF-8 (the snippet of one that is not decodes like `text()`).
            let body = outcome.bytes().unwrap_or_else(|| outcome.text().unwrap_or_default().into_bytes());
            parse_answer_into(action, status().unwrap_or(0), &body).map_err(Failure::from)
        }
        attempt_kind::THREW => Err(network("send a request to")),
        attempt_kind::UNREACHED => Err(network("reach")),
        attempt_kind::NOT_A_RESPONSE => Err(Failure::from(Error::new(
            ErrorCode::BadResponse,
            format!("{}: fetch resolved with something that is not a Response", action.name()),
        ))),
        attempt_kind::UNREAD => {
            let mut failure = network("read the whole answer from");
            failure.error.status = status();
            Err(failure)
        }
        _ => Err(budget.stopped_failure().unwrap_or_else(|| {
            Failure::from(Error::new(ErrorCode::Aborted, format!("{} was stopped", action.name())))
        })),
    }
}

/// `message` of a JS error, with its `cause`'s message or code when it has one (undici hides the reason there).
fn describe_js_error(value: &JsValue) -> String {
    let field = |v: &JsValue, key: &str| Reflect::get(v, &JsValue::from_str(key)).ok().and_then(|x| x.as_string());
    let message = field(value, "message").or_else(|| value.as_string()).unwrap_or_else(|| "unknown error".to_owned());
    let cause = Reflect::get(value, &JsValue::from_str("cause")).unwrap_or(JsValue::UNDEFINED);
    match (cause.is_object()).then(|| field(&cause, "message").or_else(|| field(&cause, "code"))).flatten() {
        Some(detail) if !detail.is_empty() => format!("{message} ({detail})"),
        _ => message,
    }
}
