// IPv4 address blocks, for warning about an overlap before anything is sent: two VPCs whose blocks share an address
// cannot be peered (NCP refuses the request; connectVpcs refuses before any change). Pure (no DOM), so that Node can
// test it.

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * The first and last address of an IPv4 CIDR block (`10.0.0.0/16`) as unsigned 32-bit numbers, or null when `text`
 * is not one (an octet over 255, a prefix over 32, anything else).
 * @param {unknown} text
 * @returns {{first: number, last: number} | null}
 */
export function cidrRange(text) {
  const m = CIDR.exec(String(text ?? '').trim());
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return null;
  const address = octets.reduce((sum, o) => sum * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1 };
}

/**
 * Whether two IPv4 CIDR blocks share an address: true or false, or null when either is unknown or unreadable (an
 * overlap can then not be ruled out, nor claimed).
 */
export function cidrsOverlap(a, b) {
  const x = cidrRange(a);
  const y = cidrRange(b);
  if (!x || !y) return null;
  return x.first <= y.last && y.first <= x.last;
}
