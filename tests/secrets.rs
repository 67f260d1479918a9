//! The secret key and the signature, seen from outside the crate: `Debug` of everything that holds them prints a
//! redaction, none of them has a `Display` that could print them, and `Secrets::scrub` scrubs both from every text
//! an error carries. (The unit tests in `src/sign.rs` and `src/request.rs` check the same from inside.)

use ncloud_vpc_wasm::action::Action;
use ncloud_vpc_wasm::error::{Error, ErrorCode, Secrets};
use ncloud_vpc_wasm::options::{validate_call, validate_wait, OptionValue};
use ncloud_vpc_wasm::request::{build, SignedRequest};
use ncloud_vpc_wasm::response::parse_answer;
use ncloud_vpc_wasm::sign::{Credentials, SIGNATURE_HEADER};

const ACCESS: &str = "AKIDEXAMPLE0000000";
const SECRET: &str = "SECRETEXAMPLE000000000000000000000000000";

fn entries(extra: &[(&str, &str)]) -> Vec<(String, OptionValue)> {
    let mut out = vec![
        ("accessKey".to_owned(), OptionValue::String(ACCESS.into())),
        ("secretKey".to_owned(), OptionValue::String(SECRET.into())),
    ];
    out.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), OptionValue::String((*v).to_owned()))));
    out
}

/// Whether `T` implements `Display`, decided at compile time (an inherent associated const wins over the trait's
/// blanket one only when its bound holds; the technique of the `impls` crate).
macro_rules! implements_display {
    ($t:ty) => {{
        #[allow(dead_code)]
        trait NotDisplay {
            const DISPLAY: bool = false;
        }
        impl<T: ?Sized> NotDisplay for T {}
        struct Probe<T: ?Sized>(core::marker::PhantomData<T>);
        #[allow(dead_code)]
        impl<T: ?Sized + core::fmt::Display> Probe<T> {
            const DISPLAY: bool = true;
        }
        <Probe<$t>>::DISPLAY
    }};
}

#[test]
fn credentials_debug_prints_a_redaction_and_there_is_no_display() {
    let creds = Credentials::new(ACCESS.into(), SECRET.into());
    for printed in [format!("{creds:?}"), format!("{creds:#?}")] {
        assert!(!printed.contains(SECRET), "{printed}");
        assert!(printed.contains("** redacted **"), "{printed}");
        assert!(printed.contains(ACCESS), "the access key is not a secret: it is sent in a header");
    }
    assert!(!implements_display!(Credentials), "a Display of Credentials could print the secret");
    assert!(implements_display!(Error), "the probe itself works");
}

#[test]
fn signed_request_debug_redacts_the_signature_and_there_is_no_display() {
    for method in ["GET", "POST"] {
        let call = validate_call(Action::Create, &entries(&[("sourceVpcNo", "1"), ("targetVpcNo", "2"), ("method", method)])).unwrap();
        let request = build(&call, 1_700_000_000_000);
        let signature = request.headers.iter().find(|(name, _)| *name == SIGNATURE_HEADER).unwrap().1.clone();
        assert_eq!(signature.len(), 44);
        for printed in [format!("{request:?}"), format!("{request:#?}"), format!("{call:?}"), format!("{call:#?}")] {
            assert!(!printed.contains(&signature), "{printed}");
            assert!(!printed.contains(SECRET), "{printed}");
        }
        assert!(format!("{request:?}").contains("** redacted **"));
    }
    assert!(!implements_display!(SignedRequest));
    assert!(!implements_display!(ncloud_vpc_wasm::call::Call));
}

#[test]
fn wait_plan_debug_holds_no_secret() {
    let plan = validate_wait(&entries(&[("vpcPeeringInstanceNo", "7")])).unwrap();
    assert!(!format!("{plan:?}").contains(SECRET));
}

#[test]
fn validation_errors_never_echo_a_key() {
    // A key with a space is refused; the message names the field, never the value.
    let bad = format!("{SECRET} x");
    let mut opts = entries(&[("sourceVpcNo", "1"), ("targetVpcNo", "2")]);
    opts[1].1 = OptionValue::String(bad.clone());
    let errors = validate_call(Action::Create, &opts).unwrap_err();
    for error in &errors {
        assert!(!error.message.contains(SECRET) && !format!("{error:?}").contains(SECRET) && !error.to_string().contains(SECRET));
    }
    assert_eq!(errors[0].field.as_deref(), Some("secretKey"));
}

#[test]
fn an_answer_echoing_the_secret_or_signature_is_scrubbed() {
    let call = validate_call(Action::Create, &entries(&[("sourceVpcNo", "1"), ("targetVpcNo", "2")])).unwrap();
    let request = build(&call, 1);
    let signature = request.headers[2].1.clone();
    // A hostile or buggy server echoing both back, in every field an error keeps.
    let echo = format!("{SECRET}|{signature}");
    let bodies = [
        (401, format!(r#"{{"error":{{"errorCode":"{echo}","message":"{echo}","details":"{echo}"}}}}"#)),
        (400, format!(r#"{{"responseError":{{"returnCode":"{echo}","returnMessage":"{echo}","requestId":"{echo}"}}}}"#)),
        (502, format!("<html>{echo}</html>")),
        (200, format!("garbage {echo}")),
        (200, format!(
            "<createVpcPeeringInstanceResponse><requestId>{echo}</requestId><returnCode>{echo}</returnCode><returnMessage>{echo}</returnMessage></createVpcPeeringInstanceResponse>"
        )),
    ];
    let mut secrets = Secrets::of(call.credentials.secret_key());
    secrets.add(&signature);
    for (status, body) in bodies {
        let mut error = parse_answer(Action::Create, status, &body).unwrap_err();
        secrets.scrub(&mut error);
        let texts = format!("{error:?} {error}");
        assert!(!texts.contains(SECRET), "{texts}");
        assert!(!texts.contains(&signature), "{texts}");
        assert!(texts.contains("[redacted]"));
    }
    let mut error = Error::new(ErrorCode::Network, format!("could not reach: {SECRET}"));
    Secrets::of(SECRET).scrub(&mut error);
    assert_eq!(error.to_string(), "ERR_NETWORK: could not reach: [redacted]");
}
