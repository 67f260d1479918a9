// The loopback server of the throughput figure, in its own process so it does not share the client's event loop:
// answers every request with the sample XML. Prints {"port": …} once listening.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(new URL('../tests/fixtures/create-sample.xml', import.meta.url));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/xml;charset=UTF-8', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
