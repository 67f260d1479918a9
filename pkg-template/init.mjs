// For hosts that place the .wasm themselves (a CDN, a strict CSP): call `await init(urlOrModule)` or
// `initSync({ module })` once before any other export.
export { default as init, initSync } from './ncloud_vpc_wasm.js';
export * from './ncloud_vpc_wasm.js';
