//! The floor `make bench` compares the package with (bench/run.mjs): a wasm-bindgen module that does nothing of
//! ours (bare), or only the core of the same job with the same crates (`--features job`), with no validation, no
//! error model, no retries, no plans, no JS boundary beyond strings.

use wasm_bindgen::prelude::*;

/// The package's allocator.
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The bare floor's one call: a string in, a string out.
#[cfg(not(feature = "job"))]
#[wasm_bindgen]
pub fn echo(text: &str) -> String {
    text.to_owned()
}

/// The job's signing: base64(HMAC-SHA256(secret, text)), as signature v2 signs its string.
#[cfg(feature = "job")]
#[wasm_bindgen]
pub fn sign(secret: &str, text: &str) -> String {
    use base64::Engine;
    use hmac::Mac;
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) else { return String::new() };
    mac.update(text.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The job's reading: the leaf elements (blank text aside) of every `vpcPeeringInstance` of an XML answer, as a JSON
/// list of objects of strings, written by hand; an empty list if the XML is malformed.
#[cfg(feature = "job")]
#[wasm_bindgen]
pub fn parse(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut out, mut open, mut leaf, mut depth) = (String::from("["), false, String::new(), 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) if tag.local_name().as_ref() == b"vpcPeeringInstance" => {
                out.push_str(if open { ",{" } else { "{" });
                open = true;
                depth = 1;
            }
            Ok(Event::Start(tag)) if depth > 0 => {
                depth += 1;
                leaf = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
            }
            Ok(Event::Text(text)) if depth >= 2 => {
                let value = text.unescape().unwrap_or_default();
                if value.trim().is_empty() {
                    continue;
                }
                if !out.ends_with('{') {
                    out.push(',');
                }
                for (i, part) in [leaf.as_str(), &value].into_iter().enumerate() {
                    out.push('"');
                    for c in part.chars() {
                        match c {
                            '"' | '\\' => out.extend(['\\', c]),
                            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                            c => out.push(c),
                        }
                    }
                    out.push_str(if i == 0 { "\":" } else { "\"" });
                }
            }
            Ok(Event::End(_)) if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push('}');
                }
            }
            Ok(Event::Eof) => break,
            Err(_) => return "[]".to_owned(),
            _ => {}
        }
    }
    out.push(']');
    out
}
