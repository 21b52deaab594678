// Bundles the npm packages functions may require into one CommonJS file per module id, for the executor's
// read-only module tree (see README.md beside this file). Run by the Maven build after `npm ci`:
//   node build.mjs <output folder>
// Node built-in names stay external in every bundle: the sandbox's require() resolves them to its own
// polyfill modules, so all libraries share one Buffer, one EventEmitter and one crypto bridge.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname);
const out = resolve(process.argv[2] ?? join(here, 'target'));
const requireHere = createRequire(join(here, 'package.json'));

// Names the sandbox's require() answers with its own modules (builtins); also reached as 'node:<name>' and '<name>/'.
const BUILTINS = ['buffer', 'crypto', 'events', 'process', 'stream', 'string_decoder', 'timers', 'url', 'util'];

// Module id -> entry. `exports` lists the ES named exports when the bundle cannot be loaded by Node here
// (it needs the sandbox's host bridge); otherwise they are read from the loaded bundle.
const MODULES = [
  // LivePerson's libraries (V1 and V2 runtimes)
  { id: 'lodash', entry: 'lodash' },
  { id: 'luxon', entry: 'luxon' },
  { id: 'oauth-1.0a', entry: 'oauth-1.0a' },
  { id: 'jsonwebtoken', entry: 'jsonwebtoken' },
  { id: 'es-toolkit', entry: 'es-toolkit' },
  { id: 'es-toolkit/compat', entry: 'es-toolkit/compat' },
  // Node built-ins, from the npm packages that reproduce them
  { id: 'buffer', entry: 'buffer/' },
  { id: 'events', entry: 'events/' },
  { id: 'util', entry: 'util/' },
  { id: 'stream', entry: 'readable-stream' },
  { id: 'string_decoder', entry: 'string_decoder/' },
  { id: 'url', entry: './runtime/url.js' },
  { id: 'timers', entry: './runtime/timers.js', exports: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'] },
  { id: 'crypto', entry: './runtime/crypto.js', exports: ['createHash', 'createHmac', 'randomBytes', 'randomUUID', 'getRandomValues',
    'randomInt', 'timingSafeEqual', 'createSecretKey', 'createPrivateKey', 'createPublicKey', 'createSign', 'createVerify', 'sign', 'verify',
    'getHashes', 'KeyObject', 'Hash', 'Hmac', 'Sign', 'Verify', 'constants', 'webcrypto'] },
  // Used by the platform itself (globals and the code checker); functions may require them too.
  { id: 'switchboard:fetch', entry: './runtime/fetch.js', exports: ['fetch', 'Headers', 'Response'] },
  { id: 'switchboard:structured-clone', entry: '@ungap/structured-clone' },
  { id: 'switchboard:acorn', entry: 'acorn' },
];

const builtinsExternal = {
  name: 'sandbox-builtins',
  setup(b) {
    const names = BUILTINS.join('|');
    b.onResolve({ filter: new RegExp(`^(node:)?(${names})/?$`) }, (args) => ({
      path: args.path.replace(/^node:/, '').replace(/\/$/, ''), external: true,
    }));
    b.onResolve({ filter: /^switchboard:/ }, (args) => ({ path: args.path, external: true }));
    // Its browser build reads AbortController from `self` or `window`, which the sandbox does not have.
    b.onResolve({ filter: /^abort-controller$/ }, () => ({ path: requireHere.resolve('abort-controller') }));
  },
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally for '
  + 'function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static '
  + 'implements interface package private protected public await arguments eval').split(' '));

function exportNames(code, declared) {
  if (declared) return declared;
  const module = { exports: {} };
  new Function('exports', 'require', 'module', code)(module.exports, requireHere, module);
  const value = module.exports;
  return Object.keys(value).filter((name) => IDENTIFIER.test(name) && !RESERVED.has(name)).sort();
}

mkdirSync(out, { recursive: true });
const index = {};
for (const module of MODULES) {
  const file = module.id.replace(/[/:]/g, '_') + '.js';
  const entry = module.entry.startsWith('./') ? join(here, module.entry) : requireHere.resolve(module.entry);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'browser',
    mainFields: ['browser', 'main'],
    conditions: ['require'],
    target: 'es2022',
    legalComments: 'inline',
    logLevel: 'warning',
    nodePaths: [join(here, 'node_modules')],
    plugins: [builtinsExternal],
  });
  const code = result.outputFiles[0].text;
  writeFileSync(join(out, file), code);
  index[module.id] = { file, exports: exportNames(code, module.exports) };
  if (process.env.VERBOSE) console.log(`bundled ${module.id} -> ${file} (${Math.round(code.length / 1024)} KiB, ${index[module.id].exports.length} named exports)`);
}
const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
const versions = Object.fromEntries(Object.keys(lock.packages[''].dependencies).map((name) => [name, lock.packages['node_modules/' + name].version]));
console.log(`bundled ${MODULES.length} modules into ${out}`);
writeFileSync(join(out, 'index.json'), JSON.stringify({ builtins: BUILTINS, versions, modules: index }, null, 1) + '\n');
