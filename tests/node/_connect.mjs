// Shared set-up of the connectVpcs tests (ESM and CJS): two emulators on loopback, one with short run and delete
// delays for the scenarios, one with a long run delay for the rerun within it; and the scenarios' environment.
import { emulator, alice, bob } from './_setup.mjs';

/** The run delay of the fast emulator, and of the slow one (ms). */
export const RUN_DELAY_MS = 100;
export const SLOW_RUN_DELAY_MS = 2000;

/** Starts both emulators: `{ env, fast, slow, close() }`; `env` is what the scenarios take. */
export async function connectEnv() {
  const fast = await emulator({ runDelayMs: RUN_DELAY_MS, deleteDelayMs: RUN_DELAY_MS });
  const slow = await emulator({ runDelayMs: SLOW_RUN_DELAY_MS, deleteDelayMs: RUN_DELAY_MS });
  const account = ({ name, loginId, accessKey, secretKey }) => ({ name, loginId, accessKey, secretKey });
  return {
    fast,
    slow,
    env: {
      endpoint: fast.url, slowEndpoint: slow.url, runDelayMs: RUN_DELAY_MS, slowRunDelayMs: SLOW_RUN_DELAY_MS,
      pollIntervalMs: 20, accounts: [account(alice), account(bob)],
    },
    close: () => Promise.all([fast.close(), slow.close()]),
  };
}
