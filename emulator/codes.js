/**
 * The service layer's return codes and its error. Which code is a fact and which an invention, and what triggers
 * each: emulator/README.md, Codes.
 *
 * @module emulator/codes
 */

/**
 * Service-layer returnCodes. `1000` is NCP's documented "Please try your call again later" (ncp-api.md §5). Every
 * other code is this emulator's own invention, spelled `EMU_<NAME>`: every returnCode in NCP's public sources (the
 * API docs, terraform-provider-ncloud, the official SDKs) is a string of decimal digits, so a code with letters can
 * never be mistaken for a real one. The real codes for these rules are not public.
 */
export const RETURN_CODES = Object.freeze({
  TRY_AGAIN_LATER: '1000',
  REQUIRED: 'EMU_REQUIRED',
  INVALID_VALUE: 'EMU_INVALID_VALUE',
  INVALID_PEERING_NAME: 'EMU_INVALID_PEERING_NAME',
  DESCRIPTION_TOO_LONG: 'EMU_DESCRIPTION_TOO_LONG',
  UNKNOWN_REGION: 'EMU_UNKNOWN_REGION',
  SOURCE_VPC_NOT_FOUND: 'EMU_SOURCE_VPC_NOT_FOUND',
  TARGET_VPC_NOT_FOUND: 'EMU_TARGET_VPC_NOT_FOUND',
  TARGET_LOGIN_NOT_FOUND: 'EMU_TARGET_LOGIN_NOT_FOUND',
  TARGET_NAME_MISMATCH: 'EMU_TARGET_NAME_MISMATCH',
  CROSS_ACCOUNT_PARAMS_REQUIRED: 'EMU_CROSS_ACCOUNT_PARAMS_REQUIRED',
  SAME_VPC: 'EMU_SAME_VPC',
  CIDR_OVERLAP: 'EMU_CIDR_OVERLAP',
  DUPLICATE_PEERING: 'EMU_DUPLICATE_PEERING',
  PEERING_NOT_FOUND: 'EMU_PEERING_NOT_FOUND',
  NOT_OWNER: 'EMU_NOT_OWNER',
  WRONG_ACCEPTOR: 'EMU_WRONG_ACCEPTOR',
  NOT_AWAITING_ACCEPTANCE: 'EMU_NOT_AWAITING_ACCEPTANCE',
  TERMINATING: 'EMU_TERMINATING',
  PAGE_SIZE_REQUIRED: 'EMU_PAGE_SIZE_REQUIRED',
  PEERING_HAS_ROUTES: 'EMU_PEERING_HAS_ROUTES',
  VPC_NOT_FOUND: 'EMU_VPC_NOT_FOUND',
  ROUTE_TABLE_NOT_FOUND: 'EMU_ROUTE_TABLE_NOT_FOUND',
  ROUTE_TABLE_NOT_IN_VPC: 'EMU_ROUTE_TABLE_NOT_IN_VPC',
  INVALID_CIDR: 'EMU_INVALID_CIDR',
  ROUTE_WITHIN_VPC: 'EMU_ROUTE_WITHIN_VPC',
  DUPLICATE_ROUTE: 'EMU_DUPLICATE_ROUTE',
  ROUTE_TARGET_NOT_FOUND: 'EMU_ROUTE_TARGET_NOT_FOUND',
  PEERING_SOURCE_MISMATCH: 'EMU_PEERING_SOURCE_MISMATCH',
  PEERING_NOT_RUNNING: 'EMU_PEERING_NOT_RUNNING',
  ROUTE_TARGET_NAME_MISMATCH: 'EMU_ROUTE_TARGET_NAME_MISMATCH',
  ROUTE_NOT_FOUND: 'EMU_ROUTE_NOT_FOUND',
});

/** The default returnCode of the `returnCodeNonZero` fault: an invention, in the same letters-only-NCP-never-uses form. */
export const NONZERO_RETURN_CODE = 'EMU_RETURN_CODE_NONZERO';

/** A refusal by the service: answered as `responseError` with HTTP 400 (500 for `1000`). */
export class ServiceError extends Error {
  constructor(returnCode, message, httpStatus = returnCode === RETURN_CODES.TRY_AGAIN_LATER ? 500 : 400) {
    super(message);
    this.returnCode = returnCode;
    this.httpStatus = httpStatus;
  }
}
