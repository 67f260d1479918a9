/**
 * Routes one request of the console's origin:
 *   /vpc/...            -> forward() (forward.js): the signed request, untouched, to NCLOUD_API_GW
 *   /__demo/accounts    -> the emulator's demo accounts, only when DEMO_ACCOUNTS is configured (`make demo`)
 *   anything else       -> the static files (site.js), with the Content-Security-Policy
 *
 * Environment: NCLOUD_API_GW (gateway origin, default the public one), ASSETS (the files), DEMO_ACCOUNTS
 * (optional, demo only: JSON `{ gateway, accounts: [{name, loginId, accessKey, secretKey, vpcs}] }`). No key is
 * ever held here: the demo accounts are the emulator's throwaway keys, configured only by scripts/demo.mjs.
 * @module router
 */
import { forward, isApiPath } from './forward.js';
import { serveStatic, plain } from './site.js';

/** The path the console reads the demo accounts from. */
export const DEMO_ACCOUNTS_PATH = '/__demo/accounts';

/**
 * Answers one request. `fetchImpl` reaches the gateway (default: the global fetch). The Worker (worker.js) and the
 * Node fallback of `make demo` both call this function.
 */
export async function handle(request, env, fetchImpl = globalThis.fetch) {
  let pathname;
  try {
    ({ pathname } = new URL(request.url));
  } catch {
    return plain(400, 'bad request target');
  }
  if (isApiPath(pathname)) return forward(request, env, fetchImpl);
  if (pathname === DEMO_ACCOUNTS_PATH) return demoAccounts(request, env);
  return serveStatic(request, env);
}

function demoAccounts(request, env) {
  const raw = env?.DEMO_ACCOUNTS;
  if (raw === undefined || raw === null || raw === '') return plain(404, 'not found');
  if (request.method !== 'GET') return plain(405, 'method not allowed', { allow: 'GET' });
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return new Response(text, {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}
