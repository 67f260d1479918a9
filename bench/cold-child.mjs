// One cold start in a fresh Node process: from before the import to the first signed request (dry run).
// Usage: node cold-child.mjs ours|a|b ; prints {"ms": …, "cpuMs": …, "sinceProcessStart": …}:
// wall and CPU (all threads) time from before the import to the signed request, and the wall time since the process began.
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
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(which === 'ours' ? 'ncloud-vpc-wasm' : which === 'a' ? './peer-node.mjs' : './peer-webcrypto.mjs');
const tImported = performance.now();
const request = await mod.buildCreateVpcPeeringInstanceRequest(opts);
const t1 = performance.now();
const cpu = process.cpuUsage(c0);
if (request.headers['x-ncp-apigw-signature-v2'] !== 'fZJqkBaZNk/ffUCOA94pc3gz6khiJ88Ay65c5mbEhPs=') {
  throw new Error(`unexpected signature from ${which}: ${request.headers['x-ncp-apigw-signature-v2']}`);
}
console.log(JSON.stringify({ ms: t1 - t0, importMs: tImported - t0, firstCallMs: t1 - tImported, cpuMs: (cpu.user + cpu.system) / 1000, sinceProcessStart: t1 }));
