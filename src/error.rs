//! The error model: one type, a stable `code` per phase, and the structured facts a caller branches on.
//!
//! Every message stands alone and names the input. No constructor takes a secret; every error leaves for JS through
//! [`Secrets::scrub`], which removes any secret that might still arrive inside a text the server sent, in any form it
//! could take there, and cuts each such text to [`ECHO_CHARS`] characters.

use crate::encode::{percent_encode_with, HEX_LOWER, HEX_UPPER};
use crate::model::Item;
use std::borrow::Cow;

/// The stable error codes JS callers branch on (`err.code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// An option failed validation; nothing was sent.
    InvalidOption,
    /// The API answered an error: a gateway `error`, a service `responseError`, or a non-zero `returnCode`.
    NcpApi,
    /// A non-2xx answer whose body is no NCP error (an HTML 502 page, say).
    Http,
    /// A 2xx answer whose body is not the expected answer (empty, truncated, wrong shape, binary).
    BadResponse,
    /// `fetch` rejected (connection refused, dropped, DNS, CORS).
    Network,
    /// `timeoutMs` elapsed.
    Timeout,
    /// The caller's `signal` aborted.
    Aborted,
    /// Waiting for `RUN` on a cross-account peering that the other account has not accepted yet.
    AwaitingAcceptance,
    /// A wait found no such peering (deleted or rejected) while waiting for a status.
    NotFound,
    /// A method of a client that was already freed (`free()` included).
    ClientFreed,
    /// A connection would overwrite what is there: a route to the other VPC through another target.
    Conflict,
}

impl ErrorCode {
    /// The code as JS sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidOption => "ERR_INVALID_OPTION",
            ErrorCode::NcpApi => "ERR_NCP_API",
            ErrorCode::Http => "ERR_HTTP",
            ErrorCode::BadResponse => "ERR_BAD_RESPONSE",
            ErrorCode::Network => "ERR_NETWORK",
            ErrorCode::Timeout => "ERR_TIMEOUT",
            ErrorCode::Aborted => "ERR_ABORTED",
            ErrorCode::AwaitingAcceptance => "ERR_AWAITING_ACCEPTANCE",
            ErrorCode::NotFound => "ERR_NOT_FOUND",
            ErrorCode::ClientFreed => "ERR_CLIENT_FREED",
            ErrorCode::Conflict => "ERR_CONFLICT",
        }
    }
}

/// How many characters of an unexpected body an error keeps.
pub const SNIPPET_CHARS: usize = 200;

/// How many characters of any one text the server sent (a message, details, a field of an instance) an error keeps.
pub const ECHO_CHARS: usize = 1_000;

/// How many characters a message keeps: room for three texts from the server and the words around them.
const MESSAGE_CHARS: usize = 4 * ECHO_CHARS;

/// `text` cut to `max` characters (Unicode code points, so neither a UTF-8 sequence nor a UTF-16 surrogate pair is
/// ever split), marked where cut with how many characters were dropped.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(cut_mark(&text[..at], text[at..].chars().count())),
    }
}

/// How a cut is marked: `… [cut: 5242880 more characters]`.
const CUT_MARK: &str = "… [cut: ";

/// `kept` followed by the mark of a cut that dropped `more` characters.
fn cut_mark(kept: &str, more: usize) -> String {
    format!("{kept}{CUT_MARK}{more} more characters]")
}

/// A text from the server, as a message may quote it: at most [`ECHO_CHARS`] characters.
pub fn echo(text: &str) -> Cow<'_, str> {
    cut(text, ECHO_CHARS)
}

/// The start of a body for `bodySnippet`: its first [`SNIPPET_CHARS`] characters as `text()` would decode them
/// (invalid UTF-8 as U+FFFD), marked if cut. Reads the body once and copies only what it keeps.
pub fn snippet(body: &[u8]) -> String {
    let mut kept = String::new();
    let mut count = 0;
    for chunk in body.utf8_chunks() {
        let replacement = (!chunk.invalid().is_empty()).then_some('\u{fffd}');
        for c in chunk.valid().chars().chain(replacement) {
            if count < SNIPPET_CHARS {
                kept.push(c);
            }
            count += 1;
        }
    }
    if count > SNIPPET_CHARS {
        kept = cut_mark(&kept, count - SNIPPET_CHARS);
    }
    kept
}

