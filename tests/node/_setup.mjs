// Shared set-up for the Node tests: the emulator on a free loopback port, and the demo accounts' options.
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';

export const [alice, bob] = seed.accounts;

/** Starts an emulator with short state delays; close it in `after`. */
export function emulator(options = {}) {
  return startEmulator({ runDelayMs: 100, deleteDelayMs: 100, ...options });
}

/** Connection options for `account` against `emu`. */
export function keys(account, emu) {
  return { accessKey: account.accessKey, secretKey: account.secretKey, endpoint: emu.url };
}

/** The emulator's log entries since `mark` (a previous `emu.requests.length`). */
export function since(emu, mark) {
  return emu.requests.slice(mark);
}

/** Resolves with the rejection of `promise`, failing if it resolves. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
