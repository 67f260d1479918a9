//! The error model: one type, a stable `code` per phase, and the structured facts a caller branches on.
//!
//! Every message stands alone and names the input. No constructor takes a secret; [`Error::redact`] removes any
//! secret that might still arrive inside text the server sent (belt and braces).

use crate::model::VpcPeeringInstance;

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
        }
    }
}

/// How many characters of an unexpected body an error keeps.
pub const SNIPPET_CHARS: usize = 200;

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
    pub instance: Option<Box<VpcPeeringInstance>>,
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
        }
    }

    /// `ERR_INVALID_OPTION` for `field`.
    pub fn invalid_option(field: &str, message: impl Into<String>) -> Error {
        Error { field: Some(field.to_owned()), ..Error::new(ErrorCode::InvalidOption, message) }
    }

    /// An error that carries the first [`SNIPPET_CHARS`] characters of an unexpected body.
    pub fn with_body(code: ErrorCode, status: u16, message: impl Into<String>, body: &str) -> Error {
        Error {
            status: Some(status),
            body_snippet: Some(body.chars().take(SNIPPET_CHARS).collect()),
            ..Error::new(code, message)
        }
    }

    /// Removes every occurrence of each secret from every text the error carries.
    ///
    /// Our own messages never contain one; this guards against a server or a JS error echoing one back.
    pub fn redact(&mut self, secrets: &[&str]) {
        let texts = [
            Some(&mut self.message),
            self.field.as_mut(),
            self.return_code.as_mut(),
            self.return_message.as_mut(),
            self.details.as_mut(),
            self.request_id.as_mut(),
            self.body_snippet.as_mut(),
        ];
        for text in texts.into_iter().flatten() {
            // Shorter strings are no real secret (NCP secret keys have 40 characters) and would scrub innocent text.
            for secret in secrets.iter().filter(|s| s.len() >= 8) {
                if text.contains(secret) {
                    *text = text.replace(secret, "[redacted]");
                }
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

    #[test]
    fn redact_scrubs_every_text() {
        let mut err = Error::with_body(ErrorCode::Http, 502, "bad SECRETSECRET here, short", "body SECRETSECRET body");
        err.details = Some("SECRETSECRETSECRETSECRET".into());
        err.redact(&["SECRETSECRET", "", "short"]);
        assert_eq!(err.message, "bad [redacted] here, short");
        assert_eq!(err.body_snippet.as_deref(), Some("body [redacted] body"));
        assert_eq!(err.details.as_deref(), Some("[redacted][redacted]"));
    }

    #[test]
    fn snippet_is_cut_by_characters_not_bytes() {
        let body = "한".repeat(500);
        let err = Error::with_body(ErrorCode::Http, 502, "m", &body);
        assert_eq!(err.body_snippet.unwrap().chars().count(), SNIPPET_CHARS);
    }
}