/// A failure of any phase, with the facts that phase knows.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    /// The stable code.
    pub code: ErrorCode,
    /// A message that stands alone and names the input.
    pub message: String,
    /// The option at fault (`ERR_INVALID_OPTION`).
    pub field: Option<String>,
    /// The HTTP status of the answer.
    pub status: Option<u16>,
    /// The gateway's `errorCode` or the service's `returnCode`.
    pub return_code: Option<String>,
    /// The gateway's `message` or the service's `returnMessage`.
    pub return_message: Option<String>,
    /// The gateway's `details`.
    pub details: Option<String>,
    /// The answer's `requestId`, when it had one.
    pub request_id: Option<String>,
    /// The first characters of a body that was not the expected answer.
    pub body_snippet: Option<String>,
    /// How many requests were sent before giving up (0 when nothing was sent).
    pub attempts: u32,
    /// The peering concerned (`ERR_AWAITING_ACCEPTANCE`).
    pub instance: Option<Box<Item>>,
    /// A connection's steps before it failed (`connectVpcs`, `disconnectVpcs`), as a JSON array.
    pub steps: Option<String>,
}

impl Error {
    /// An error with a code and message and no other facts.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Error {
        Error {
            code,
            message: message.into(),
            field: None,
            status: None,
            return_code: None,
            return_message: None,
            details: None,
            request_id: None,
            body_snippet: None,
            attempts: 0,
            instance: None,
            steps: None,
        }
    }

    /// `ERR_INVALID_OPTION` for `field`.
    pub fn invalid_option(field: &str, message: impl Into<String>) -> Error {
        Error { field: Some(field.to_owned()), ..Error::new(ErrorCode::InvalidOption, message) }
    }

    /// An error that carries the start of an unexpected body (see [`snippet`]).
    pub fn with_body(code: ErrorCode, status: u16, message: impl Into<String>, body: &[u8]) -> Error {
        Error { status: Some(status), body_snippet: Some(snippet(body)), ..Error::new(code, message) }
    }

    /// Every text property (not the message), then every text of the instance.
    fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        let own = [
            self.field.as_mut(),
            self.return_code.as_mut(),
            self.return_message.as_mut(),
            self.details.as_mut(),
            self.request_id.as_mut(),
            self.body_snippet.as_mut(),
        ];
        let instance = self.instance.as_deref_mut().map(Item::texts_mut);
        own.into_iter().flatten().chain(instance.into_iter().flatten())
    }
}

/// The shortest text treated as a secret: shorter ones are no real secret (NCP secret keys have 40 characters, a
/// signature 44) and would scrub innocent text.
const MIN_SECRET: usize = 8;
/// The shortest start of a secret that a cut may leave and that is still removed.
const MIN_PARTIAL: usize = 4;
const REDACTED: &str = "[redacted]";
/// How JSON escapes a secret's characters (the solidus optionally, as PHP's encoder does).
const JSON_ESCAPES: &[(char, &str)] = &[('"', "\\\""), ('\\', "\\\\"), ('/', "\\/")];
/// How HTML escapes them.
const HTML_ESCAPES: &[(char, &str)] = &[('&', "&amp;"), ('<', "&lt;"), ('>', "&gt;"), ('"', "&quot;"), ('\'', "&#39;")];

/// Every secret of a call (its secret key and each signature it sent) in every form a server could echo it in: as
/// is, JSON-escaped (with and without `\/`), percent-encoded (upper- and lower-case hex), HTML-escaped, and each run
/// of at least 8 letters and digits (which any other encoding leaves intact: base64url, say).
#[derive(Clone, Debug, Default)]
pub struct Secrets {
    forms: Vec<String>,
}

impl Secrets {
    /// Secrets holding `secret` alone.
    pub fn of(secret: &str) -> Secrets {
        let mut secrets = Secrets::default();
        secrets.add(secret);
        secrets
    }

