// Runs a Worker in the real workerd (the npm `workerd` package), bundled the way `wrangler deploy` bundles it:
// esbuild with the conditions ["workerd", "worker", "browser"], target es2022, and every `*.wasm` import kept out of
// the bundle as its own module of type CompiledWasm, named `<sha1>-<basename>` (wrangler's module collector).
// Used by tests/workerd/run.mjs and tests/examples/run.mjs.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import workerdPackage from 'workerd';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** wrangler's defaults (deployment-bundle/bundle.ts: BUILD_CONDITIONS, COMMON_ESBUILD_OPTIONS). */
export const WRANGLER_CONDITIONS = ['workerd', 'worker', 'browser'];

/** The newest compatibility date this workerd knows, capped at `wanted`. */
export function compatibilityDate(wanted) {
  const supported = workerdPackage.compatibilityDate;
  return wanted < supported ? wanted : supported;
}

/** The wrangler module rule for `*.wasm` / `*.wasm?module`: external, copied as `<sha1>-<name>`, type CompiledWasm. */
function compiledWasmModules(outdir, collected) {
  return {
    name: 'compiled-wasm-modules',
    setup(build) {
      build.onResolve({ filter: /\.wasm(\?module)?$/ }, async (args) => {
        if (args.pluginData?.resolvingWasm) return undefined; // our own build.resolve below: let esbuild resolve it
        const request = args.path.replace(/\?module$/, '');
        let filePath = path.resolve(args.resolveDir, request);
        if (!request.startsWith('.') && !path.isAbsolute(request)) {
          // A package subpath (`pkg/x.wasm`): resolved through the package's `exports`, as wrangler does.
          const resolved = await build.resolve(request, {
            kind: args.kind, resolveDir: args.resolveDir, pluginData: { resolvingWasm: true },
          });
          if (resolved.errors.length > 0) return { errors: resolved.errors };
          filePath = resolved.path;
        }
        const content = await fs.readFile(filePath);
        const name = `${crypto.createHash('sha1').update(content).digest('hex')}-${path.basename(filePath)}`;
        await fs.writeFile(path.join(outdir, name), content);
        if (!collected.some((m) => m.name === name)) collected.push({ name, type: 'wasm', bytes: content.length });
        return { path: `./${name}`, external: true };
      });
    },
  };
}

/**
 * Bundles `entry` into `outdir/worker.js` as wrangler would, plus one file per wasm module.
 * @returns {Promise<{modules: Array<{name: string, type: 'esModule' | 'wasm', bytes: number}>}>}
 */
export async function bundleLikeWrangler({ entry, outdir, define }) {
  await fs.rm(outdir, { recursive: true, force: true });
  await fs.mkdir(outdir, { recursive: true });
  const wasm = [];
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: path.dirname(entry),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: WRANGLER_CONDITIONS,
    loader: { '.js': 'jsx', '.mjs': 'jsx', '.cjs': 'jsx' },
    outfile: path.join(outdir, 'worker.js'),
    metafile: true,
    logLevel: 'silent',
    define,
    plugins: [compiledWasmModules(outdir, wasm)],
  });
  const bytes = (await fs.stat(path.join(outdir, 'worker.js'))).size;
  return { modules: [{ name: 'worker.js', type: 'esModule', bytes }, ...wasm], metafile: result.metafile };
}

/** A capnp text literal. */
function capnpString(value) {
  return JSON.stringify(String(value));
}

/**
 * Writes `outdir/config.capnp` for the bundle in `outdir` and starts `workerd serve` on a free loopback port.
 * Outbound fetch goes through a network service that may reach loopback and private addresses (the emulator).
 * @param {{outdir: string, modules: Array<{name: string, type: string}>, bindings?: Record<string, string>,
 *   compatibilityDate: string, compatibilityFlags?: string[]}} options
 */
export async function startWorkerd({ outdir, modules, bindings = {}, compatibilityDate, compatibilityFlags = [] }) {
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "local", "private"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
${modules.map((m) => `    (name = ${capnpString(m.name)}, ${m.type} = embed ${capnpString(m.name)}),`).join('\n')}
  ],
  bindings = [
${Object.entries(bindings).map(([name, text]) => `    (name = ${capnpString(name)}, text = ${capnpString(text)}),`).join('\n')}
  ],
  compatibilityDate = ${capnpString(compatibilityDate)},
  compatibilityFlags = [${compatibilityFlags.map(capnpString).join(', ')}],
  globalOutbound = "internet",
);
`;
  const configPath = path.join(outdir, 'config.capnp');
  await fs.writeFile(configPath, config);

  // --control-fd reports the port once the socket listens: no port race, no polling.
  const child = spawn(workerdPackage.default, ['serve', configPath, '--verbose', '--control-fd=3'], {
    cwd: outdir,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const port = await new Promise((resolve, reject) => {
    let control = '';
    const timer = setTimeout(() => reject(new Error(`workerd did not listen within 20 s:\n${log}`)), 20000);
    child.stdio[3].on('data', (chunk) => {
      control += chunk;
      for (const line of control.split('\n').slice(0, -1)) {
        const message = JSON.parse(line);
        if (message.event === 'listen' && message.socket === 'http') {
          clearTimeout(timer);
          resolve(message.port);
        }
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`workerd exited (${code ?? signal}) before listening:\n${log}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
