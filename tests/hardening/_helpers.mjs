// Shared by the hardening tests in Node.
import net from 'node:net';

/** `http://127.0.0.1:<port>` of a port that was just bound and released: nothing listens there. */
export async function closedEndpoint() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
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