    /// Adds `secret` (and its forms). Shorter than 8 bytes it is no secret and is ignored.
    pub fn add(&mut self, secret: &str) {
        if secret.len() < MIN_SECRET || self.forms.iter().any(|form| form == secret) {
            return;
        }
        let escaped = |table: &[(char, &str)]| {
            let mut out = String::with_capacity(secret.len() + 16);
            for c in secret.chars() {
                match table.iter().find(|(plain, _)| *plain == c) {
                    Some((_, escape)) => out.push_str(escape),
                    None => out.push(c),
                }
            }
            out
        };
        let json = escaped(&JSON_ESCAPES[..2]);
        let json_slash = escaped(JSON_ESCAPES);
        let html = escaped(HTML_ESCAPES);
        let runs = secret.split(|c: char| !c.is_ascii_alphanumeric()).map(str::to_owned);
        let forms = [secret.to_owned(), json, json_slash, percent_encode_with(secret, HEX_UPPER), percent_encode_with(secret, HEX_LOWER), html];
        // Longest first: a shorter form (a run) inside a longer one must not break the longer one's match. Each form
        // goes after every form at least as long (the order a stable sort by length would give), which spares the
        // wasm a sort routine (~2 KB of its gzip).
        for form in forms.into_iter().chain(runs) {
            if form.len() >= MIN_SECRET && !self.forms.contains(&form) {
                let at = self.forms.partition_point(|known| known.len() >= form.len());
                self.forms.insert(at, form);
            }
        }
    }

    /// The one way out for an error: every form of every secret is replaced by `[redacted]` in every text it carries
    /// (its instance's included), and each text the server could have filled is cut to [`ECHO_CHARS`] characters
    /// (the message, which quotes such texts already cut, to four times that). Scrubbing twice changes nothing.
    pub fn scrub(&self, error: &mut Error) {
        self.clean(&mut error.message, MESSAGE_CHARS);
        for text in error.texts_mut() {
            self.clean(text, ECHO_CHARS);
        }
        // The steps are JSON the caller will read whole: redacted, never cut.
        if let Some(steps) = error.steps.as_mut() {
            self.redact(steps);
        }
    }

    /// Redacts `text`, then cuts it to `max` characters. It is first cut to `max` plus the longest form's length, so
    /// that redaction reads a bounded text yet still sees whole any secret that crosses the final cut. A text this
    /// already cut is only redacted again.
    fn clean(&self, text: &mut String, max: usize) {
        let Some((at, _)) = text.char_indices().nth(max) else {
            self.redact(text);
            return;
        };
        if text[at..].starts_with(CUT_MARK) && text.ends_with(" more characters]") {
            self.redact(text);
            return;
        }
        let total = text.chars().count();
        let margin = self.forms.first().map_or(0, String::len);
        if let Some((end, _)) = text[at..].char_indices().nth(margin) {
            text.truncate(at + end);
        }
        let dropped = total - text.chars().count();
        self.redact(text);
        let (kept, more) = match text.char_indices().nth(max) {
            Some((at, _)) => (at, text[at..].chars().count() + dropped),
            None => (text.len(), dropped),
        };
        if more > 0 {
            *text = cut_mark(&text[..kept], more);
        }
    }

