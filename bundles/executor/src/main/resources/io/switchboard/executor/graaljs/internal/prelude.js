// Platform code evaluated once in every sandboxed context, before the function's code.
// It is a function expression: the executor calls it with the host bridge and the toolbelt facades,
// so neither becomes a global the function could reach. It returns the per-invocation entry point
// (invoke) and the entry-point rule (entryPoint). Node's globals and modules are defined here; the heavy
// ones (Buffer, URL, crypto, fetch ...) are loaded from the bundled npm packages on first use.
(function install(host, facades, shared) {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const PromiseCtor = Promise;
  const ErrorCtor = Error;
  const RUNTIME_ERRORS = [TypeError, ReferenceError, SyntaxError];
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const StringCtor = String;
  const apply = Reflect.apply;
  const then = Promise.prototype.then;
  const resolved = Promise.resolve.bind(Promise);
  const MapCtor = Map;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapDelete = Map.prototype.delete;
  const mapClear = Map.prototype.clear;
  const NODE_VERSION = '22.12.0';
  const defineGlobal = (name, value) =>
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  // A global loaded on first use; assigning it replaces it, as with any other global.
  const lazyGlobal = (name, load) => defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get() { const value = load(); defineGlobal(name, value); return value; },
    set(value) { defineGlobal(name, value); },
  });

  for (const name of ['Java', 'Packages', 'java', 'javax', 'Polyglot', 'Graal', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'read', 'readbuffer', 'readline']) {
    delete globalThis[name];
  }

  // ---- console: LivePerson's console.<level>(message, ...extras), extras kept as a JSON array beside the message
  const show = (value) => {
    try {
      if (typeof value === 'string') return value;
      if (value instanceof ErrorCtor) return StringCtor(value.stack || value);
      const text = stringify(value);
      return text === undefined ? StringCtor(value) : StringCtor(text);
    } catch (e) {
      return '[unprintable ' + typeof value + ']';
    }
  };
  const json = (value) => {
    try {
      if (value instanceof ErrorCtor) return stringify({ name: value.name, message: value.message, stack: StringCtor(value.stack) });
      const text = stringify(value);
      return text === undefined ? stringify(StringCtor(value)) : text;
    } catch (e) {
      return stringify('[unprintable ' + typeof value + ']');
    }
  };
  // Built without Array.prototype methods: the function may have replaced them.
  const extras = (args) => {
    if (args.length < 2) return null;
    let text = '[';
    for (let i = 1; i < args.length; i++) text += (i > 1 ? ',' : '') + json(args[i]);
    return text + ']';
  };
  // Once the host dropped an entry (the run's log is full: LivePerson keeps 10 entries, 6,000 characters), every later
  // entry is dropped too: the console then only counts them, without formatting them or copying their text to the host.
  let logFull = false;
  const logger = (level) => (...args) => {
    if (logFull) {
      host.logDropped();
    } else if (!host.log(level, args.length === 0 ? '' : show(args[0]), extras(args))) {
      logFull = true;
    }
  };
  defineGlobal('console', freeze({
    debug: logger('DEBUG'),
    trace: logger('DEBUG'),
    log: logger('INFO'),
    info: logger('INFO'),
    warn: logger('WARN'),
    error: logger('ERROR'),
  }));

  // ---- timers: all run on the invocation's event loop
  const intervals = new MapCtor(); // interval handle -> the host timer of its next tick
  const needFunction = (name, callback) => {
    if (typeof callback !== 'function') throw new TypeError('The "callback" argument of ' + name + ' must be a function');
  };
  const clearTimer = (id) => {
    if (typeof id !== 'number') return;
    const next = apply(mapGet, intervals, [id]);
    if (next !== undefined) {
      apply(mapDelete, intervals, [id]);
      host.clearTimer(next);
    } else {
      host.clearTimer(id);
    }
  };
  defineGlobal('setTimeout', (callback, delay, ...args) => {
    needFunction('setTimeout', callback);
    return host.setTimer(() => callback(...args), Number(delay) || 0);
  });
  defineGlobal('setInterval', (callback, delay, ...args) => {
    needFunction('setInterval', callback);
    const every = Math.max(1, Number(delay) || 0);
    let handle;
    // The next tick is scheduled before the callback runs, so clearInterval inside the callback stops it.
    const tick = () => {
      apply(mapSet, intervals, [handle, host.setTimer(tick, every)]);
      callback(...args);
    };
    handle = host.setTimer(tick, every);
    apply(mapSet, intervals, [handle, handle]);
    return handle;
  });
  defineGlobal('setImmediate', (callback, ...args) => {
    needFunction('setImmediate', callback);
    return host.setTimer(() => callback(...args), 0);
  });
  defineGlobal('clearTimeout', clearTimer);
  defineGlobal('clearInterval', clearTimer);
  defineGlobal('clearImmediate', clearTimer);
  defineGlobal('queueMicrotask', (callback) => {
    needFunction('queueMicrotask', callback);
    apply(then, resolved(), [() => {
      try {
        callback();
      } catch (e) {
        host.setTimer(() => { throw e; }, 0);
      }
    }]);
  });

  // ---- the toolbelt
  const caller = (moduleName) => (operation, ...args) => new PromiseCtor((resolve, reject) => host.toolbelt(
      moduleName, StringCtor(operation), stringify(args),
      (text) => resolve(text == null ? undefined : parse(text)),
      (message) => reject(new ErrorCtor(message))));
  const toolbelt = {};
  // What a facade gets besides its host call: the enums and error types, the error mapping of answers, and the
  // toolbelt itself (utilities such as ConversationUtil are built on LpClient).
  const facadeKit = freeze({ enums: shared.enums, orThrow: shared.orThrow, toolbelt: () => toolbelt });
  for (let i = 0; i < facades.length; i++) {
    const name = facades[i][0];
    toolbelt[name] = facades[i][1](caller(name), facadeKit);
  }
  // LivePerson code writes both `require('lp-faas-toolbelt').HTTPClient()` and
  // `const { Toolbelt } = require('lp-faas-toolbelt'); Toolbelt.HTTPClient()`, and takes the enums from the same object.
  defineProperty(toolbelt, 'Toolbelt', { value: toolbelt, enumerable: false });
  for (const name of Object.keys(shared.enums)) {
    defineProperty(toolbelt, name, { value: shared.enums[name], enumerable: false });
  }
  freeze(toolbelt);

  // ---- process: the environment is set per function version; writes stay in this context
  const process = {
    env: {},
    versions: freeze({ node: NODE_VERSION }),
    platform: 'linux',
    arch: 'x64',
    argv: freeze([]),
    pid: 1,
    cwd: () => '/',
    nextTick: (callback, ...args) => globalThis.queueMicrotask(() => callback(...args)),
    emitWarning: () => undefined,
    hrtime: Object.assign((previous) => {
      const now = Date.now();
      const seconds = Math.floor(now / 1000);
      const nanos = (now % 1000) * 1e6;
      return previous ? [seconds - previous[0], nanos - previous[1]] : [seconds, nanos];
    }, { bigint: () => BigInt(Date.now()) * 1000000n }),
  };
  defineProperty(process, 'version', { value: 'v' + NODE_VERSION, enumerable: true, writable: false, configurable: false });
  defineGlobal('process', process);
  defineGlobal('global', globalThis);

  // ---- modules: CommonJS require over the bundled packages (parsed once per engine by the host)
  const moduleCache = new MapCtor();
  const hostModule = freeze({ crypto: host.crypto, http: caller('HTTPClient') });
  const privileged = (id) => id === 'crypto' || id.startsWith('switchboard:');
  const notFound = (specifier) => {
    const error = new ErrorCtor("Cannot find module '" + specifier + "': functions may require " + host.moduleIds());
    error.code = 'MODULE_NOT_FOUND';
    return error;
  };
  const makeRequire = (trusted) => function require(specifier) {
    if (typeof specifier !== 'string') throw new TypeError('The "id" argument must be of type string');
    let id = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
    if (id.length > 1 && id.endsWith('/')) id = id.slice(0, -1);
    if (id === 'lp-faas-toolbelt' || id === 'core-functions-toolbelt') return toolbelt;
    if (id === 'process') return process;
    if (id === 'switchboard:host' && trusted) return hostModule;
    const cached = apply(mapGet, moduleCache, [id]);
    if (cached !== undefined) return cached.exports;
    const wrapper = host.loadModule(id);
    if (wrapper == null) throw notFound(specifier);
    const module = { id, exports: {}, loaded: false, filename: '/node_modules/' + id + '.js' };
    apply(mapSet, moduleCache, [id, module]);
    try {
      apply(wrapper, module.exports, [module.exports, privileged(id) ? trustedRequire : userRequire, module, module.filename, '/node_modules']);
    } catch (e) {
      apply(mapDelete, moduleCache, [id]);
      throw e;
    }
    module.loaded = true;
    return module.exports;
  };
  const userRequire = makeRequire(false);
  const trustedRequire = makeRequire(true);
  defineGlobal('require', userRequire);
  // The ES module shims of the module file system call this; it cannot be replaced.
  defineProperty(globalThis, Symbol.for('switchboard.require'), { value: userRequire });
  const commonJs = { exports: {} };
  defineGlobal('module', commonJs);
  defineGlobal('exports', commonJs.exports);

  // ---- Node and web globals, from the bundled packages on first use
  const buffer = () => userRequire('buffer').Buffer;
  lazyGlobal('Buffer', buffer);
  lazyGlobal('URL', () => userRequire('url').URL);
  lazyGlobal('URLSearchParams', () => userRequire('url').URLSearchParams);
  lazyGlobal('structuredClone', () => {
    const clone = userRequire('switchboard:structured-clone').default;
    return (value, options) => clone(value, Object.assign({ lossy: false, json: false }, options));
  });
  lazyGlobal('crypto', () => userRequire('crypto').webcrypto);
  lazyGlobal('fetch', () => userRequire('switchboard:fetch').fetch);
  lazyGlobal('Headers', () => userRequire('switchboard:fetch').Headers);
  lazyGlobal('Response', () => userRequire('switchboard:fetch').Response);
  const invalidCharacter = (what) => {
    const error = new ErrorCtor('Invalid character: ' + what);
    error.name = 'InvalidCharacterError';
    return error;
  };
  defineGlobal('btoa', (data) => {
    const text = StringCtor(data);
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 255) throw invalidCharacter('btoa accepts only characters of Latin-1');
    }
    return buffer().from(text, 'latin1').toString('base64');
  });
  // No regular expression literals in the prelude: parsing one creates the regex engine's context, which takes the
  // engine's lock, and Engine.close(true) holds that lock while it waits for threads in contexts (a deadlock when a
  // context is being prepared during deactivation).
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const WHITESPACE = '\t\n\f\r ';
  defineGlobal('atob', (data) => {
    const input = StringCtor(data);
    let text = '';
    let padding = 0;
    for (let i = 0; i < input.length; i++) {
      const c = input[i];
      if (WHITESPACE.includes(c)) continue;
      if (c === '=') padding++;
      else if (padding > 0 || !BASE64.includes(c)) throw invalidCharacter('the string is not base64');
      text += c;
    }
    if (padding > 2 || text.length % 4 === 1) throw invalidCharacter('the string is not base64');
    return buffer().from(text, 'base64').toString('latin1');
  });

  // ---- the entry-point rule: a global function lambda, module.exports as a function or with a lambda,
  // or in module code an exported lambda, a default export, or a top-level lambda (the executor appends an
  // export of it under LAMBDA_EXPORT)
  const LAMBDA_EXPORT = '__switchboard_lambda';
  const entryPoint = (namespace) => {
    const fn = (value) => (typeof value === 'function' ? value : undefined);
    if (namespace !== undefined && namespace !== null) {
      const fallback = namespace.default;
      return fn(namespace.lambda) || fn(fallback) || fn(fallback && fallback.lambda) || fn(namespace[LAMBDA_EXPORT]);
    }
    if (typeof lambda === 'function') return lambda; // eslint-disable-line no-undef
    const exported = commonJs.exports;
    return fn(exported) || fn(exported && exported.lambda);
  };

  const describeFully = (error) => {
    try {
      if (error instanceof ErrorCtor) return StringCtor(error.message || error);
      if (typeof error === 'string') return error;
      if (error && typeof error.errorMsg === 'string') return error.errorMsg;
    } catch (e) {
      // a getter of the error threw: describe it generically below
    }
    return show(error);
  };
  const isRuntimeError = (error) => {
    for (let i = 0; i < RUNTIME_ERRORS.length; i++) if (error instanceof RUNTIME_ERRORS[i]) return true;
    return false;
  };
  // Cut here, before the text crosses into Java: the function chooses how long its error message is.
  // Read on first use, while an invocation is bound: spare contexts run this prelude before any invocation exists.
  let errorCharLimit;
  let resultCharLimit;
  const maxErrorChars = () => (errorCharLimit === undefined ? (errorCharLimit = host.maxChars('error')) : errorCharLimit);
  const maxResultChars = () => (resultCharLimit === undefined ? (resultCharLimit = host.maxChars('result')) : resultCharLimit);
  const slice = String.prototype.slice;
  const describe = (error) => {
    const text = StringCtor(describeFully(error));
    const limit = maxErrorChars();
    if (text.length <= limit) return text;
    const note = '... [' + text.length + ' characters in all]';
    return note.length >= limit
      ? apply(slice, text, [0, limit])
      : apply(slice, text, [0, limit - note.length]) + note;
  };

  let envText;
  // Runs one invocation: both programming styles end in exactly one host.settle call; later ones are reported.
  const invoke = function invoke(target, inputJson, envJson) {
    if (envJson !== envText) {
      process.env = parse(envJson);
      envText = envJson;
    }
    if (intervals.size !== 0) apply(mapClear, intervals, []);
    logFull = false;
    let settled = false;
    const settle = (kind, text) => {
      if (settled) {
        host.settleAgain(kind);
        return;
      }
      settled = true;
      host.settle(kind, text);
    };
    const succeed = (result) => {
      let text;
      try {
        text = result === undefined ? 'null' : stringify(result);
      } catch (e) {
        settle('invalid', 'the result is not JSON-serialisable: ' + describe(e));
        return;
      }
      if (text === undefined) settle('invalid', 'the result is not JSON-serialisable: a ' + typeof result);
      else if (text.length > maxResultChars()) settle('too-large', StringCtor(text.length));
      else settle('ok', text);
    };
    // LivePerson: TypeError, ReferenceError and SyntaxError are runtime exceptions; any other error is the function's own.
    const fail = (error) => {
      let runtime = false;
      try {
        runtime = isRuntimeError(error);
      } catch (e) {
        // a proxy threw on instanceof: not a runtime error of the engine
      }
      settle(runtime ? 'runtime' : 'error', runtime ? StringCtor(error.name) + ': ' + describe(error) : describe(error));
    };
    try {
      const input = parse(inputJson);
      if (target.length >= 2) {
        const returned = target(input, (error, result) => (error != null ? fail(error) : succeed(result)));
        if (returned instanceof PromiseCtor) apply(then, returned, [undefined, fail]);
      } else {
        apply(then, resolved(target(input)), [succeed, fail]);
      }
    } catch (e) {
      fail(e);
    }
  };
  // Spare contexts require popular libraries ahead (GraalJsExecutor.Config.preloadModules), and use a library whose
  // first use in a context is costly once, with values no function relies on: luxon's first DateTime in an IANA zone
  // creates the context's Intl.DateTimeFormat machinery (about 3 of the 12 ms of CPU a new version's first call that
  // uses luxon with a time zone took; docs/benchmarks.md). Only luxon's per-zone caches learn 'Etc/GMT+1'.
  const primers = {
    luxon: (luxon) => {
      luxon.DateTime.fromMillis(0, { zone: 'utc' }).toISO();
      luxon.DateTime.fromMillis(0, { zone: 'Etc/GMT+1' }).toISO();
    },
  };
  const preload = (id) => {
    const exported = userRequire(id);
    if (Object.prototype.hasOwnProperty.call(primers, id)) primers[id](exported);
  };
  return freeze({ invoke, entryPoint, preload });
})
