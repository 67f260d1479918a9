// The Node side of the connectVpcs scenarios (connect-scenarios.mjs), shared by their runners in Node (ESM, CJS),
// workerd and Chromium: two emulators on loopback, one with short run and delete delays for the scenarios, one with
// a long run delay for the rerun within it; and the environment the scenarios take.
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';

/** The run delay of the fast emulator, and of the slow one (ms). */
export const RUN_DELAY_MS = 100;
export const SLOW_RUN_DELAY_MS = 2000;

/** Starts both emulators: `{ env, fast, slow, close() }`; `env` is what the scenarios take. */
export async function connectEnv() {
  const fast = await startEmulator({ runDelayMs: RUN_DELAY_MS, deleteDelayMs: RUN_DELAY_MS });
  const slow = await startEmulator({ runDelayMs: SLOW_RUN_DELAY_MS, deleteDelayMs: RUN_DELAY_MS });
  const account = ({ name, loginId, accessKey, secretKey }) => ({ name, loginId, accessKey, secretKey });
  return {
    fast,
    slow,
    env: {
      endpoint: fast.url, slowEndpoint: slow.url, runDelayMs: RUN_DELAY_MS, slowRunDelayMs: SLOW_RUN_DELAY_MS,
      pollIntervalMs: 20, accounts: seed.accounts.map(account),
    },
    close: () => Promise.all([fast.close(), slow.close()]),
  };
}
