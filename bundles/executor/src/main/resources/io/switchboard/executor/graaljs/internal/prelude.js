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
  const StringCtor = String;
  const apply = Reflect.apply;
  const then = Promise.prototype.then;
  const resolved = Promise.resolve.bind(Promise);
  const defineGlobal = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });

  for (const name of ['Java', 'Packages', 'java', 'javax', 'Polyglot', 'Graal', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'read', 'readbuffer', 'readline']) {
    delete globalThis[name];
  }

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
  // Built without Array.prototype methods: the function may have replaced them.
  const line = (args) => {
    let text = '';
    for (let i = 0; i < args.length; i++) text += (i > 0 ? ' ' : '') + show(args[i]);
    return text;
  };
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
      moduleName, StringCtor(operation), stringify(args),
      (text) => resolve(text == null ? undefined : parse(text)),
      (message) => reject(new ErrorCtor(message))));
  const toolbelt = {};
  for (let i = 0; i < facades.length; i++) {
    const name = facades[i][0];
    toolbelt[name] = facades[i][1](caller(name));
  }
  // LivePerson code writes both `require('lp-faas-toolbelt').HTTPClient()` and
  // `const { Toolbelt } = require('lp-faas-toolbelt'); Toolbelt.HTTPClient()`.
  Object.defineProperty(toolbelt, 'Toolbelt', { value: toolbelt, enumerable: false });
  freeze(toolbelt);
  const modules = new Map([['lp-faas-toolbelt', toolbelt]]);
  defineGlobal('require', (name) => {
    if (modules.has(name)) return modules.get(name);
    throw new ErrorCtor("Cannot find module '" + name + "': functions may require only 'lp-faas-toolbelt'");
  });

  const process = { env: freeze({}) };
  defineGlobal('process', process);
  let envText = '{}';

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
  // Cut here, before the text crosses into Java: the function chooses how long its error message is.
  const maxErrorChars = host.maxChars('error');
  const maxResultChars = host.maxChars('result');
  const slice = String.prototype.slice;
  const describe = (error) => {
    const text = StringCtor(describeFully(error));
    if (text.length <= maxErrorChars) return text;
    const note = '... [' + text.length + ' characters in all]';
    return note.length >= maxErrorChars
      ? apply(slice, text, [0, maxErrorChars])
      : apply(slice, text, [0, maxErrorChars - note.length]) + note;
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
      else if (text.length > maxResultChars) settle('too-large', StringCtor(text.length));
      else settle('ok', text);
    };
    const fail = (error) => settle('error', describe(error));
    try {
      const input = parse(inputJson);
      if (lambda.length >= 2) {
        const returned = lambda(input, (error, result) => (error != null ? fail(error) : succeed(result)));
        if (returned instanceof PromiseCtor) apply(then, returned, [undefined, fail]);
      } else {
        apply(then, resolved(lambda(input)), [succeed, fail]);
      }
    } catch (e) {
      fail(e);
    }
  };
})
