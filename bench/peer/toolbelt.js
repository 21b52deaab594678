// The part of 'lp-faas-toolbelt' the benchmark functions use, for the peer: HTTPClient().fetch over keep-alive.
'use strict';
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function fetch(url, opts = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method || 'GET', headers: opts.headers || {}, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, ok: res.statusCode < 300, headers: { get: (h) => res.headers[h.toLowerCase()] },
          text: async () => text, json: async () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error('timeout')));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const Toolbelt = Object.freeze({ HTTPClient: () => ({ fetch }) });
module.exports = Object.freeze({ Toolbelt, ...Toolbelt });
