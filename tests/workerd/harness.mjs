// Runs a Worker in the real workerd (the npm `workerd` package), bundled the way `wrangler deploy` bundles it:
// esbuild with the conditions ["workerd", "worker", "browser"], target es2022, and every `*.wasm` import kept out of
// the bundle as its own module of type CompiledWasm, named `<sha1>-<basename>` (wrangler's module collector).
// Started by the shared runner, scripts/workerd.mjs. Used by tests/workerd/, tests/examples/ and tests/hardening/.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { compatibilityDate, startWorkerd as runWorkerd } from '../../scripts/workerd.mjs';

export { compatibilityDate };

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** wrangler's defaults (deployment-bundle/bundle.ts: BUILD_CONDITIONS, COMMON_ESBUILD_OPTIONS). */
export const WRANGLER_CONDITIONS = ['workerd', 'worker', 'browser'];

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

/**
 * Starts the bundle in `outdir` (its `modules`, `bindings`, compatibility date and flags) in workerd with --verbose,
 * through the shared runner (scripts/workerd.mjs): outbound fetch may reach loopback and private addresses.
 * @param {{outdir: string, modules: Array<{name: string, type: string}>, bindings?: Record<string, string>,
 *   compatibilityDate: string, compatibilityFlags?: string[]}} options
 * @returns {Promise<{url: string, log(): string, close(): Promise<void>}>} `log()`: everything workerd printed
 */
export async function startWorkerd({ outdir, ...worker }) {
  const workerd = await runWorkerd({ dir: outdir, verbose: true, ...worker });
  return { ...workerd, log: workerd.output };
}
