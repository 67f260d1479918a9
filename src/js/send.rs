//! Sending: the host's `fetch`, under the call's time budget and the caller's signal, with retries. The only Rust
//! code that performs I/O or reads the clock; each attempt's I/O itself runs in host.js.

use crate::action::Action;
use crate::error::{echo, Error, ErrorCode, Secrets};
use crate::model::{Answer, JsonList};
use crate::call::Call;
use crate::request::{build, SignedRequest};
use crate::response::parse_answer_keeping;
use crate::retry::{backoff_ms, is_retryable};
use super::task::{Pending, Wait};
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
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
    fn send(
        this: &HostBudget,
        fetch: &Function,
        this_arg: &JsValue,
        url: &str,
        method: &str,
        header_lines: &str,
        body: Option<&str>,
        max_bytes: u32,
    ) -> Pending;
    #[wasm_bindgen(method, js_class = "Budget")]
    fn sleep(this: &HostBudget, ms: f64) -> Pending;
    #[wasm_bindgen(method, js_class = "Budget")]
    fn dispose(this: &HostBudget);

    /// What one `Budget.send` gave: `{ kind, status, bytes, text, error, location, followed, size, source }` (the
    /// body as bytes or as text; a redirect's target; the size over the limit and where it was seen).
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
    #[wasm_bindgen(method, getter)]
    fn location(this: &Attempt) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn size(this: &Attempt) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn source(this: &Attempt) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn followed(this: &Attempt) -> Option<bool>;
}

/// `Attempt.kind`, as host.js numbers it.
mod attempt_kind {
    pub const ANSWERED: u8 = 0;
    pub const THREW: u8 = 1;
    pub const UNREACHED: u8 = 2;
    pub const NOT_A_RESPONSE: u8 = 3;
    pub const UNREAD: u8 = 4;
    pub const REDIRECTED: u8 = 6;
    pub const TOO_LARGE: u8 = 7;
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
    /// The option that set the deadline, for the message: `timeoutMs`, or `requestTimeoutMs` for one request of a plan.
    limit: &'static str,
    started_at: f64,
    signal: Option<AbortSignal>,
    host: HostBudget,
}

impl Budget {
    /// Starts the budget: `what` names the call in messages.
    pub fn start(what: &'static str, timeout_ms: Option<u32>, signal: Option<AbortSignal>) -> Budget {
        let host = HostBudget::new(timeout_ms.unwrap_or(0), signal.clone());
        Budget { what, timeout_ms, limit: "timeoutMs", started_at: js_sys::Date::now(), signal, host }
    }

