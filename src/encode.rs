//! Strict percent-encoding (RFC 3986): unreserved characters stay, everything else becomes `%XX` of its UTF-8
//! bytes, space included (`%20`). No URL parser (WHATWG `URL`, `fetch`) rewrites such a string, so the query that
//! was signed is the query that arrives.

/// Whether RFC 3986 §2.3 leaves this byte as it is.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Upper-case hex digits, as this crate encodes.
pub const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
/// Lower-case hex digits, as some servers echo.
pub const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// Appends `text`, percent-encoded, to `out`.
pub fn percent_encode_into(text: &str, out: &mut String) {
    encode_into(text, out, HEX_UPPER);
}

/// `text`, percent-encoded with these hex digits (the secrets' redaction looks for both cases).
pub fn percent_encode_with(text: &str, hex: &[u8; 16]) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(text, &mut out, hex);
    out
}

fn encode_into(text: &str, out: &mut String, hex: &[u8; 16]) {
    for &byte in text.as_bytes() {
        if is_unreserved(byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(hex[usize::from(byte >> 4)]));
            out.push(char::from(hex[usize::from(byte & 0x0f)]));
        }
    }
}

/// `text`, percent-encoded.
pub fn percent_encode(text: &str) -> String {
    percent_encode_with(text, HEX_UPPER)
}

/// `name=value&name=value…` in the given order, names and values percent-encoded.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        percent_encode_into(name, &mut out);
        out.push('=');
        percent_encode_into(value, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_stay() {
        let text = "AZaz09-._~";
        assert_eq!(percent_encode(text), text);
    }

    #[test]
    fn reserved_space_and_percent_are_escaped() {
        assert_eq!(percent_encode("a b&c=d+e/f?g#h%i"), "a%20b%26c%3Dd%2Be%2Ff%3Fg%23h%25i");
        assert_eq!(percent_encode("!*'();:@$,[]"), "%21%2A%27%28%29%3B%3A%40%24%2C%5B%5D");
    }

    #[test]
    fn non_ascii_is_escaped_as_utf8_bytes() {
        // Independent check: python3 -c "import urllib.parse;print(urllib.parse.quote('피어링 설명', safe=''))"
        assert_eq!(percent_encode("피어링 설명"), "%ED%94%BC%EC%96%B4%EB%A7%81%20%EC%84%A4%EB%AA%85");
        assert_eq!(percent_encode("\u{1F600}\n"), "%F0%9F%98%80%0A");
    }

    #[test]
    fn pairs_keep_their_order() {
        assert_eq!(encode_pairs([("b", "2"), ("a", "1 1"), ("list.1", "x")]), "b=2&a=1%201&list.1=x");
        assert_eq!(encode_pairs([]), "");
    }
}
