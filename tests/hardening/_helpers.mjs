// Shared by the hardening tests in Node.
import net from 'node:net';

/**
 * `http://127.0.0.1:<port>` where nothing listens. Port 4 first: privileged, unassigned, never handed out as an
 * ephemeral port (so no other test on the machine can start listening there between the check and the call, as
 * with a port bound and released, the fallback), and not one of the ports fetch refuses outright (9, say, gives
 * undici's "bad port" instead of a refused connection). Checked by connecting.
 */
export async function closedEndpoint() {
  const refused = (port) => new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', (e) => resolve(e.code === 'ECONNREFUSED'));
  });
  if (await refused(4)) return 'http://127.0.0.1:4';
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** What the fault matrix (matrix.mjs) needs to know of its set-up: the emulator, `account`'s keys, a closed port. */
export async function matrixEnv(emu, account) {
  return {
    emulator: emu.url,
    accessKey: account.accessKey,
    secretKey: account.secretKey,
    wrongSecretKey: 'wrongSecretKey0000000000000000000000000Z',
    closedEndpoint: await closedEndpoint(),
  };
}

/**
 * Records every write to process.stdout and process.stderr (still passing it through) until the returned function
 * is called. For matrix.mjs's `hooks.captureWrites`.
 */
export function captureWrites(onWrite) {
  const streams = [['process.stdout', process.stdout], ['process.stderr', process.stderr]];
  const originals = streams.map(([, stream]) => stream.write);
  for (const [where, stream] of streams) {
    const original = stream.write;
    stream.write = function write(chunk, ...rest) {
      onWrite(where, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return original.call(this, chunk, ...rest);
    };
  }
  return () => streams.forEach(([, stream], i) => { stream.write = originals[i]; });
}
