// One cold start in a fresh Node process.
//
//   node cold-child.mjs ours|a|b
//     from before the import of the package (or a peer) to the first signed request (dry run); prints
//     {"ms", "importMs", "firstCallMs", "cpuMs", "sinceProcessStart"}: wall and CPU (all threads) time of that
//     stretch, its two parts, and the wall time since the process began.
//   node cold-child.mjs wasm-ours|wasm-bare|wasm-job
//     the wasm's own share, step by step, with the glue loaded first: reading the .wasm, compiling it
//     (`new WebAssembly.Module`), instantiating it (the glue's initSync) and its first call: ours its glue's dry run;
//     the floors (bench/floor, built into bench/.out/floor/) a bare module's one call, or the same job's signing.
//     Prints {"ms", "glueMs", "readMs", "compileMs", "instantiateMs", "firstCallMs"}.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const which = process.argv[2];
const opts = {
  accessKey: 'AKIDEXAMPLE0000000',
  secretKey: 'SECRETEXAMPLE000000000000000000000000000',
  responseFormatType: 'xml', // the peers read XML only; the signature below signs it
  regionCode: 'KR',
  sourceVpcNo: '1205',
  targetVpcNo: '1206',
  vpcPeeringName: 'test-peer',
  timestamp: 1700000000000,
};
const SIGNATURE = 'fZJqkBaZNk/ffUCOA94pc3gz6khiJ88Ay65c5mbEhPs=';

if (which.startsWith('wasm-')) {
  const here = dirname(fileURLToPath(import.meta.url));
  const kind = which.slice(5);
  const t0 = performance.now();
  let glue;
  let wasmPath;
  if (kind === 'ours') {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('ncloud-vpc-wasm'));
    glue = require(join(dir, 'ncloud_vpc_wasm.cjs'));
    wasmPath = join(dir, 'ncloud_vpc_wasm_bg.wasm');
  } else {
    const dir = join(here, '.out', 'floor', kind);
    glue = await import(pathToFileURL(join(dir, 'ncloud_vpc_floor.js')).href);
    wasmPath = join(dir, 'ncloud_vpc_floor_bg.wasm');
  }
  const tGlue = performance.now();
  const bytes = readFileSync(wasmPath);
  const tRead = performance.now();
  const module = new WebAssembly.Module(bytes);
  const tCompile = performance.now();
  glue.initSync({ module });
  const tInstance = performance.now();
  // The string signature v2 signs for `opts` (what ours signs on its first call).
  const stringToSign = `GET /vpc/v2/createVpcPeeringInstance?regionCode=KR&sourceVpcNo=1205&targetVpcNo=1206&vpcPeeringName=test-peer&responseFormatType=xml\n${opts.timestamp}\n${opts.accessKey}`;
  const result =
    kind === 'ours' ? glue.buildRequest('createVpcPeeringInstance', opts).headers['x-ncp-apigw-signature-v2']
    : kind === 'job' ? glue.sign(opts.secretKey, stringToSign)
    : glue.echo('first call');
  const tCall = performance.now();
  if (result !== (kind === 'bare' ? 'first call' : SIGNATURE)) throw new Error(`unexpected result from ${which}: ${result}`);
  console.log(JSON.stringify({
    ms: tCall - t0, glueMs: tGlue - t0, readMs: tRead - tGlue, compileMs: tCompile - tRead, instantiateMs: tInstance - tCompile, firstCallMs: tCall - tInstance,
  }));
} else {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const mod = await import(which === 'ours' ? 'ncloud-vpc-wasm' : which === 'a' ? './peer-node.mjs' : './peer-webcrypto.mjs');
  const tImported = performance.now();
  const request = await mod.buildCreateVpcPeeringInstanceRequest(opts);
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  if (request.headers['x-ncp-apigw-signature-v2'] !== SIGNATURE) {
    throw new Error(`unexpected signature from ${which}: ${request.headers['x-ncp-apigw-signature-v2']}`);
  }
  console.log(JSON.stringify({ ms: t1 - t0, importMs: tImported - t0, firstCallMs: t1 - tImported, cpuMs: (cpu.user + cpu.system) / 1000, sinceProcessStart: t1 }));
}