    /// Replaces every form by `[redacted]`; then, where a cut was made (`… [cut: `, or `"…` after a quoted value),
    /// removes a start of a form that the cut left just before it. Linear in the text for each form: a hostile text
    /// full of marks costs each form one look at the few characters before each mark.
    fn redact(&self, text: &mut String) {
        for form in &self.forms {
            if text.contains(form.as_str()) {
                *text = text.replace(form.as_str(), REDACTED);
            }
        }
        let longest = self.forms.first().map_or(0, String::len);
        let mut from = 0;
        while let Some(found) = text.get(from..).and_then(|rest| rest.find('…')) {
            let mark = from + found;
            from = mark + '…'.len_utf8();
            let quoted = text[..mark].ends_with('"');
            if !quoted && !text[mark..].starts_with(CUT_MARK) {
                continue;
            }
            let end = if quoted { mark - 1 } else { mark };
            let mut tail_start = end.saturating_sub(longest);
            while !text.is_char_boundary(tail_start) {
                tail_start += 1;
            }
            let tail = &text[tail_start..end];
            // The earliest place where the rest of the tail begins some form (at least MIN_PARTIAL long).
            let start = self
                .forms
                .iter()
                .filter_map(|form| {
                    let head = form.get(..MIN_PARTIAL)?;
                    tail.match_indices(head).map(|(at, _)| at).find(|&at| form.starts_with(&tail[at..]))
                })
                .min();
            if let Some(start) = start {
                text.replace_range(tail_start + start..end, REDACTED);
                from = tail_start + start + REDACTED.len() + (mark - end) + '…'.len_utf8();
            }
        }
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeName, Value};
    use crate::resource::PEERING;

    fn secrets(list: &[&str]) -> Secrets {
        let mut secrets = Secrets::default();
        for secret in list {
            secrets.add(secret);
        }
        secrets
    }

    #[test]
    fn scrub_redacts_every_text() {
        let mut err = Error::with_body(ErrorCode::Http, 502, "bad SECRETSECRET here, short", b"body SECRETSECRET body");
        err.details = Some("SECRETSECRETSECRETSECRET".into());
        let operation = Value::CodeName(CodeName { code: String::new(), code_name: "SECRETSECRET".into() });
        let instance = Item::new(&PEERING).with("vpcPeeringDescription", Value::Text("d SECRETSECRET".into()));
        err.instance = Some(Box::new(instance.with("vpcPeeringInstanceOperation", operation)));
        secrets(&["SECRETSECRET", "", "short"]).scrub(&mut err);
        assert_eq!(err.message, "bad [redacted] here, short");
        assert_eq!(err.body_snippet.as_deref(), Some("body [redacted] body"));
        assert_eq!(err.details.as_deref(), Some("[redacted][redacted]"));
        let instance = err.instance.unwrap();
        assert_eq!(instance.get("vpcPeeringDescription"), Some(&Value::Text("d [redacted]".into())));
        let operation = Value::CodeName(CodeName { code: String::new(), code_name: "[redacted]".into() });
        assert_eq!(instance.get("vpcPeeringInstanceOperation"), Some(&operation));
    }

    #[test]
    fn every_encoded_form_of_a_secret_is_redacted() {
        let secret = r#"ab"cd\ef/gh&ij<kl'mnop12345678"#;
        let all = secrets(&[secret, "4BrmPXS0msLgWTN/Y7BctBBNcyoqg+lrw0nk3YWr9uc="]);
        let echoes = [
            secret.to_owned(),
            serde_json::to_string(secret).unwrap(),
            secret.replace('\\', "\\\\").replace('"', "\\\"").replace('/', "\\/"),
            crate::encode::percent_encode(secret),
            crate::encode::percent_encode(secret).to_lowercase(),
            secret.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;").replace('\'', "&#39;"),
            "4BrmPXS0msLgWTN/Y7BctBBNcyoqg+lrw0nk3YWr9uc=".to_owned(),
            "4BrmPXS0msLgWTN\\/Y7BctBBNcyoqg+lrw0nk3YWr9uc=".to_owned(),
            "4BrmPXS0msLgWTN%2FY7BctBBNcyoqg%2Blrw0nk3YWr9uc%3D".to_owned(),
            "4BrmPXS0msLgWTN_Y7BctBBNcyoqg-lrw0nk3YWr9uc".to_owned(), // base64url
        ];
        for echo in echoes {
            let mut err = Error { details: Some(format!("<{echo}>")), ..Error::new(ErrorCode::NcpApi, format!("m {echo}")) };
            all.scrub(&mut err);
            for text in [&err.message, err.details.as_ref().unwrap()] {
                for piece in ["mnop12345678", "4BrmPXS0msLgWTN", "Y7BctBBNcyoqg", "lrw0nk3YWr9uc"] {
                    assert!(!text.contains(piece), "{echo} -> {text}");
                }
                assert!(text.contains(REDACTED), "{text}");
            }
        }
    }

