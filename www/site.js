/**
 * The console's static files, served with a strict Content-Security-Policy and a content type chosen by
 * extension (workerd's disk service answers application/octet-stream, which a module script may not have).
 *
 * The files come from `env.ASSETS`: Cloudflare's static-assets binding in production, a workerd disk service (or
 * the Node fallback's file reader) in `make demo`. Only files with a known extension are served; `/` is
 * `/index.html`; directories and anything else are 404.
 * @module site
 */

/**
 * The policy, one directive a line. `'wasm-unsafe-eval'` lets the page compile the package's .wasm and nothing
 * else; there is no inline script or style anywhere. `connect-src` allows the page's own origin (the forwarder)
 * and the three documented NCP gateways, which the console reaches only when the user picks a site explicitly.
 * `frame-ancestors` works only as a header; index.html repeats the rest in a meta tag.
 */
export const CSP_DIRECTIVES = Object.freeze([
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self' https://ncloud.apigw.ntruss.com https://ncloud.apigw.gov-ntruss.com https://fin-ncloud.apigw.fin-ntruss.com",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
]);

/** The Content-Security-Policy header value. */
export const CSP = CSP_DIRECTIVES.join('; ');

/** Headers on every page answer. */
export const SECURITY_HEADERS = Object.freeze({
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
});

/** Content types by extension: the only files served. */
export const CONTENT_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
});

/** Serves one static file for a GET or HEAD, or answers 404/405. */
export async function serveStatic(request, env) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(405, 'method not allowed', { allow: 'GET, HEAD' });
  }
  const url = new URL(request.url);
  const path = url.pathname === '/' ? '/index.html' : url.pathname;
  const dot = path.lastIndexOf('.');
  const type = dot > path.lastIndexOf('/') ? CONTENT_TYPES[path.slice(dot).toLowerCase()] : undefined;
  if (!type || path.includes('//') || path.includes('\\')) return plain(404, 'not found');
  if (!env?.ASSETS) return plain(500, 'no ASSETS binding: the console files are not configured');
  const file = await env.ASSETS.fetch(new Request(new URL(path, url.origin), { method: request.method }));
  if (file.status !== 200) {
    await file.body?.cancel();
    return plain(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : file.body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-cache' },
  });
}

/** A small plain-text answer carrying the security headers. */
export function plain(status, text, extra = {}) {
  return new Response(`${text}\n`, {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra },
  });
}
