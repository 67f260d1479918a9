// For hosts that place the .wasm themselves (a CDN, a strict CSP): call `await init({ module_or_path })` or
// `initSync({ module })` once before any other export. Until then every export fails with a clear
// ERR_NOT_INITIALIZED instead of the glue's "Cannot read properties of undefined".
import * as glue from './ncloud_vpc_wasm.js';

let ready = false;

/** Fetches (or takes) and instantiates the .wasm. */
export async function init(source) {
  const exports = await glue.default(source);
  ready = true;
  return exports;
}

/** Instantiates from bytes or a compiled module, synchronously. */
export function initSync(source) {
  const exports = glue.initSync(source);
  ready = true;
  return exports;
}

function notInitialized(name) {
  const error = new Error(`ncloud-vpc-wasm/init: call init() or initSync() before ${name}`);
  error.name = 'NcloudVpcError';
  return Object.assign(error, { code: 'ERR_NOT_INITIALIZED', attempts: 0 });
}

/** `fn`, refusing to run before the wasm is instantiated: a rejection for the async calls, a throw for the others. */
function guarded(name, fn, isAsync) {
  return (...args) => {
    if (ready) return fn(...args);
    if (isAsync) return Promise.reject(notInitialized(name));
    throw notInitialized(name);
  };
}

export const createVpcPeeringInstance = guarded('createVpcPeeringInstance', glue.createVpcPeeringInstance, true);
export const getVpcPeeringInstanceList = guarded('getVpcPeeringInstanceList', glue.getVpcPeeringInstanceList, true);
export const getVpcPeeringInstanceDetail = guarded('getVpcPeeringInstanceDetail', glue.getVpcPeeringInstanceDetail, true);
export const acceptOrRejectVpcPeering = guarded('acceptOrRejectVpcPeering', glue.acceptOrRejectVpcPeering, true);
export const deleteVpcPeeringInstance = guarded('deleteVpcPeeringInstance', glue.deleteVpcPeeringInstance, true);
export const setVpcPeeringDescription = guarded('setVpcPeeringDescription', glue.setVpcPeeringDescription, true);
export const waitForVpcPeeringInstance = guarded('waitForVpcPeeringInstance', glue.waitForVpcPeeringInstance, true);
export const buildCreateVpcPeeringInstanceRequest = guarded('buildCreateVpcPeeringInstanceRequest', glue.buildCreateVpcPeeringInstanceRequest);
export const buildGetVpcPeeringInstanceListRequest = guarded('buildGetVpcPeeringInstanceListRequest', glue.buildGetVpcPeeringInstanceListRequest);
export const buildGetVpcPeeringInstanceDetailRequest = guarded('buildGetVpcPeeringInstanceDetailRequest', glue.buildGetVpcPeeringInstanceDetailRequest);
export const buildAcceptOrRejectVpcPeeringRequest = guarded('buildAcceptOrRejectVpcPeeringRequest', glue.buildAcceptOrRejectVpcPeeringRequest);
export const buildDeleteVpcPeeringInstanceRequest = guarded('buildDeleteVpcPeeringInstanceRequest', glue.buildDeleteVpcPeeringInstanceRequest);
export const buildSetVpcPeeringDescriptionRequest = guarded('buildSetVpcPeeringDescriptionRequest', glue.buildSetVpcPeeringDescriptionRequest);
export const validateOptions = guarded('validateOptions', glue.validateOptions);
export const createClient = guarded('createClient', glue.createClient);
export const { Client } = glue;
