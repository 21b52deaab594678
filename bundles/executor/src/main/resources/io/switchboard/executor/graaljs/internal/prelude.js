// Platform code evaluated once in every sandboxed context, before the function's code.
// It is a function expression: the executor calls it with the host bridge and the toolbelt facades,
// so neither becomes a global the function could reach. It returns the per-invocation entry point.
(function install(host, facades) {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const PromiseCtor = Promise;
  const ErrorCtor = Error;
  const freeze = Object.freeze;
  const defineGlobal = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });

  for (const name of ['Java', 'Packages', 'java', 'javax', 'Polyglot', 'Graal', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'read', 'readbuffer', 'readline']) {
    delete globalThis[name];
  }

  const show = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof ErrorCtor) return value.stack || String(value);
    try {
      const text = stringify(value);
      return text === undefined ? String(value) : text;
    } catch (e) {
      return String(value);
    }
  };
  const line = (args) => args.map(show).join(' ');
  defineGlobal('console', freeze({
    debug: (...args) => host.log('DEBUG', line(args)),
    trace: (...args) => host.log('DEBUG', line(args)),
    log: (...args) => host.log('INFO', line(args)),
    info: (...args) => host.log('INFO', line(args)),
    warn: (...args) => host.log('WARN', line(args)),
    error: (...args) => host.log('ERROR', line(args)),
  }));

  defineGlobal('setTimeout', (callback, delay, ...args) => {
    if (typeof callback !== 'function') throw new TypeError('setTimeout needs a function');
    return host.setTimer(() => callback(...args), Number(delay) || 0);
  });
  defineGlobal('setImmediate', (callback, ...args) => globalThis.setTimeout(callback, 0, ...args));
  defineGlobal('clearTimeout', (id) => { if (typeof id === 'number') host.clearTimer(id); });
  defineGlobal('clearImmediate', (id) => globalThis.clearTimeout(id));

  const caller = (moduleName) => (operation, ...args) => new PromiseCtor((resolve, reject) => host.toolbelt(
      moduleName, String(operation), stringify(args),
      (text) => resolve(text == null ? undefined : parse(text)),
      (message) => reject(new ErrorCtor(message))));
  const toolbelt = {};
  for (let i = 0; i < facades.length; i++) {
    const name = facades[i][0];
    toolbelt[name] = facades[i][1](caller(name));
  }
  freeze(toolbelt);
  const modules = new Map([['lp-faas-toolbelt', toolbelt]]);
  defineGlobal('require', (name) => {
    if (modules.has(name)) return modules.get(name);
    throw new ErrorCtor("Cannot find module '" + name + "': functions may require only 'lp-faas-toolbelt'");
  });

  const process = { env: freeze({}) };
  defineGlobal('process', process);
  let envText = '{}';

  const describe = (error) => {
    if (error instanceof ErrorCtor) return error.message || String(error);
    if (typeof error === 'string') return error;
    if (error && typeof error.errorMsg === 'string') return error.errorMsg;
    return show(error);
  };

  // Runs one invocation: both programming styles end in exactly one host.settle call; later ones are reported.
  return function invoke(lambda, inputJson, envJson) {
    if (envJson !== envText) {
      process.env = freeze(parse(envJson));
      envText = envJson;
    }
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
      else settle('ok', text);
    };
    const fail = (error) => settle('error', describe(error));
    try {
      const input = parse(inputJson);
      if (lambda.length >= 2) {
        const returned = lambda(input, (error, result) => (error != null ? fail(error) : succeed(result)));
        if (returned && typeof returned.then === 'function') returned.then(undefined, fail);
      } else {
        PromiseCtor.resolve(lambda(input)).then(succeed, fail);
      }
    } catch (e) {
      fail(e);
    }
  };
})
