// What the .wasm is made of: its bytes by component (crate, or the crate's module for our own code), raw and as a
// share of the gzip -9 download. A report for docs/performance.md ("What the download is made of"), not a test.
//
//   node bench/size.mjs [--wasm=FILE] [--after-opt] [--top=N] [--markdown] [--fine] [--list=COMPONENT]
//
// Components are areas (our options, our reading of answers, the JS boundary, core::fmt, …); --fine splits them by
// module (our `options::rules`, `core::str`, …). Without --wasm it names the last `cargo build --release --target
// wasm32-unknown-unknown`, after wasm-bindgen, into bench/.out/size/: by default before wasm-opt (~8 % larger than
// the shipped pkg/ncloud_vpc_wasm_bg.wasm: -Oz inlines every function called once into its caller, so that the
// `js::run` future would hold the whole send path and the XML reading); with --after-opt as scripts/build.sh ships
// it, but keeping the name section (within 0.1 % of the shipped size). A function's bytes are its body after LLVM
// inlined what it did, so a caller carries what was inlined into it. Data segments (messages, tables) are one
// component.
//
// gzip share: the bytes the gzip -9 of the whole module loses when that component's bytes are left out of it (the
// rest kept in order), so each row says what removing that component would save in the download. The rows sum to
// a little more than the whole's gzip (what is shared across components is counted in each).
import { readFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name, fallback) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${fallback}`).split('=').slice(1).join('=');

let wasmPath = arg('wasm', '');
if (!wasmPath) {
  const dir = join(here, '.out', 'size');
  mkdirSync(dir, { recursive: true });
  const input = join(root, 'target', 'wasm32-unknown-unknown', 'release', 'ncloud_vpc_wasm.wasm');
  const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', dir, '--out-name', 'ncloud_vpc_wasm', '--no-typescript', input], { env });
  wasmPath = join(dir, 'named.wasm');
  const optimize = process.argv.includes('--after-opt') ? ['-Oz', '-g'] : ['-g'];
  execFileSync(join(root, 'node_modules', '.bin', 'wasm-opt'), [...optimize, '--strip-producers', join(dir, 'ncloud_vpc_wasm_bg.wasm'), '-o', wasmPath]);
}
const top = Number(arg('top', '25'));
const bytes = readFileSync(wasmPath);

// A minimal reader of the sections this needs: imports (function indices start after imported functions), code
// (one body per function), data, and the name section (function names).
function leb(buf, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}
const sections = [];
for (let at = 8; at < bytes.length; ) {
  const id = bytes[at];
  const [size, start] = leb(bytes, at + 1);
  sections.push({ id, start: at, bodyStart: start, end: start + size });
  at = start + size;
}
const customName = (s) => {
  const [len, at] = leb(bytes, s.bodyStart);
  return [bytes.subarray(at, at + len).toString('utf8'), at + len];
};
let importedFunctions = 0;
const imports = sections.find((s) => s.id === 2);
if (imports) {
  let [count, at] = leb(bytes, imports.bodyStart);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < 2; j++) {
      const [len, next] = leb(bytes, at);
      at = next + len;
    }
    const kind = bytes[at++];
    if (kind === 0) {
      importedFunctions++;
      [, at] = leb(bytes, at);
    } else if (kind === 1) {
      at += 1;
      const flags = bytes[at++];
      [, at] = leb(bytes, at);
      if (flags & 1) [, at] = leb(bytes, at);
    } else if (kind === 2) {
      const flags = bytes[at++];
      [, at] = leb(bytes, at);
      if (flags & 1) [, at] = leb(bytes, at);
    } else if (kind === 3) at += 2;
    else if (kind === 4) [, at] = leb(bytes, at + 1);
    else throw new Error(`import kind ${kind}`);
  }
}
const names = new Map();
for (const s of sections.filter((x) => x.id === 0)) {
  const [name, at0] = customName(s);
  if (name !== 'name') continue;
  for (let at = at0; at < s.end; ) {
    const kind = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    if (kind === 1) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        const [index, p1] = leb(bytes, p);
        const [len, p2] = leb(bytes, p1);
        names.set(index, bytes.subarray(p2, p2 + len).toString('utf8'));
        p = p2 + len;
      }
    }
    at = start + size;
  }
}

// Every span of the file, with the component it belongs to; what is left over (headers, types, the table, exports,
// the name section) is "module structure".
const spans = [];
const code = sections.find((s) => s.id === 10);
{
  let [count, at] = leb(bytes, code.bodyStart);
  for (let i = 0; i < count; i++) {
    const [size, start] = leb(bytes, at);
    const name = names.get(importedFunctions + i) ?? `function ${importedFunctions + i}`;
    spans.push({ start: at, end: start + size, name, component: componentOf(name) });
    at = start + size;
  }
}
for (const s of sections.filter((x) => x.id === 11)) spans.push({ start: s.start, end: s.end, name: 'data segments', component: 'data: messages, names, tables (.rodata)' });
for (const s of sections.filter((x) => x.id === 0)) spans.push({ start: s.start, end: s.end, name: `custom section ${customName(s)[0]}`, component: 'custom sections (names: not shipped)' });

/** The component of a function: its area, or with --fine its module (see `moduleOf`). */
function componentOf(raw) {
  const fine = moduleOf(raw);
  if (process.argv.includes('--fine')) return fine;
  if (/^ours: (js|js::.*)$/.test(fine) || fine.startsWith('ours: js ')) return 'ours: the JS boundary (js/: exports, options read, send, errors to JS; run() holds the send path)';
  if (/^ours: (options|action|call|api)\b/.test(fine)) return 'ours: options and their validation, the action table (options/, action, call, api)';
  if (/^ours: (response|model|resource)\b/.test(fine)) return 'ours: reading answers into results (response/, model, resource)';
  if (/^ours: (request|sign|encode)\b/.test(fine)) return 'ours: building and signing requests (request, sign, encode)';
  if (/^ours: (connect|wait|plan|retry)\b/.test(fine)) return 'ours: plans (connect, wait)';
  if (/^ours: error\b/.test(fine)) return 'ours: errors and the scrubbing of secrets (error)';
  if (/^(core::str|core::slice|core::iter|core::ops|core::option|core::result|core::array|core::mem|core::cell|core::any|alloc::\w+|drop glue.*|core: .*)$/.test(fine)) {
    return 'core and alloc generics (str, slice, Vec, String, iterators, drop glue, memcpy)';
  }
  return fine;
}

/** The module of a (demangled) function name: our module, or the leftmost crate that says what it is. */
function moduleOf(raw) {
  const name = raw.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
  if (/^(__wbindgen|__wbg|__externref|__wasm_bindgen|wasm_bindgen::|<wasm_bindgen::|js_sys|<js_sys|web_sys)/.test(name)) return 'wasm-bindgen, js-sys, web-sys';
  if (/^(memcpy|memmove|memset|memcmp|bcmp|compiler_builtins)/.test(name)) return 'core: memcpy, memset, memcmp and other builtins';
  if (/^core::ptr::drop_in_place/.test(name)) return 'drop glue (drop_in_place)';
  // wasm-bindgen's wrapper of an export, which the export's own body is inlined into.
  if (/ shim$/.test(name)) return 'ours: js (the exports, in their wasm-bindgen shims)';
  if (/^<(u8|u16|u32|u64|usize|i32|i64)>::_fmt$/.test(name)) return 'core::fmt (formatting) and its Unicode tables';
  if (/^(__powidf2|fmin|fmax|__multi3|__udivti3|__ashlti3|__lshrti3)$/.test(name)) return 'core: memcpy, memset, memcmp and other builtins';
  const own = name.match(/ncloud_vpc_wasm::(js::\w+|options::\w+|response::\w+|\w+)/);
  if (own) return `ours: ${own[1].replace(/^(options|response)::(\w+)$/, (_, m, sub) => (/^[a-z_]+$/.test(sub) ? `${m}::${sub}` : m))}`;
  const crate = name.match(/(quick_xml|memchr|sha2|hmac|digest|block_buffer|base64|dlmalloc|talc|core::fmt|core::unicode|core::str|core::slice::sort|core::panicking|std::panicking|core::\w+|alloc::\w+|std::\w+|__rustc|__rdl|__rg)/);
  if (crate) {
    const c = crate[1];
    if (/^(core::fmt|core::unicode)/.test(c)) return 'core::fmt (formatting) and its Unicode tables';
    if (/^(core::panicking|std::panicking|std::\w+)$/.test(c)) return 'std: panic paths, thread locals';
    if (/^(__rustc|__rdl|__rg|alloc::alloc)$/.test(c)) return 'alloc: allocator shims';
    if (/^(sha2|hmac|digest|block_buffer)$/.test(c)) return 'sha2 + hmac';
    return c;
  }
  return 'other';
}

const gzip = (buffers) => gzipSync(Buffer.concat(buffers), { level: 9 }).length;
const shipped = spans.filter((s) => !s.component.startsWith('custom'));
const customBytes = spans.filter((s) => s.component.startsWith('custom')).reduce((n, s) => n + s.end - s.start, 0);
// The module as shipped, name section left out: every byte outside custom sections, in order.
const keep = (skip) => {
  const parts = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > at) parts.push(bytes.subarray(at, s.start));
    if (!s.component.startsWith('custom') && !skip(s)) parts.push(bytes.subarray(s.start, s.end));
    at = s.end;
  }
  if (at < bytes.length) parts.push(bytes.subarray(at));
  return parts;
};
const wholeRaw = bytes.length - customBytes;
const wholeGzip = gzip(keep(() => false));

const groups = new Map();
for (const s of shipped) {
  const g = groups.get(s.component) ?? { component: s.component, raw: 0, functions: 0 };
  g.raw += s.end - s.start;
  g.functions += s.name === 'data segments' ? 0 : 1;
  groups.set(s.component, g);
}
const structure = wholeRaw - [...groups.values()].reduce((n, g) => n + g.raw, 0);
for (const g of groups.values()) g.gzip = wholeGzip - gzip(keep((s) => s.component === g.component));
const rows = [...groups.values()].sort((a, b) => b.gzip - a.gzip);

const kb = (n) => (n / 1000).toFixed(1);
const pct = (n, of) => `${((100 * n) / of).toFixed(1)} %`;
const md = process.argv.includes('--markdown');
const line = (cells) => (md ? `| ${cells.join(' | ')} |` : cells.map((c, i) => (i === 0 ? String(c).padEnd(48) : String(c).padStart(10))).join(' '));
console.log(`${wasmPath}: ${wholeRaw} bytes without its name section, ${wholeGzip} gzip -9`);
console.log(line(['component', 'functions', 'raw KB', 'raw share', 'gzip KB', 'gzip share']));
if (md) console.log('|---|---:|---:|---:|---:|---:|');
for (const g of rows) console.log(line([g.component, g.functions || '', kb(g.raw), pct(g.raw, wholeRaw), kb(g.gzip), pct(g.gzip, wholeGzip)]));
console.log(line(['module structure (types, imports, table, exports)', '', kb(structure), pct(structure, wholeRaw), '', '']));
console.log(line(['whole', shipped.length - 1, kb(wholeRaw), '', kb(wholeGzip), '']));

// --list=COMPONENT: the functions of one component (a row's first column, or the start of it), largest first.
const listed = arg('list', '');
if (listed) {
  console.log(`\nThe functions of ${listed}…`);
  for (const f of shipped.filter((s) => s.component.startsWith(listed)).sort((a, b) => b.end - b.start - (a.end - a.start))) {
    console.log(line([f.name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '').slice(0, 120), '', kb(f.end - f.start), '', '', '']));
  }
}

if (top > 0) {
  console.log(`\nThe ${top} largest functions (raw bytes after inlining; gzip: what leaving it out saves)`);
  const fns = shipped.filter((s) => s.name !== 'data segments').sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, top);
  for (const f of fns) {
    const saved = wholeGzip - gzip(keep((s) => s === f));
    const name = f.name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
    console.log(line([name.length > 90 ? `${name.slice(0, 89)}…` : name, '', kb(f.end - f.start), pct(f.end - f.start, wholeRaw), kb(saved), pct(saved, wholeGzip)]));
  }
}
