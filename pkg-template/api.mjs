// The package's API over one wasm instance: a named function per action and plan, a dry run per action,
// validateOptions, createClient and Client, all made from the one list the wasm's `actions()` gives (src/api.rs).
// No name is written by hand here: a new action in the table is a new export. Shared by every entry: browser.mjs,
// workerd.mjs and init.mjs through esm.mjs, Node through node.cjs (as api.cjs, the CommonJS twin scripts/build.sh
// makes of this file).

/** The name of an action's dry run: `createVpcPeeringInstance` → `buildCreateVpcPeeringInstanceRequest`. */
function dryRunName(action) {
  return `build${action[0].toUpperCase()}${action.slice(1)}Request`;
}

/** An NcloudVpcError of the JS layer's own: nothing was sent, so `attempts` is 0. */
function packageError(message, code) {
  const error = new Error(message);
  error.name = 'NcloudVpcError';
  return Object.assign(error, { code, attempts: 0 });
}

/** Defines `value` on `target` as a class would its method: writable, configurable, not enumerable. */
function define(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * A call's options over a client's configuration. As lenient as reading them is strict: options that are no plain
 * object, or whose getters or Proxy traps throw, go on as they are and the call reports them.
 */
function merged(config, options) {
  const out = Object.assign({}, config);
  let array;
  try {
    array = Array.isArray(options);
  } catch {
    array = undefined; // a revoked Proxy
  }
  if (typeof options === 'object' && options !== null && array === false) {
    try {
      return Object.assign(out, options);
    } catch {
      return options;
    }
  }
  return options === undefined ? out : options;
}

/**
 * The API over `glue` (the wasm-bindgen glue of one instance) for `table` (its `actions()`). Until `ready()` says the
 * instance exists, every function fails with ERR_NOT_INITIALIZED: a rejection for the calls, a throw for the rest.
 * @returns {Record<string, Function>} the package's exports, by name (scripts/exports.mjs writes the ES modules'
 *   export lists from these keys)
 */
export function surface(glue, table, ready = () => true) {
  const api = {};
  /** `fn` as the export `name` (a method of a literal, so that it bears the name), refusing to run before the
   *  instance exists. */
  const exported = (name, isAsync, fn) =>
    ({
      [name](...args) {
        if (ready()) return fn(...args);
        const error = packageError(`ncloud-vpc-wasm/init: call init() or initSync() before ${name}`, 'ERR_NOT_INITIALIZED');
        if (isAsync) return Promise.reject(error);
        throw error;
      },
    })[name];

  /** Each live client's configuration, out of sight of `util.inspect` and `JSON.stringify` (it holds the keys). */
  const configs = new WeakMap();
  /** A client made by `createClient`; each method is the function of its name with the client's configuration.
   *  Named by its key, as the methods are, so that the minified bundle (scripts/build.sh) keeps the name. */
  const { Client } = { Client: class {} };
  const freed = (name) =>
    packageError(`client.${name}(): this client was freed; create another with createClient()`, 'ERR_CLIENT_FREED');
  /** `client[name]`: `fn` with the call's options over the configuration; a freed client (or another `this`) fails. */
  const method = (name, isAsync, fn) =>
    define(
      Client.prototype,
      name,
      {
        [name](options) {
          const config = configs.get(this);
          if (config !== undefined) return fn(merged(config, options));
          if (isAsync) return Promise.reject(freed(name));
          throw freed(name);
        },
      }[name],
    );

  for (const { name, plan } of table) {
    const call = (options) => glue.call(name, options);
    api[name] = exported(name, true, call);
    method(name, true, call);
    if (!plan) {
      const dryRun = (options) => glue.buildRequest(name, options);
      api[dryRunName(name)] = exported(dryRunName(name), false, dryRun);
      method(dryRunName(name), false, dryRun);
    }
  }
  define(Client.prototype, 'free', {
    free() {
      if (!configs.delete(this)) throw freed('free');
    },
  }.free);
  if (typeof Symbol.dispose === 'symbol') define(Client.prototype, Symbol.dispose, Client.prototype.free);

  api.validateOptions = exported('validateOptions', false, (action, options) => glue.validateOptions(action, options));
  api.createClient = exported('createClient', false, (config) => {
    const copy = glue.clientConfig(config);
    const client = new Client();
    configs.set(client, copy);
    return client;
  });
  api.Client = Client;
  return api;
}