    /// The budget of one request of a plan whose own budget is longer: `ms`, or less if the plan's ends first (then
    /// `None`: the plan's budget serves, and its deadline is the one its message names). The caller's signal stops both.
    pub fn for_request(&self, what: &'static str, ms: u32) -> Option<Budget> {
        if self.remaining_ms().is_some_and(|left| left <= f64::from(ms)) {
            return None;
        }
        let mut budget = Budget::start(what, Some(ms), self.signal.clone());
        budget.limit = "requestTimeoutMs";
        Some(budget)
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
                format!("{} timed out after {} ms ({})", self.what, self.timeout_ms.unwrap_or(0), self.limit),
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
        Wait(self.host.sleep(ms)).await;
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
    secret_keys: Vec<String>,
    signatures: Vec<(u64, String)>,
}

impl CallSecrets {
    /// Starts with the options' secret keys (whatever else is wrong with them).
    pub fn new(secret_keys: &[&str]) -> CallSecrets {
        CallSecrets { secret_keys: secret_keys.iter().map(|key| (*key).to_owned()).collect(), signatures: Vec::new() }
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
        for secret in self.secret_keys.iter().chain(self.signatures.iter().map(|(_, signature)| signature)) {
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
    if let Some(signature) = request.signature() {
        secrets.sent(signature, timestamp);
    }
    send(call, &request, fetch, this, budget).await
}

async fn send(call: &Call, request: &SignedRequest, fetch: &Function, this: &JsValue, budget: &Budget) -> Result<Answer<JsonList>, Failure> {
    let action = call.action;
    let mut header_lines = String::new();
    for (name, value) in &request.headers {
        header_lines.extend([name, "\n", value.as_str(), "\n"]);
    }
    let max_bytes = call.max_response_bytes;
    let pending =
        budget.host.send(fetch, this, &request.url, request.method.as_str(), &header_lines, request.body.as_deref(), max_bytes);
    // host.js settles every outcome as an Attempt and never fails.
    let outcome: Attempt = Wait(pending).await.unchecked_into();
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
            // host.js has counted bytes, or (for `text()`) UTF-16 units, which may be fewer: the exact count.
            if body.len() > max_bytes as usize {
                let detail = format!("it is {} bytes", body.len());
                return Err(too_large(action, where_to(), &detail, max_bytes, status()));
            }
            parse_answer_keeping(action, status().unwrap_or(0), &body, call.keep_items).map_err(Failure::from)
        }
        attempt_kind::REDIRECTED => Err(Failure::from(redirected(action, where_to(), &outcome))),
        attempt_kind::TOO_LARGE => {
            // Whole numbers below 2^53 (host.js counts them): printed as integers, no float formatting in the wasm.
            let size = outcome.size().unwrap_or(0.0).max(0.0) as u64;
            let detail = match outcome.source().as_deref() {
                Some("content-length") => format!("its Content-Length says {size} bytes, so it was not downloaded"),
                Some("stream") => format!("the download was cancelled at {size} bytes"),
                Some("text") => format!("it is {size} characters"),
                _ => format!("it is {size} bytes"),
            };
            Err(too_large(action, where_to(), &detail, max_bytes, status()))
        }
        attempt_kind::THREW => Err(network("send a request to")),
        attempt_kind::UNREACHED => Err(network("reach")),
        attempt_kind::NOT_A_RESPONSE => {
            let message = format!("{}: fetch resolved with something that is not a Response", action.name());
            let cause = outcome.error();
            Err(match cause.is_undefined() {
                true => Failure::from(Error::new(ErrorCode::BadResponse, message)),
                // A getter or Proxy trap of the Response threw while it was read.
                false => Failure {
                    error: Error::new(ErrorCode::BadResponse, format!("{message} (reading it threw: {})", describe_js_error(&cause))),
                    cause: Some(cause),
                },
            })
        }
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

/// The longest redirect target a message quotes (host.js gives its origin only).
const SHOWN_LOCATION_CHARS: usize = 200;

/// `ERR_HTTP` for a redirect: never followed, since the API never redirects and following would carry the signed
/// request (and a POST's body) to wherever the endpoint pointed.
fn redirected(action: Action, url: &str, outcome: &Attempt) -> Error {
    let name = action.name();
    let status = outcome.status().map(|status| status.clamp(0.0, 999.0) as u16);
    let message = match (status, outcome.followed() == Some(true)) {
        (Some(status), true) => format!(
            "{name}: fetch followed a redirect from {url} (its Response says `redirected`, status {status}); the API \
             never redirects, so the answer, from another location, was not accepted"
        ),
        (Some(status), false) => {
            let target = match outcome.location() {
                Some(location) if location.chars().count() > SHOWN_LOCATION_CHARS => {
                    format!("to {}…", location.chars().take(SHOWN_LOCATION_CHARS).collect::<String>())
                }
                Some(location) => format!("to {location}"),
                None => "to another location".to_owned(),
            };
            format!("{name}: {url} answered {status} (a redirect {target}); the API never redirects, so it was not followed")
        }
        // `redirect: 'manual'` in a browser: an opaque answer, status 0, target hidden.
        (None, _) => format!(
            "{name}: {url} answered a redirect (the browser hides its status and target); the API never redirects, so \
             it was not followed"
        ),
    };
    Error { status, ..Error::new(ErrorCode::Http, message) }
}

/// `ERR_BAD_RESPONSE` for an answer over `maxResponseBytes`; `detail` says how its size was seen.
fn too_large(action: Action, url: &str, detail: &str, max_bytes: u32, status: Option<u16>) -> Failure {
    let message = format!(
        "{}: the answer from {url} is larger than maxResponseBytes ({max_bytes} bytes): {detail} (raise \
         maxResponseBytes if such an answer is genuine)",
        action.name()
    );
    Failure::from(Error { status, ..Error::new(ErrorCode::BadResponse, message) })
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
