/**
 * The console's Cloudflare Worker (wrangler.toml): serves the static page and forwards `/vpc/v2/<action>` to the
 * one gateway in NCLOUD_API_GW. Routing is in router.js, the forwarder in forward.js, the files and their
 * Content-Security-Policy in site.js. This module exports only the handler, as workerd requires of a main module.
 */
import { handle } from './router.js';

export default {
  fetch(request, env) {
    return handle(request, env);
  },
};
