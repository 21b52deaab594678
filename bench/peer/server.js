// The Node.js peer: what a team would write instead of the platform. Node's own http module, a cluster of
// workers, the same function code per request (bench/functions/*.js), the same bearer/account check, a JSON
// parse of the body with a 1 MiB limit, a hand-written check of the Conversational Command schema, and the
// platform's reply shape. It keeps no invocation records (the platform stores one per run).
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
const ROUTE = '/events/conversational-commands/command';

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
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function validate(p) {
  const errors = [];
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return ['"" must be an object'];
  for (const k of ['accountId', 'conversationId']) if (!isStr(p[k]) || p[k].length < 1) errors.push('/' + k);
  for (const k of ['skillId', 'consumerId']) if (k in p && !isStr(p[k])) errors.push('/' + k);
  const c = p.command;
  if (!c || typeof c !== 'object') errors.push('/command');
  else {
    if (!isStr(c.name) || !/^[A-Za-z0-9_-]+$/.test(c.name)) errors.push('/command/name');
    if (!Array.isArray(c.arguments) || !c.arguments.every(isStr)) errors.push('/command/arguments');
    if ('rawText' in c && !isStr(c.rawText)) errors.push('/command/rawText');
  }
  const a = p.agent;
  if (!a || typeof a !== 'object' || !isStr(a.id) || a.id.length < 1) errors.push('/agent/id');
  else if ('role' in a && !['AGENT', 'MANAGER', 'ADMIN'].includes(a.role)) errors.push('/agent/role');
  if (p.conversation !== undefined) {
    const cv = p.conversation;
    if (typeof cv !== 'object' || cv === null) errors.push('/conversation');
    else if ('startTs' in cv && !Number.isInteger(cv.startTs)) errors.push('/conversation/startTs');
  }
  if (!isStr(p.timestamp) || !DATE_TIME.test(p.timestamp)) errors.push('/timestamp');
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
    if (req.method !== 'POST' || req.url !== ROUTE) return problem(res, 404, 'not-found', 'no such route');
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
      const results = [];
      if (fn) {
        const invocationId = crypto.randomUUID();
        try {
          const result = await run(fn.lambda, { payload, headers: req.headers });
          results.push({ functionId: fn.id, functionName: fn.name, invocationId, outcome: 'OK', result: result === undefined ? null : result });
        } catch (e) {
          results.push({ functionId: fn.id, functionName: fn.name, invocationId, outcome: 'ERROR', error: { errorCode: 'error', errorMsg: String(e && e.message) } });
        }
      }
      const body = JSON.stringify({ eventId: crypto.randomUUID(), mode: 'SYNC', results });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(body);
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
