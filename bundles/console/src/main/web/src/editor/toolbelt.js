// What completion offers for the function runtime: the toolbelt's clients and their methods, the globals, and the
// environment the platform sets (docs/executor.md, docs/liveperson-runtime.md).

/** What `require` and `import` accept (docs/liveperson-runtime.md, "Modules"). */
export const MODULES = ['lp-faas-toolbelt', 'core-functions-toolbelt', 'lodash', 'luxon', 'oauth-1.0a', 'jsonwebtoken', 'es-toolkit',
  'es-toolkit/compat', 'crypto', 'buffer', 'events', 'util', 'stream', 'string_decoder', 'url', 'timers', 'process'];

export const CLIENTS = {
  HTTPClient: {
    info: 'HTTP calls to the allowed domains (request-promise style, plus fetch)',
    methods: {
      get: 'client.get(uri, options): GET', post: 'client.post(uri, options): POST', put: 'client.put(uri, options): PUT',
      patch: 'client.patch(uri, options): PATCH', delete: 'client.delete(uri, options): DELETE', head: 'client.head(uri, options): HEAD',
      fetch: 'client.fetch(url, {method, headers, body}) resolves {status, ok, headers.get(), text(), json()}',
    },
  },
  SecretClient: {
    info: "the account's secrets",
    methods: { readSecret: 'readSecret(name) resolves {key, value}', updateSecret: 'updateSecret({key, value})' },
  },
  ContextServiceClient: {
    info: "the account's context store (namespaces of properties)",
    methods: {
      get: 'get(namespace, key)', getAll: 'getAll(namespace)', set: 'set(namespace, key, value)', delete: 'delete(namespace, key)',
      getPropertyInNamespace: 'getPropertyInNamespace(namespace, key)', getAllPropertiesInNamespace: 'getAllPropertiesInNamespace(namespace)',
      setPropertiesInNamespace: 'setPropertiesInNamespace(namespace, object)', deletePropertyInNamespace: 'deletePropertyInNamespace(namespace, key)',
    },
  },
};

export const CONSOLE_METHODS = ['debug', 'info', 'warn', 'error', 'log', 'trace'];

export const PLATFORM_ENV = ['BRAND_ID', 'X_LIVEPERSON_BRAND_ID', 'LAMBDA_UUID', 'X_LIVEPERSON_FUNCTION_UUID'];

export const SNIPPETS = [
  { label: 'lambda', detail: 'async entry point', apply: 'async function lambda(input) {\n  const { payload, headers } = input;\n  return {};\n}\n' },
  { label: 'lambda (callback)', detail: 'callback entry point', apply: 'function lambda(input, callback) {\n  callback(null, {});\n}\n' },
  { label: 'require toolbelt', detail: "const { Toolbelt } = require('lp-faas-toolbelt')", apply: "const { Toolbelt } = require('lp-faas-toolbelt');\n" },
  { label: 'secret', detail: 'read a secret', apply: "const secret = await Toolbelt.SecretClient().readSecret('name');\n" },
  { label: 'http get', detail: 'GET with the HTTP client', apply: "const response = await Toolbelt.HTTPClient()('https://example.com', { method: 'GET', json: true });\n" },
];
