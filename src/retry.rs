//! The retry policy: which failures are worth another attempt, and how long to wait before it.
//!
//! Retryable: HTTP 429 (gateway codes 400/410/420), 503/504 (500/510), the service's returnCode `1000` ("try
//! again later") and network errors. Backoff is exponential with full jitter
//! (<https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/>). Only read-only actions retry by
//! default: a retried create can make a second peering, since NCP has no idempotency token.

use crate::error::{Error, ErrorCode};

/// The first backoff's upper bound.
pub const BASE_DELAY_MS: f64 = 200.0;
/// No backoff waits longer than this.
pub const MAX_DELAY_MS: f64 = 5_000.0;

/// Whether another attempt may succeed where this one failed.
pub fn is_retryable(error: &Error) -> bool {
    match error.code {
        ErrorCode::Network => true,
        // The gateway's busy codes (400/410/420, 500/510) always come with these statuses.
        ErrorCode::NcpApi | ErrorCode::Http => {
            matches!(error.status, Some(429 | 503 | 504)) || error.return_code.as_deref() == Some("1000")
        }
        _ => false,
    }
}

/// The wait before retry number `retry` (0-based): a uniform draw, by `random` in [0, 1), from
/// 0 to min(cap, base·2^retry).
pub fn backoff_ms(retry: u32, random: f64) -> f64 {
    let ceiling = (BASE_DELAY_MS * 2f64.powi(retry.min(30) as i32)).min(MAX_DELAY_MS);
    ceiling * random.clamp(0.0, 1.0)
}

/// The delay before poll number `poll` (0-based) of a wait: `first`, then growing by half each time up to `cap`.
pub fn poll_delay_ms(poll: u32, first: u32, cap: u32) -> f64 {
    (f64::from(first) * 1.5f64.powi(poll.min(60) as i32)).min(f64::from(cap.max(first)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: &str) -> Error {
        Error { status: Some(status), return_code: Some(code.into()), ..Error::new(ErrorCode::NcpApi, "m") }
    }

    #[test]
    fn what_retries() {
        assert!(is_retryable(&Error::new(ErrorCode::Network, "m")));
        assert!(is_retryable(&api(429, "420")));
        assert!(is_retryable(&api(503, "500")));
        assert!(is_retryable(&api(504, "510")));
        assert!(is_retryable(&api(500, "1000")));
        assert!(is_retryable(&api(200, "1000")));
        assert!(is_retryable(&Error { status: Some(503), ..Error::new(ErrorCode::Http, "m") }));
        assert!(!is_retryable(&api(401, "200")));
        assert!(!is_retryable(&api(400, "1007009")));
        assert!(!is_retryable(&api(500, "900")));
        assert!(!is_retryable(&Error { status: Some(502), ..Error::new(ErrorCode::Http, "m") }));
        for code in [ErrorCode::Timeout, ErrorCode::Aborted, ErrorCode::BadResponse, ErrorCode::InvalidOption] {
            assert!(!is_retryable(&Error::new(code, "m")));
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_ms(0, 1.0), 200.0);
        assert_eq!(backoff_ms(3, 1.0), 1600.0);
        assert_eq!(backoff_ms(10, 1.0), MAX_DELAY_MS);
        assert_eq!(backoff_ms(u32::MAX, 0.5), MAX_DELAY_MS / 2.0);
        assert_eq!(backoff_ms(2, 0.0), 0.0);
        assert_eq!(backoff_ms(2, f64::NAN.max(0.25)), 200.0);
    }

    #[test]
    fn polls_back_off_to_the_cap() {
        assert_eq!(poll_delay_ms(0, 2000, 15000), 2000.0);
        assert_eq!(poll_delay_ms(1, 2000, 15000), 3000.0);
        assert_eq!(poll_delay_ms(20, 2000, 15000), 15000.0);
        assert_eq!(poll_delay_ms(u32::MAX, 50, 10), 50.0);
    }
}
