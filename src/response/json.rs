//! The JSON driver: a small pull parser (RFC 8259) that tells the [`Builder`] each key and value as it reads them.
//! Iterative (an explicit stack, bounded by [`MAX_DEPTH`]), linear, and allocation-free but for a string the
//! mapping keeps that holds escapes. Hand-written because the parsers at hand either build a tree first (the memory
//! of issue 11) or give no way to say which field was wrong; `tests/fuzz_response.rs` checks it against serde_json.

use super::{Builder, Problem, Scalar, MALFORMED_JSON, MAX_DEPTH, TOO_DEEP};
use crate::model::Items;
use std::borrow::Cow;

/// An open object or array.
struct Frame {
    array: bool,
    /// Whether the builder follows its content (else it is skipped).
    known: bool,
    /// Whether the builder opened a node for this value, to close at its end.
    closes: bool,
    empty: bool,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

/// Reads `body` (trimmed, starting with `{`).
pub(super) fn read<L: Items>(body: &str, builder: &mut Builder<L>) -> Result<(), Problem> {
    let mut parser = Parser { text: body, pos: 0 };
    let result = walk(&mut parser, builder);
    // A syntax error names the field being read, if any: `"totalRows": 1e400` is "malformed … at totalRows".
    result.map_err(|problem| match problem {
        Some(problem) => problem,
        None => Problem::syntax(MALFORMED_JSON, builder.reading()),
    })
}

/// `Err(None)`: the text is not JSON.
fn walk<L: Items>(parser: &mut Parser<'_>, builder: &mut Builder<L>) -> Result<(), Option<Problem>> {
    let mut frames: Vec<Frame> = Vec::new();
    // The value about to be read: whether the builder follows it, and whether it opened a node for it.
    let (mut known, mut closes) = (true, false);
    loop {
        parser.skip_blanks();
        match parser.peek() {
            Some(open @ (b'{' | b'[')) => {
                if frames.len() >= MAX_DEPTH {
                    return Err(Some(Problem::plain(TOO_DEEP)));
                }
                parser.pos += 1;
                let array = open == b'[';
                if known {
                    builder.begin(array)?;
                }
                frames.push(Frame { array, known, closes, empty: true });
            }
            _ => {
                let value = parser.scalar(known)?;
                if let Some(value) = value {
                    builder.value(value)?;
                }
                if closes {
                    builder.close();
                }
            }
        }
        // After a value or an opening bracket: the next entry's place, closing what ends on the way.
        loop {
            let Some(frame) = frames.last_mut() else {
                parser.skip_blanks();
                return if parser.pos == parser.text.len() { Ok(()) } else { Err(None) };
            };
            parser.skip_blanks();
            let end = if frame.array { b']' } else { b'}' };
            if parser.peek() == Some(end) {
                parser.pos += 1;
                if frame.closes {
                    builder.close();
                }
                frames.pop();
                continue;
            }
            if !frame.empty {
                parser.expect(b',')?;
                parser.skip_blanks();
            }
            frame.empty = false;
            if frame.array {
                known = frame.known;
                if known {
                    builder.open_item();
                }
            } else {
                parser.expect(b'"')?;
                let key = parser.string(frame.known)?;
                parser.skip_blanks();
                parser.expect(b':')?;
                known = match key {
                    Some(key) => builder.open(&key)?,
                    None => false,
                };
            }
            closes = known;
            break;
        }
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Option<Problem>> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(None)
        }
    }

    /// A string, number, `true`, `false` or `null`; `None` when not `keep` (checked, not kept).
    fn scalar(&mut self, keep: bool) -> Result<Option<Scalar<'a>>, Option<Problem>> {
        let rest = &self.text.as_bytes()[self.pos..];
        for (word, value) in [("true", Scalar::Bool(true)), ("false", Scalar::Bool(false)), ("null", Scalar::Null)] {
            if rest.starts_with(word.as_bytes()) {
                self.pos += word.len();
                return Ok(keep.then_some(value));
            }
        }
        match rest.first() {
            Some(b'"') => {
                self.pos += 1;
                Ok(self.string(keep)?.map(Scalar::Text))
            }
            Some(b'-' | b'0'..=b'9') => {
                let number = self.number()?;
                Ok(keep.then_some(Scalar::Number(number)))
            }
            _ => Err(None),
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as written.
    fn number(&mut self) -> Result<&'a str, Option<Problem>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(None),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.some_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.some_digits()?;
        }
        Ok(&self.text[start..self.pos])
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), Option<Problem>> {
        let start = self.pos;
        self.digits();
        if self.pos == start {
            Err(None)
        } else {
            Ok(())
        }
    }

    /// The rest of a string whose opening quote was read: borrowed from the body when it holds no escape, else
    /// decoded into a string of the exact size needed at most. `None` when not `keep` (checked, not kept).
    fn string(&mut self, keep: bool) -> Result<Option<Cow<'a, str>>, Option<Problem>> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut escaped = false;
        // First pass: find the end, check there is no raw control character.
        loop {
            match bytes.get(self.pos) {
                None => return Err(None),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 2;
                }
                Some(0..=0x1f) => return Err(None),
                Some(_) => self.pos += 1,
            }
        }
        let raw = self.text.get(start..self.pos).ok_or(None)?;
        self.pos += 1;
        if !escaped {
            return Ok(keep.then_some(Cow::Borrowed(raw)));
        }
        let mut out = if keep { String::with_capacity(raw.len()) } else { String::new() };
        let mut rest = raw;
        while let Some(at) = rest.find('\\') {
            if keep {
                out.push_str(&rest[..at]);
            }
            let (c, after) = unescape(&rest[at + 1..]).ok_or(None)?;
            if keep {
                out.push(c);
            }
            rest = after;
        }
        if keep {
            out.push_str(rest);
        }
        Ok(keep.then_some(Cow::Owned(out)))
    }
}

/// The character an escape stands for (`text` starts after the backslash), and the text after it. A `\u` escape of
/// a UTF-16 surrogate must be a high one followed by a low one.
fn unescape(text: &str) -> Option<(char, &str)> {
    let simple = match text.as_bytes().first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(text.get(1..5)?)?;
            let rest = &text[5..];
            return match high {
                0xD800..=0xDBFF => {
                    let low = hex4(rest.strip_prefix("\\u")?.get(..4)?)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return None;
                    }
                    let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
                    Some((c, &rest[6..]))
                }
                _ => Some((char::from_u32(high)?, rest)),
            };
        }
        _ => return None,
    };
    Some((simple, &text[1..]))
}

fn hex4(text: &str) -> Option<u32> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(text, 16).ok()
}
