//! Addresses as a URL parser keeps them: the `endpoint` option's URL, its host, IPv4 and IPv6 addresses. Written
//! out because std's address parsers cost the wasm 3.7 KB; checked against std's by a property test.

/// `endpoint`: the origin and path prefix to call, lowercased where a URL parser would, or why it can never work.
pub(super) fn check_endpoint(text: &str) -> Result<String, &'static str> {
    let lower = text.to_ascii_lowercase();
    let rest_at = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return Err("must be an absolute http:// or https:// URL");
    };
    let rest = &text[rest_at..];
    if text.contains(['?', '#']) {
        return Err("must not have a query or fragment");
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    check_authority(authority)?;
    let path = path.trim_end_matches('/');
    let path_ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/');
    if !path.chars().all(path_ok) {
        return Err("path prefix may hold only letters, digits, '-', '.', '_', '~' and '/'");
    }
    if path.split('/').skip(1).any(|segment| matches!(segment, "" | "." | "..")) {
        return Err("path prefix must not have empty, '.' or '..' segments");
    }
    Ok(format!("{}{}{}", &lower[..rest_at], authority.to_ascii_lowercase(), path))
}

/// `host[:port]`: a name, an IPv4 address or a bracketed IPv6 address, each as a URL parser keeps it unchanged (it
/// would rewrite `127.1` or refuse `1.2.3.999`, so `fetch` could only fail or go elsewhere), and a port of 1–65535.
fn check_authority(authority: &str) -> Result<(), &'static str> {
    if authority.contains('@') {
        return Err("must not hold a user name or password (user:password@)");
    }
    let port = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (address, after) = bracketed.split_once(']').ok_or("must close its IPv6 address with ']'")?;
            if !is_ipv6(address) {
                return Err("must have a well-formed IPv6 address in brackets");
            }
            match after {
                "" => None,
                after => Some(after.strip_prefix(':').ok_or("must have only a port after its IPv6 address")?),
            }
        }
        None => {
            let (host, port) = match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            };
            check_host(host)?;
            port
        }
    };
    if let Some(port) = port {
        let well_formed = !port.is_empty() && port.len() <= 5 && !port.starts_with('0') && port.bytes().all(|b| b.is_ascii_digit());
        if !well_formed || port.parse::<u32>().map_or(true, |n| n > 65_535) {
            return Err("must have a port from 1 to 65535");
        }
    }
    Ok(())
}

/// A host name or an IPv4 address (see [`check_authority`]).
fn check_host(host: &str) -> Result<(), &'static str> {
    if host.is_empty() {
        return Err("must have a host");
    }
    if !host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err("must have a host of ASCII letters, digits, '.', '-' and '_' (an international name in its xn-- form)");
    }
    let labels = host.strip_suffix('.').unwrap_or(host);
    if labels.split('.').any(str::is_empty) {
        return Err("must not have an empty label in its host");
    }
    // A URL parser reads a host whose last label is numeric as an IPv4 address.
    let last = labels.rsplit('.').next().unwrap_or_default();
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || last.get(..2).is_some_and(|x| x.eq_ignore_ascii_case("0x"));
    if numeric && !is_ipv4(labels) {
        return Err("must have a well-formed IPv4 address (four numbers from 0 to 255)");
    }
    Ok(())
}

/// A dotted quad as a URL parser keeps it: four decimal numbers from 0 to 255, without leading zeros.
pub(super) fn is_ipv4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|part| {
            let digits = !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit());
            digits && (part.len() == 1 || !part.starts_with('0')) && part.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// An IPv6 address in RFC 4291's text form: eight groups of 1–4 hex digits, or fewer around one `::`, the last two
/// groups possibly a dotted quad.
pub(super) fn is_ipv6(text: &str) -> bool {
    // The groups of `part`, `None` if one is malformed; a dotted quad counts two, and only last.
    let groups = |part: &str, quad_allowed: bool| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let pieces: Vec<&str> = part.split(':').collect();
        let mut count = 0;
        for (i, piece) in pieces.iter().enumerate() {
            if (1..=4).contains(&piece.len()) && piece.bytes().all(|b| b.is_ascii_hexdigit()) {
                count += 1;
            } else if quad_allowed && i + 1 == pieces.len() && is_ipv4(piece) {
                count += 2;
            } else {
                return None;
            }
        }
        Some(count)
    };
    match text.split_once("::") {
        Some((head, tail)) if !tail.contains("::") => {
            matches!((groups(head, false), groups(tail, true)), (Some(h), Some(t)) if h + t <= 7)
        }
        Some(_) => false,
        None => groups(text, true) == Some(8),
    }
}

/// The address and prefix length of an IPv4 CIDR block written as [`check_cidr`] takes it (host bits allowed here),
/// `None` if it is not one.
pub fn read_cidr(text: &str) -> Option<(u32, u32)> {
    let (address, length) = text.split_once('/')?;
    let digit = |b: u8| u32::from(b.wrapping_sub(b'0'));
    let bits = match *length.as_bytes() {
        [d] if d.is_ascii_digit() => digit(d),
        [t, d] if (b'1'..=b'3').contains(&t) && d.is_ascii_digit() => digit(t) * 10 + digit(d),
        _ => return None,
    };
    if bits > 32 || !is_ipv4(address) {
        return None;
    }
    Some((address.split('.').fold(0u32, |value, part| value << 8 | part.bytes().fold(0, |n, b| n * 10 + digit(b))), bits))
}

/// Whether two IPv4 CIDR blocks (as [`read_cidr`] gives them) share an address: one holds the other's network.
pub fn cidrs_overlap((a, a_bits): (u32, u32), (b, b_bits): (u32, u32)) -> bool {
    let mask = u32::MAX.checked_shl(32 - a_bits.min(b_bits)).unwrap_or(0);
    a & mask == b & mask
}

/// An IPv4 CIDR block as NCP's examples write it (`10.0.0.0/16`): a dotted quad as [`is_ipv4`] reads it, `/`, and a
/// prefix length from 0 to 32 without leading zeros, with no host bits set, so that the block sent is the block
/// meant. `Err` says what is wrong, after the field's name: for host bits set, the network address it may mean.
pub(super) fn check_cidr(text: &str) -> Result<(), String> {
    let (value, bits) = read_cidr(text).ok_or_else(|| "must be an IPv4 CIDR block such as 10.0.0.0/16".to_owned())?;
    let host = u32::MAX.checked_shr(bits).unwrap_or(0);
    if value & host == 0 {
        return Ok(());
    }
    let [a, b, c, d] = (value & !host).to_be_bytes();
    Err(format!("must be written as its network address, {a}.{b}.{c}.{d}/{bits}"))
}
