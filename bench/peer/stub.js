// Local stub of an outside HTTP service: /lookup answers at once, /slow after SLOW_MS (a slow target).
'use strict';
const http = require('node:http');
const PORT = Number(process.env.STUB_PORT || 18383);
const SLOW_MS = Number(process.env.SLOW_MS || 5000);
const LOOKUP = JSON.stringify({ orderId: 'A-100234', status: 'shipped', carrier: 'DHL', eta: '2026-12-01' });
http.createServer((req, res) => {
  if (req.url.startsWith('/lookup')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(LOOKUP);
  }
  if (req.url.startsWith('/slow')) {
    const t = setTimeout(() => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('slow'); }, SLOW_MS);
    req.on('close', () => clearTimeout(t));
    return undefined;
  }
  res.writeHead(404);
  return res.end();
}).listen(PORT, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
