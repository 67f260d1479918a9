//! Request building: a validated [`Call`] and a timestamp become the exact request to send.
//!
//! The path+query string is built once; that very string is signed and goes into the URL. GET carries every
//! parameter in the query; POST carries only `responseFormatType` there (so the signed target names the wire
//! format) and the rest in an `application/x-www-form-urlencoded` body encoded the same way.

use crate::encode::encode_pairs;
use crate::call::{Call, Method};
use crate::sign::sign;

/// The content type of a POST body.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// A request ready for `fetch`. `Debug` redacts the signature.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The absolute URL: origin, path prefix, `/vpc/v2/<action>` and the signed query.
    pub url: String,
    /// The path and query that were signed (`url` without the origin).
    pub request_target: String,
    /// Header name/value pairs: the three `x-ncp-*` headers, plus `content-type` for POST.
    pub headers: Vec<(&'static str, String)>,
    /// The form body of a POST.
    pub body: Option<String>,
}

impl SignedRequest {
    /// The signature sent (`x-ncp-apigw-signature-v2`), found by its header's name.
    pub fn signature(&self) -> Option<&str> {
        self.headers.iter().find(|(name, _)| *name == crate::sign::SIGNATURE_HEADER).map(|(_, value)| value.as_str())
    }
}

impl core::fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let headers: Vec<_> = self
            .headers
            .iter()
            .map(|(name, value)| (*name, if *name == crate::sign::SIGNATURE_HEADER { "** redacted **" } else { value }))
            .collect();
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// Splits the origin of `origin_and_prefix` from its path prefix: `("https://h:1", "/p")`.
fn split_origin(origin_and_prefix: &str) -> (&str, &str) {
    let after_scheme = origin_and_prefix.find("://").map_or(0, |i| i + 3);
    match origin_and_prefix[after_scheme..].find('/') {
        Some(slash) => origin_and_prefix.split_at(after_scheme + slash),
        None => (origin_and_prefix, ""),
    }
}

/// Builds and signs the request for `call` at `timestamp` (ms since the epoch).
pub fn build(call: &Call, timestamp: u64) -> SignedRequest {
    let (origin, prefix) = split_origin(&call.origin);
    let format = [("responseFormatType", call.format.as_str())];
    let params = call.params.iter().map(|(name, value)| (name.as_str(), value.as_str()));
    let (query, body) = match call.method {
        Method::Get => (encode_pairs(params.chain(format)), None),
        Method::Post => (encode_pairs(format), Some(encode_pairs(params))),
    };
    let request_target = format!("{prefix}/vpc/v2/{}?{query}", call.action.name());
    let mut headers: Vec<_> = sign(&call.credentials, call.method.as_str(), &request_target, timestamp).into();
    if body.is_some() {
        headers.push(("content-type", FORM_CONTENT_TYPE.to_owned()));
    }
    SignedRequest { method: call.method, url: format!("{origin}{request_target}"), request_target, headers, body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::options::{validate_call, OptionValue};

    const SECRET: &str = "SECRETEXAMPLE000000000000000000000000000";

    fn call(extra: &[(&str, &str)]) -> Call {
        let mut entries = vec![
            ("accessKey".to_owned(), OptionValue::String("AKIDEXAMPLE0000000".into())),
            ("secretKey".to_owned(), OptionValue::String(SECRET.into())),
        ];
        for (k, v) in extra {
            entries.push(((*k).to_owned(), OptionValue::String((*v).to_owned())));
        }
        validate_call(Action::Create, &entries).unwrap()
    }

    #[test]
    fn get_matches_the_documented_vector() {
        let c = call(&[("regionCode", "KR"), ("sourceVpcNo", "1234"), ("targetVpcNo", "5678"),
            ("vpcPeeringName", "test-peer"), ("responseFormatType", "json")]);
        let req = build(&c, 1_700_000_000_000);
        assert_eq!(
            req.url,
            "https://ncloud.apigw.ntruss.com/vpc/v2/createVpcPeeringInstance?regionCode=KR&sourceVpcNo=1234&targetVpcNo=5678&vpcPeeringName=test-peer&responseFormatType=json"
        );
        assert_eq!(req.headers[2].1, "4BrmPXS0msLgWTN/Y7BctBBNcyoqg+lrw0nk3YWr9uc=");
        assert_eq!(req.signature(), Some("4BrmPXS0msLgWTN/Y7BctBBNcyoqg+lrw0nk3YWr9uc="));
        assert_eq!(req.body, None);
        assert_eq!(req.headers.len(), 3);
    }

    #[test]
    fn post_signs_the_target_it_sends_and_puts_the_rest_in_the_body() {
        let c = call(&[("sourceVpcNo", "1234"), ("targetVpcNo", "5678"), ("method", "POST"), ("responseFormatType", "json"),
            ("vpcPeeringDescription", "a b&c")]);
        let req = build(&c, 1_700_000_000_000);
        assert_eq!(req.request_target, "/vpc/v2/createVpcPeeringInstance?responseFormatType=json");
        assert_eq!(req.headers[2].1, "e9YP/hiDqhqj2NC7CTAIp5/ZaojUhLSHZFQiQXxjuKY=");
        assert_eq!(req.body.as_deref(), Some("sourceVpcNo=1234&targetVpcNo=5678&vpcPeeringDescription=a%20b%26c"));
        assert_eq!(req.headers[3], ("content-type", FORM_CONTENT_TYPE.to_owned()));
        assert_eq!(req.signature(), Some("e9YP/hiDqhqj2NC7CTAIp5/ZaojUhLSHZFQiQXxjuKY="));
        let unsigned = SignedRequest { headers: vec![("content-type", FORM_CONTENT_TYPE.to_owned())], ..req };
        assert_eq!(unsigned.signature(), None);
    }

    #[test]
    fn reserved_and_korean_text_is_encoded_once_and_signed_as_sent() {
        let c = call(&[("sourceVpcNo", "1"), ("targetVpcNo", "2"), ("vpcPeeringDescription", "피어링 a&b=c+d/e?f#g%h"),
            ("responseFormatType", "xml")]);
        let req = build(&c, 1_700_000_000_000);
        // The same target and signature as the openssl vector in tests/vectors/signatures.tsv (line 4).
        assert_eq!(
            req.request_target,
            "/vpc/v2/createVpcPeeringInstance?sourceVpcNo=1&targetVpcNo=2&vpcPeeringDescription=%ED%94%BC%EC%96%B4%EB%A7%81%20a%26b%3Dc%2Bd%2Fe%3Ff%23g%25h&responseFormatType=xml"
        );
        assert_eq!(req.headers[2].1, "xXX9hmpBkR/UCZmo7fX13MX8KkYS2uJrHrJs3UAtA0Y=");
    }

    #[test]
    fn endpoint_prefix_is_part_of_the_signed_path() {
        let c = call(&[("sourceVpcNo", "1"), ("targetVpcNo", "2"), ("endpoint", "http://127.0.0.1:9/gw/")]);
        let req = build(&c, 1);
        assert_eq!(req.url, format!("http://127.0.0.1:9{}", req.request_target));
        assert!(req.request_target.starts_with("/gw/vpc/v2/createVpcPeeringInstance?"));
    }

    #[test]
    fn debug_redacts_the_signature() {
        let req = build(&call(&[("sourceVpcNo", "1"), ("targetVpcNo", "2")]), 1);
        let printed = format!("{req:?}");
        assert!(!printed.contains(&req.headers[2].1));
        assert!(!printed.contains(SECRET));
    }
}
