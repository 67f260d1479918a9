//! Shared by the `tests/fuzz_*.rs` targets: the case count, the input counter each target prints, and byte
//! mutations. Included with `#[path = "fuzz/support.rs"] mod support;` (Cargo does not build `tests/fuzz/` on its own).
//!
//! The case count comes from `FUZZ_CASES` (then `PROPTEST_CASES`), default 256, so a plain `cargo test` runs each
//! target briefly; `scripts/fuzz.sh` sets it (`smoke`: a few thousand, `full`: 10^6 per target).

#![allow(dead_code)]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The number of generated cases per target.
pub fn cases() -> u32 {
    ["FUZZ_CASES", "PROPTEST_CASES"]
        .iter()
        .find_map(|name| std::env::var(name).ok())
        .and_then(|text| text.trim().replace('_', "").parse().ok())
        .unwrap_or(256)
}

/// The proptest configuration of every target: `cases()` cases, failures persisted beside the target's source
/// (`tests/fuzz_<name>.proptest-regressions`) so a crash found once is replayed first the next time.
pub fn config(source_file: &'static str) -> Config {
    Config {
        cases: cases(),
        source_file: Some(source_file),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        // A shrunk failing case is what becomes a named regression test: keep shrinking bounded but generous.
        max_shrink_iters: 10_000,
        ..Config::default()
    }
}

/// Runs one target: `cases()` inputs from `strategy` through `body`, which returns how many inputs it fed to the
/// code under test (a case may feed several: one per action, say). Prints the count reached, then fails on the
/// first (shrunk) failing case. A panic in `body` is caught by proptest and is a failure like any other.
pub fn run<S: Strategy>(source_file: &'static str, name: &'static str, strategy: S, body: impl Fn(S::Value) -> u64)
where
    S::Value: std::fmt::Debug,
{
    let counter = Counter::new(name);
    let mut runner = TestRunner::new(config(source_file));
    let result = runner.run(&strategy, |value| {
        counter.add(body(value));
        Ok(())
    });
    counter.report(result.is_ok());
    if let Err(failure) = result {
        panic!("fuzz target {name} failed: {failure}");
    }
}

/// Counts the inputs a target fed to the function under test, for `scripts/fuzz.sh` to report.
pub struct Counter {
    name: &'static str,
    inputs: AtomicU64,
    started: Instant,
}

impl Counter {
    pub fn new(name: &'static str) -> Counter {
        Counter { name, inputs: AtomicU64::new(0), started: Instant::now() }
    }

    pub fn add(&self, n: u64) {
        self.inputs.fetch_add(n, Ordering::Relaxed);
    }

    pub fn report(&self, passed: bool) {
        let inputs = self.inputs.load(Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64();
        // One line per target, parsed by scripts/fuzz.sh (which runs the tests with --nocapture).
        println!(
            "FUZZ-COUNT target={} cases={} inputs={inputs} seconds={secs:.1} result={}",
            self.name,
            cases(),
            if passed { "ok" } else { "FAILED" }
        );
    }
}

/// One edit of a byte string.
#[derive(Clone, Debug)]
pub enum Mutation {
    FlipBit { at: usize, bit: u8 },
    SetByte { at: usize, byte: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
    Duplicate { at: usize, len: usize, to: usize },
    Token { at: usize, token: &'static str },
}

/// Tokens that steer a mutation towards the parsers' interesting states.
pub const TOKENS: &[&str] = &[
    "<", ">", "</", "/>", "<?", "?>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE x>", "<!DOCTYPE x [<!ENTITY e \"v\">]>",
    "&", ";", "&amp;", "&lt;", "&#0;", "&#x0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&#x;", "&e;", "&nbsp;",
    "\"", "'", "=", "xmlns:a=\"u\"", "a:", "\u{feff}", "\0", "\u{fffd}", "\u{ffff}", "\u{10ffff}", "\r\n", "\t",
    "{", "}", "[", "]", ",", ":", "null", "true", "false", "-0", "1e999", "-1e-999", "18446744073709551616",
    "\"\\u0000\"", "\"\\ud800\"", "\"\\uDFFF\\uD800\"", "\\", "\"returnCode\"", "\"0\"", "0",
    "<returnCode>0</returnCode>", "<returnCode>", "</returnCode>", "<error>", "<responseError>", "<Message>",
    "\"error\":", "\"responseError\":", "\"vpcPeeringInstanceList\":", "<vpcPeeringInstanceList>",
    "<vpcPeeringInstance>", "</vpcPeeringInstance>", "totalRows", "4294967296", "-1",
];

fn clamp(at: usize, len: usize) -> usize {
    if len == 0 {
        0
    } else {
        at % (len + 1)
    }
}

/// Applies `mutations` in order; positions wrap around the current length, so every mutation applies.
pub fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len();
        match mutation {
            Mutation::FlipBit { at, bit } if len > 0 => bytes[at % len] ^= 1 << (bit % 8),
            Mutation::SetByte { at, byte } if len > 0 => bytes[at % len] = *byte,
            Mutation::Insert { at, bytes: new } => {
                let at = clamp(*at, len);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Delete { at, len: n } if len > 0 => {
                let at = at % len;
                let end = (at + n).min(len);
                bytes.drain(at..end);
            }
            Mutation::Truncate { at } => bytes.truncate(clamp(*at, len)),
            Mutation::Duplicate { at, len: n, to } if len > 0 => {
                let at = at % len;
                let end = (at + n).min(len);
                let slice = bytes[at..end].to_vec();
                let to = clamp(*to, len);
                bytes.splice(to..to, slice);
            }
            Mutation::Token { at, token } => {
                let at = clamp(*at, len);
                bytes.splice(at..at, token.bytes());
            }
            _ => {}
        }
    }
    bytes
}

/// A mutation, positions drawn large so that they wrap anywhere in the input.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        3 => (at, any::<u8>()).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        2 => (at, any::<u8>()).prop_map(|(at, byte)| Mutation::SetByte { at, byte }),
        2 => (at, prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (at, 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => at.prop_map(|at| Mutation::Truncate { at }),
        1 => (at, 1usize..128, any::<usize>()).prop_map(|(at, len, to)| Mutation::Duplicate { at, len, to }),
        4 => (at, prop::sample::select(TOKENS)).prop_map(|(at, token)| Mutation::Token { at, token }),
    ]
}

/// The answer fixtures of `tests/fixtures/` (every file but the README), read once.
pub fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/fixtures")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext != "md"))
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    out.sort();
    assert!(out.len() >= 10, "fixtures missing: {}", out.len());
    out
}

/// HTTP statuses worth trying: the documented ones, the edges of 2xx, and anything else.
pub fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        4 => prop::sample::select(&[200u16, 201, 204, 299, 300, 400, 401, 404, 413, 429, 500, 502, 503, 504][..]),
        1 => any::<u16>(),
    ]
}

/// Strings of `len` characters drawn from `alphabet`: an order of magnitude cheaper than a regex strategy, which
/// matters at 10^6 cases.
pub fn string_of(alphabet: &str, len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    prop::collection::vec(prop::sample::select(chars), len).prop_map(String::from_iter)
}

/// Strings of any `char` (every plane, controls included), `len` characters.
pub fn any_string(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), len).prop_map(String::from_iter)
}

/// Letters, digits and the punctuation the answers and options use.
pub const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:+/@_-";
