// Timing engine shared by every runtime. `timer(subject, n)` runs a subject n times and answers
// `{ ms, calibMs }`: `ms` on the clock being reported (CPU time by default), `calibMs` on a clock without per-run
// overhead or background noise (the loop's own wall time where it can be read), used only to size the rounds.
// Each subject is calibrated to rounds of about `roundMs`, warmed up at full size (which also checks the size), then
// timed for `rounds` rounds interleaved with the other subjects, in a rotated order each round so that background
// work one subject leaves behind (concurrent GC) does not always land on the same neighbour. No forced GC between
// runs: in V8 a forced full GC makes the next ~100 ms of allocation markedly dearer (measured: +50 µs per call).

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * @returns {Promise<Record<string, { n: number, perCall: number[] }>>} µs per call for each round
 */
export async function measure(timer, subjects, { rounds, roundMs, calibrateMs }) {
  const n = {};
  for (const s of subjects) {
    let count = 1;
    let ms = (await timer(s, count)).calibMs;
    while (ms < calibrateMs && count < 1e7) {
      count *= ms <= 0 ? 8 : Math.min(8, Math.max(2, Math.ceil((calibrateMs * 1.2) / ms)));
      ms = (await timer(s, count)).calibMs;
    }
    // Size from the calibration, then again from the warm-up at that size (a spike in the first estimate would
    // otherwise leave tiny rounds dominated by per-round overhead).
    n[s] = Math.max(1, Math.round((count * roundMs) / Math.max(ms, 0.001)));
    for (let i = 0; i < 2; i++) {
      const warm = (await timer(s, n[s])).calibMs;
      n[s] = Math.max(1, Math.round((n[s] * roundMs) / Math.max(warm, 0.001)));
    }
  }
  const out = Object.fromEntries(subjects.map((s) => [s, { n: n[s], perCall: [] }]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order, so that no subject always follows the same one.
    const order = subjects.map((_, i) => subjects[(i + r * 3) % subjects.length]);
    for (const s of order) {
      out[s].perCall.push(((await timer(s, n[s])).ms * 1000) / n[s]);
    }
  }
  return out;
}

/** Median over rounds of (subject − baseline), paired by round: the subject's own cost net of the baseline's. */
export function net(results, subject, baseline) {
  const a = results[subject].perCall;
  const b = baseline ? results[baseline].perCall : a.map(() => 0);
  return median(a.map((x, i) => x - b[i]));
}

export function raw(results, subject) {
  return median(results[subject].perCall);
}

/**
 * Node's timer for `measure`: runs `subjects[s]` n times, timed by this process's CPU time (user + system, every
 * thread: GC and compiler threads are the client's cost too), or by wall time with clock 'wall'.
 */
export function nodeTimer(subjects, clock = 'cpu') {
  return async (s, n) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await subjects[s](n);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    return { ms: clock === 'wall' ? wall : (cpu.user + cpu.system) / 1000, calibMs: wall };
  };
}