    #[test]
    fn texts_are_cut_to_a_thousand_characters_never_inside_a_character() {
        let mut err = Error {
            return_message: Some("é".repeat(5_000)),
            details: Some("😀".repeat(1_001)),
            request_id: Some("x".repeat(1_000)),
            ..Error::new(ErrorCode::NcpApi, "m")
        };
        Secrets::default().scrub(&mut err);
        assert_eq!(err.return_message.unwrap(), format!("{}… [cut: 4000 more characters]", "é".repeat(1_000)));
        assert_eq!(err.details.unwrap(), format!("{}… [cut: 1 more characters]", "😀".repeat(1_000)));
        assert_eq!(err.request_id.unwrap(), "x".repeat(1_000), "not cut at exactly the limit");
        assert_eq!(echo(&"a".repeat(5_242_880 + ECHO_CHARS)), format!("{}… [cut: 5242880 more characters]", "a".repeat(1_000)));
    }

    #[test]
    fn a_secret_across_a_cut_is_still_removed() {
        let secret = "SECRETEXAMPLE000000000000000000000000000";
        let all = Secrets::of(secret);
        for before in [960, 980, 995, 999] {
            // In a property: redaction reads past the cut.
            let text = format!("{}{secret} tail", "x".repeat(before));
            let mut err = Error { details: Some(text.clone()), ..Error::new(ErrorCode::NcpApi, echo(&text)) };
            all.scrub(&mut err);
            for scrubbed in [&err.message, err.details.as_ref().unwrap()] {
                assert!(!scrubbed.contains(&secret[..MIN_PARTIAL]), "{before}: {scrubbed}");
            }
            assert!(err.message.contains(CUT_MARK), "{}", err.message);
        }
        // In a quoted option value, cut at 40 characters by validation.
        let mut err = Error::new(ErrorCode::InvalidOption, format!("x must be digits: got \"{}\"…", &secret[..30]));
        all.scrub(&mut err);
        assert_eq!(err.message, "x must be digits: got \"[redacted]\"…");
    }

    #[test]
    fn forged_cut_marks_cost_little_and_hide_nothing() {
        let secret = "SECRETEXAMPLE000000000000000000000000000";
        let mut all = Secrets::of(secret);
        for i in 0..64 {
            all.add(&format!("{i:02}rmPXS0msLgWTN/Y7BctBBNcyoqg+lrw0nk3YWr9uc="));
        }
        // A server text made of forged marks, then the secret across the real cut.
        let forged = "SECR… [cut: 1 more characters]".repeat(31);
        let text = format!("{forged}{}{secret}", "x".repeat(1000 - forged.chars().count() - 10));
        let mut err = Error::new(ErrorCode::NcpApi, format!("m: {}", echo(&text)));
        all.scrub(&mut err);
        assert!(!err.message.contains("SECRETEXAM"), "{}", err.message);
        assert!(err.message.ends_with("xxxxx[redacted]… [cut: 30 more characters]"), "{}", err.message);
    }

    #[test]
    fn scrubbing_twice_changes_nothing() {
        let all = Secrets::of("SECRETEXAMPLE000000000000000000000000000");
        let mut err = Error { details: Some(format!("{}SECRETEXAMPLE00000", "y".repeat(2_000))), ..Error::new(ErrorCode::NcpApi, "m") };
        all.scrub(&mut err);
        let once = err.clone();
        all.scrub(&mut err);
        assert_eq!(err, once);
    }

    #[test]
    fn the_snippet_is_cut_by_characters_and_decodes_like_text() {
        let body = "한".repeat(500);
        let snippet = snippet(body.as_bytes());
        assert_eq!(snippet, format!("{}… [cut: 300 more characters]", "한".repeat(SNIPPET_CHARS)));
        assert_eq!(super::snippet(b"ab\xffc"), "ab\u{fffd}c");
        assert_eq!(super::snippet(&[0xff; 300]), format!("{}… [cut: 100 more characters]", "\u{fffd}".repeat(200)));
    }
}
