// The console of `make demo` in headless Chromium, for the console's browser tests and scripts/screenshots.mjs: the
// demo stack (emulator, forwarder, page) on free loopback ports, one page, and what the page did wrong (errors,
// console errors, CSP violations) and where it sent requests.
import { startDemo } from './demo.mjs';
import { launchChromium } from '../tests/browser/harness.mjs';

/** The console's emulator delays for tests and pictures: fast, but slow enough to see INIT and TERMTING. */
export const FAST = Object.freeze({ runDelayMs: 400, deleteDelayMs: 400 });

/**
 * Starts the demo in workerd and opens Chromium on it.
 * @param {{viewport?: {width: number, height: number}, runDelayMs?: number, deleteDelayMs?: number}} [options]
 * @returns {Promise<{demo: object, origin: string, context: object, page: object, requests: string[],
 *   pageErrors: string[], consoleErrors: string[], cspViolations: string[], open(hash?: string): Promise<object>,
 *   close(): Promise<void>}>}  every request, page error, console error and CSP violation of the page, as they come
 */
export async function openConsole({ viewport = { width: 1440, height: 900 }, ...delays } = {}) {
  const demo = await startDemo({ port: 0, runtime: 'workerd', ...FAST, ...delays });
  let browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    await demo.close();
    throw err;
  }
  const { context } = browser;
  const requests = [];
  const pageErrors = [];
  const consoleErrors = [];
  const cspViolations = [];
  context.on('request', (r) => requests.push(r.url()));
  // Reported to Node as they happen, so that a reload does not forget them.
  await context.exposeBinding('__cspViolation', (_source, text) => cspViolations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize(viewport);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // A fetch answered 4xx/5xx is logged by Chromium as "Failed to load resource": expected here.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text());
  });
  page.on('dialog', (d) => d.accept());
  return {
    demo,
    origin: new URL(demo.url).origin,
    context,
    page,
    requests,
    pageErrors,
    consoleErrors,
    /** Loads the console (at `hash`) and waits until its package is loaded. */
    async open(hash = '') {
      const response = await page.goto(demo.url + hash);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
      return response;
    },
    cspViolations,
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

/**
 * Makes peerings in the demo's emulator with the package itself (not through the page): each of `peerings` is the
 * create call's options plus `as`, the demo account making it. Same-account ones are waited for until RUN;
 * cross-account ones stay INIT, awaiting acceptance. Resolves with the created peerings, in order.
 */
export async function seedPeerings(demo, peerings) {
  const api = await import('../pkg/node.mjs');
  const made = [];
  for (const { as, ...fields } of peerings) {
    const keys = keysOf(demo, as);
    made.push({ keys, peering: (await api.createVpcPeeringInstance({ ...keys, ...fields })).vpcPeeringInstanceList[0] });
  }
  for (const { keys, peering } of made) {
    if (!peering.isBetweenAccounts) await api.waitForVpcPeeringInstance({ ...keys, vpcPeeringInstanceNo: peering.vpcPeeringInstanceNo, pollIntervalMs: 100 });
  }
  return made.map((m) => m.peering);
}

/** The connection options of demo account `name`, straight to the emulator (for calls made outside the page). */
export function keysOf(demo, name) {
  const account = demo.emulator.accounts.find((a) => a.name === name);
  if (!account) throw new Error(`no demo account ${name}`);
  return { accessKey: account.accessKey, secretKey: account.secretKey, endpoint: demo.gateway };
}

/** The create form's VPC picker (www/public/vpcs.js), by its elements. */
export const CREATE_PICKER = Object.freeze({ source: '#sourceVpcNo', target: '#targetVpcNo', otherNo: '#otherVpcNo', name: '#targetVpcName', login: '#targetVpcLoginId' });
/** The connect form's VPC picker. */
export const CONNECT_PICKER = Object.freeze({ source: '#connect-source', target: '#connect-target', otherNo: '#connect-other-no', name: '#connect-target-name', login: '#connect-target-login' });

/**
 * Picks VPCs as a person does: the source from the account's VPCs; the target from them too, or, with a name and a
 * login ID, as another account's VPC typed in. An empty number leaves the picker on "Choose a VPC".
 */
export async function pickVpcs(page, { sourceVpcNo = '', targetVpcNo = '', targetVpcName = '', targetVpcLoginId = '' }, picker = CREATE_PICKER) {
  await page.selectOption(picker.source, sourceVpcNo);
  if (targetVpcLoginId || targetVpcName) {
    await page.selectOption(picker.target, 'other');
    await page.fill(picker.otherNo, targetVpcNo);
    await page.fill(picker.name, targetVpcName);
    await page.fill(picker.login, targetVpcLoginId);
  } else {
    await page.selectOption(picker.target, targetVpcNo);
  }
}
