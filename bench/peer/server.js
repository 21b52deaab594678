// The Node.js peer: what a team would write instead of the platform. Node's own http module, a cluster of
// workers, the same function code per request (bench/functions/*.js), the same bearer/account check, the command
// taken from the path (the function named like it), a JSON parse of the body with a 1 MiB limit, a hand-written
// check of the Conversational Command schema, and LivePerson's answer (the reply as the body, 901 on a failure).
// It keeps no invocation records (the platform stores one per run).
'use strict';
const cluster = require('node:cluster');
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const toolbelt = require('./toolbelt');

const PORT = Number(process.env.PEER_PORT || 18282);
const KEY = process.env.PEER_KEY || 'bench';
const WORKERS = Number(process.env.PEER_WORKERS || 2);
const STUB = process.env.STUB_URL || 'http://127.0.0.1:18383';
const FUNCTIONS = JSON.parse(process.env.PEER_FUNCTIONS || '{}'); // account -> file in bench/functions
const MAX_BODY = 1024 * 1024;
const ROUTE = /^\/events\/conversational-commands\/commands\/([A-Za-z0-9_-]{1,50})$/;

function load(file) {
  const code = fs.readFileSync(path.join(__dirname, '..', 'functions', file), 'utf8').replaceAll('__STUB__', STUB);
  const req = (name) => { if (name === 'lp-faas-toolbelt') return toolbelt; throw new Error('Cannot find module ' + name); };
  // eslint-disable-next-line no-new-func
  return new Function('require', 'console', code + '\nreturn lambda;')(req, { log() {}, info() {}, warn() {}, error() {}, debug() {} });
}

function problem(res, status, title, detail) {
  const body = JSON.stringify({ type: 'urn:switchboard:problem:' + title, title, status, detail });
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' });
  res.end(body);
}

const isStr = (v) => typeof v === 'string';
function validate(p) {
  const errors = [];
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return ['"" must be an object'];
  if ('conversationId' in p && !isStr(p.conversationId) && typeof p.conversationId !== 'number') errors.push('/conversationId');
  if ('arguments' in p && (!Array.isArray(p.arguments) || !p.arguments.every(isStr))) errors.push('/arguments');
  return errors;
}

async function run(fn, input) {
  if (fn.length >= 2) {
    return new Promise((resolve, reject) => fn(input, (err, r) => (err ? reject(err) : resolve(r))));
  }
  return fn(input);
}

function serve(functions) {
  http.createServer((req, res) => {
    const route = req.method === 'POST' ? ROUTE.exec(req.url) : null;
    if (!route) return problem(res, 404, 'not-found', 'no such route');
    const auth = req.headers.authorization || '';
    const account = req.headers['x-switchboard-account'];
    if (auth !== 'Bearer ' + KEY || !account) return problem(res, 401, 'unauthorized', 'bad key');
    if (!/^application\/(.+\+)?json\b/.test(req.headers['content-type'] || '')) return problem(res, 415, 'unsupported-media-type', 'send JSON');
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) { tooLarge = true; req.destroy(); return; }
      chunks.push(c);
    });
    req.on('error', () => {});
    req.on('end', async () => {
      if (tooLarge) return;
      let payload;
      try { payload = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch (e) { return problem(res, 400, 'malformed-json', e.message); }
      const errors = validate(payload);
      if (errors.length) return problem(res, 400, 'invalid-payload', errors.join(', '));
      const fn = functions[account];
      if (!fn || fn.name !== route[1]) return problem(res, 404, 'not-found', 'no function for the command ' + route[1]);
      let result;
      try {
        result = await run(fn.lambda, { payload, headers: Object.entries(req.headers).map(([key, value]) => ({ key, value })) });
      } catch (e) {
        res.writeHead(901, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        return res.end(JSON.stringify({ errorCode: 'com.liveperson.faas.handler.custom-failure', errorMsg: String(e && e.message) }));
      }
      const reply = typeof result === 'string' || typeof result === 'number' ? result : null;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(reply));
    });
  }).listen(PORT, '127.0.0.1');
}

if (cluster.isPrimary) {
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  const stop = () => { for (const w of Object.values(cluster.workers)) w.kill(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const functions = {};
  for (const [account, file] of Object.entries(FUNCTIONS)) {
    functions[account] = { id: crypto.randomUUID(), name: file.replace(/\.js$/, ''), lambda: load(file) };
  }
  serve(functions);
}
