// Completion for function code: the toolbelt, the globals, the event's payload fields (from its sample payload) and
// the function's environment variables.
import { CLIENTS, CONSOLE_METHODS, MODULES, PLATFORM_ENV, SNIPPETS } from './toolbelt.js';

/** Completion options for the object at `path` of the sample payload. */
export function payloadFields(sample, path) {
  let node = sample;
  for (const key of path) {
    node = node && typeof node === 'object' ? node[key] : undefined;
  }
  if (!node || typeof node !== 'object' || Array.isArray(node)) {
    return [];
  }
  return Object.entries(node).map(([key, value]) => ({
    label: key,
    type: 'property',
    detail: Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value,
    info: typeof value === 'object' ? undefined : `sample: ${JSON.stringify(value)}`,
  }));
}

/** Variables the code assigns from a toolbelt factory: `const http = Toolbelt.HTTPClient()` makes `http` an HTTPClient. */
export function clientVariables(code) {
  const found = {};
  const pattern = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?(?:[\w$]+\.)?(HTTPClient|SecretClient|ContextServiceClient)\s*\(/g;
  for (let match = pattern.exec(code); match; match = pattern.exec(code)) {
    found[match[1]] = match[2];
  }
  return found;
}

/**
 * A CodeMirror completion source; `context()` answers {samplePayload, env} at the time of asking, so edits of the
 * settings and a change of event are offered at once.
 */
export function functionCompletions(context) {
  return (completion) => {
    const before = completion.matchBefore(/[\w$]+(?:\.[\w$]*)*$|['"][\w\-/.]*$/);
    if (!before || (before.from === before.to && !completion.explicit)) {
      return null;
    }
    const text = before.text;
    if (text.startsWith("'") || text.startsWith('"')) {
      const line = completion.state.doc.lineAt(completion.pos);
      const quote = text[0];
      return /(require\(\s*|from\s+|import\s+)['"][\w\-/.]*$/.test(line.text.slice(0, completion.pos - line.from))
        ? { from: before.from, options: MODULES.map((m) => ({ label: quote + m, type: 'namespace' })) } : null;
    }
    const parts = text.split('.');
    const last = parts.pop();
    const from = before.to - last.length;
    const options = optionsFor(parts, context(), completion.state.doc.toString());
    return options ? { from, options, validFor: /^[\w$]*$/ } : null;
  };
}

function optionsFor(parts, { samplePayload, env }, code) {
  const [head, ...rest] = parts;
  if (parts.length === 0) {
    return [
      ...SNIPPETS.map((s) => ({ ...s, type: 'text', boost: -1 })),
      { label: 'Toolbelt', type: 'namespace', info: 'the toolbelt (require it first)' },
      { label: 'input', type: 'variable', info: 'the function input: {payload, headers}' },
      { label: 'process', type: 'variable' }, { label: 'console', type: 'variable' },
      { label: 'callback', type: 'function', info: 'callback(error, result) in callback-style functions' },
    ];
  }
  if (head === 'input' && rest.length === 0) {
    return [{ label: 'payload', type: 'property', info: "the event's payload" }, { label: 'headers', type: 'property', info: 'list of {key, value}' }];
  }
  if (head === 'input' && rest[0] === 'payload') {
    return payloadFields(samplePayload, rest.slice(1));
  }
  if (head === 'process' && rest.length === 0) {
    return [{ label: 'env', type: 'property', info: "the function's environment variables" }];
  }
  if (head === 'process' && rest[0] === 'env' && rest.length === 1) {
    return [...Object.keys(env || {}).filter(Boolean), ...PLATFORM_ENV].map((name) => ({ label: name, type: 'constant' }));
  }
  if (head === 'console' && rest.length === 0) {
    return CONSOLE_METHODS.map((m) => ({ label: m, type: 'method' }));
  }
  if (head === 'Toolbelt' && rest.length === 0) {
    return Object.entries(CLIENTS).map(([name, client]) => ({ label: name, type: 'function', apply: name + '()', info: client.info }));
  }
  const client = clientVariables(code)[head];
  if (client && rest.length === 0) {
    return Object.entries(CLIENTS[client].methods).map(([name, info]) => ({ label: name, type: 'method', info }));
  }
  return null;
}
