//! The XML driver: quick-xml's streaming reader, each event told to the [`Builder`]. Linear: every byte is read
//! once, text is unescaped only inside a field the mapping reads, and nothing else is kept.

use super::{Builder, Problem, Scalar, MALFORMED_XML, MAX_DEPTH, TOO_DEEP};
use crate::model::Items;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

/// Reads `body` (trimmed, starting with `<`).
pub(super) fn read<L: Items>(body: &str, builder: &mut Builder<L>) -> Result<(), Problem> {
    let mut reader = Reader::from_str(body);
    let malformed = |builder: &Builder<L>| Problem::syntax(MALFORMED_XML, builder.reading());
    // Elements open in all, and how many of them are the content of an element the mapping skips.
    let mut depth = 0usize;
    let mut skipped = 0usize;
    let mut had_root = false;
    loop {
        let event = reader.read_event().map_err(|_| malformed(builder))?;
        match event {
            Event::Start(_) | Event::Empty(_) if depth == 0 && had_root => {
                return Err(Problem::plain("XML with more than one root element"));
            }
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Problem::plain(TOO_DEEP));
                }
                had_root = true;
                if skipped > 0 || !builder.open(local_name(&tag)?)? {
                    skipped += 1;
                }
            }
            Event::Empty(tag) => {
                had_root = true;
                if skipped == 0 && builder.open(local_name(&tag)?)? {
                    end(builder)?;
                }
            }
            Event::End(_) => {
                depth = depth.checked_sub(1).ok_or_else(|| malformed(builder))?;
                if skipped > 0 {
                    skipped -= 1;
                } else {
                    end(builder)?;
                }
            }
            Event::Text(text) => {
                // Unescaped even where skipped: an unknown entity anywhere makes the document malformed.
                let text = text.unescape().map_err(|_| Problem::syntax("XML with an unknown entity or bad character reference", builder.reading()))?;
                if skipped > 0 {
                } else if builder.in_leaf() {
                    gather(builder, &text)?;
                } else {
                    builder.blank_text(text.as_bytes())?;
                }
            }
            Event::CData(data) if skipped == 0 => {
                if builder.in_leaf() {
                    let data = core::str::from_utf8(&data).map_err(|_| malformed(builder))?;
                    gather(builder, data)?;
                } else {
                    builder.blank_text(&data)?;
                }
            }
            Event::Eof => break,
            // Declarations, comments, processing instructions, a DOCTYPE (never expanded), skipped content.
            _ => {}
        }
    }
    if depth != 0 || !had_root {
        return Err(if had_root { malformed(builder) } else { Problem::plain("XML without a root element") });
    }
    Ok(())
}

/// A leaf's text, gathered across text, CDATA and comments. XML 1.0 allows no control character but tab, newline
/// and carriage return, written or referenced (§2.2).
fn gather<L: Items>(builder: &mut Builder<L>, text: &str) -> Result<(), Problem> {
    if text.bytes().any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) {
        return Err(Problem::syntax("XML with a control character", builder.reading()));
    }
    builder.text.push_str(text);
    Ok(())
}

/// Ends the current node: a leaf takes the text gathered for it.
fn end<L: Items>(builder: &mut Builder<L>) -> Result<(), Problem> {
    if builder.in_leaf() {
        let text = core::mem::take(&mut builder.text);
        builder.value(Scalar::Text(Cow::Owned(text)))?;
    }
    builder.close();
    Ok(())
}

/// A tag's local name (no prefix).
fn local_name<'a>(tag: &'a BytesStart<'_>) -> Result<&'a str, Problem> {
    core::str::from_utf8(tag.local_name().into_inner()).map_err(|_| Problem::plain(MALFORMED_XML))
}
