// The hostile endpoint of host-cases.mjs: two node:http servers on 127.0.0.1. The first plays a gateway gone bad,
// its first path segment naming what it does (the package appends /vpc/v2/<action> to the endpoint, so an endpoint
// `http://127.0.0.1:<port>/redirect-307` makes every call a 307); the second is "another origin" that counts every
// request reaching it, which must stay 0 unless a custom fetch follows a redirect on its own. Both answer CORS, so
// a page in Chromium can call them, and `/__stats` says what each scenario saw (requests, and whether the client
// went away before the answer was complete: a cancelled download).
import http from 'node:http';
import zlib from 'node:zlib';
import { listAnswer } from './host-cases.mjs';

/** 67 MB of spaces inside a list answer, gzipped to ~66 KB: the bomb, in either format. */
const bombs = {};
function gzipBomb(format) {
  const [head, tail] = listAnswer(format).split('hostile-0001');
  bombs[format] ??= zlib.gzipSync(Buffer.concat([Buffer.from(head), Buffer.alloc(67 * 1024 * 1024, 0x20), Buffer.from(tail)]), { level: 9 });
  return bombs[format];
}

const CORS = { 'access-control-allow-origin': '*' };
const ENCODERS = { gzip: zlib.createGzip, deflate: zlib.createDeflate, br: zlib.createBrotliCompress };
const COMPRESS = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync };

export async function startHostileServers() {
  const stats = { scenarios: {}, other: 0 };
  const seen = (scenario) => (stats.scenarios[scenario] ??= { requests: 0, cancelled: 0, methods: [] });
  const sockets = new Set();

  const other = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') return void res.writeHead(204, preflight()).end();
    if (req.url === '/favicon.ico') return void res.writeHead(404, CORS).end();
    stats.other += 1;
    // What a forger would answer: a perfectly good answer, from the wrong place.
    res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end(listAnswer(formatOf(req)));
  });

  const main = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'OPTIONS') return void res.writeHead(204, preflight()).end();
    if (url.pathname === '/__stats') return void res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end(JSON.stringify(stats));
    if (url.pathname === '/__reset') {
      stats.scenarios = {};
      stats.other = 0;
      return void res.writeHead(200, CORS).end('{}');
    }
    const scenario = url.pathname.split('/')[1];
    const record = seen(scenario);
    record.requests += 1;
    record.methods.push(req.method);
    // A client that goes away before the whole answer was written cancelled the download.
    res.on('close', () => { if (!res.writableFinished) record.cancelled += 1; });
    req.resume();
    const format = formatOf(req);
    let match;
    if ((match = /^redirect-(\d{3})$/.exec(scenario))) {
      const rest = url.pathname.slice(scenario.length + 1);
      const location = `http://127.0.0.1:${other.address().port}/stolen${rest}${url.search}`;
      return void res.writeHead(Number(match[1]), { ...CORS, location, 'content-type': 'text/plain' }).end('moved');
    }
    if ((match = /^size-(\d+)-(length|chunked)$/.exec(scenario))) {
      const body = Buffer.from(listAnswer(format, Number(match[1])));
      if (match[2] === 'length') res.setHeader('content-length', body.length);
      res.writeHead(200, { ...CORS, 'content-type': `application/${format}` });
      return void writeInChunks(res, body);
    }
    if (scenario === 'gzip-bomb') {
      const body = gzipBomb(format);
      res.writeHead(200, { ...CORS, 'content-type': `application/${format}`, 'content-encoding': 'gzip', 'content-length': body.length });
      return void res.end(body);
    }
    if ((match = /^endless-(gzip|deflate|br|identity)$/.exec(scenario))) {
      // Spaces without end, compressed on the fly and written as fast as the client reads.
      const headers = { ...CORS, 'content-type': 'application/json' };
      if (match[1] !== 'identity') headers['content-encoding'] = match[1];
      res.writeHead(200, headers);
      const sink = match[1] === 'identity' ? res : ENCODERS[match[1]]();
      if (sink !== res) sink.pipe(res);
      const spaces = Buffer.alloc(64 * 1024, 0x20);
      sink.write('{"getVpcPeeringInstanceListResponse":{"requestId":"');
      const pump = () => {
        while (!res.destroyed && sink.write(spaces));
        if (!res.destroyed) sink.once('drain', pump);
      };
      res.on('close', () => sink.destroy());
      return void pump();
    }
    if (scenario === 'drip') {
      // One byte every 100 ms, for ever: a body that arrives, but never in time.
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 100);
      return void res.on('close', () => clearInterval(timer));
    }
    if ((match = /^encoded-(gzip|deflate|br)$/.exec(scenario))) {
      const body = COMPRESS[match[1]](Buffer.from(listAnswer(format)));
      return void res.writeHead(200, { ...CORS, 'content-type': `application/${format}`, 'content-encoding': match[1] }).end(body);
    }
    if (scenario === 'encoded-gzip-gzip') {
      const body = zlib.gzipSync(zlib.gzipSync(Buffer.from(listAnswer(format))));
      return void res.writeHead(200, { ...CORS, 'content-type': `application/${format}`, 'content-encoding': 'gzip, gzip' }).end(body);
    }
    if (scenario === 'encoding-lie') {
      // Says gzip, sends plain text.
      return void res.writeHead(200, { ...CORS, 'content-type': `application/${format}`, 'content-encoding': 'gzip' }).end(listAnswer(format));
    }
    if (scenario === 'ok') return void res.writeHead(200, { ...CORS, 'content-type': `application/${format}` }).end(listAnswer(format));
    res.writeHead(404, { ...CORS, 'content-type': 'text/plain' }).end(`no scenario ${scenario}`);
  });

  for (const server of [main, other]) {
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  return {
    url: `http://127.0.0.1:${main.address().port}`,
    otherUrl: `http://127.0.0.1:${other.address().port}`,
    stats: () => structuredClone(stats),
    close: () => Promise.all([main, other].map((server) => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(resolve);
    }))),
  };
}

function preflight() {
  return { ...CORS, 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-max-age': '600' };
}

function formatOf(req) {
  return new URL(req.url, 'http://x').searchParams.get('responseFormatType') === 'json' ? 'json' : 'xml';
}

/** Writes `body` 64 KB at a time, waiting whenever the socket is full, so a client that stops reading is noticed. */
function writeInChunks(res, body) {
  let at = 0;
  const pump = () => {
    while (at < body.length && !res.destroyed) {
      const chunk = body.subarray(at, at + 64 * 1024);
      at += chunk.length;
      if (at >= body.length) return void res.end(chunk);
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
  };
  pump();
}

/** The keys every hostile-server test signs with: a secret each test then looks for in what comes back. */
export const HOSTILE_KEYS = Object.freeze({ accessKey: 'NCPHOSTILE000000001', secretKey: 'hostileSecretKey000000000000000000000000' });
