// Facade of Toolbelt.MTLSClient({cert, key, ca}): HTTPS with a client certificate, LivePerson's
// get/post/put/delete/options/patch(url, headers, body, {json, timeout, allowSelfSigned}) -> {statusCode, headers, body}.
(call) => function MTLSClient(identity) {
  const pem = (value, name) => {
    const text = value === undefined || value === null ? '' : String(value);
    // LivePerson's "soft format check": a malformed certificate or key throws at once.
    if (!text.includes('-----BEGIN ')) throw new TypeError('MTLSClient: ' + name + ' must be in PEM format');
    return text;
  };
  const options = identity || {};
  const material = { cert: pem(options.cert, 'cert'), key: pem(options.key, 'key') };
  if (options.ca !== undefined && options.ca !== null) material.ca = pem(options.ca, 'ca');
  const send = (method) => (url, headers, body, settings) => {
    const config = settings || {};
    const text = body === undefined || body === null ? null : (typeof body === 'string' ? body : JSON.stringify(body));
    const sent = Object.assign({}, headers || {});
    if (text !== null && typeof body !== 'string' && !Object.keys(sent).some((name) => name.toLowerCase() === 'content-type')) {
      sent['content-type'] = 'application/json';
    }
    return call('request', material, { method, url: String(url), headers: sent, body: text,
      timeout: typeof config.timeout === 'number' ? config.timeout : undefined, allowSelfSigned: config.allowSelfSigned === true })
      .then((response) => {
        let parsed = response.body;
        if (config.json && parsed !== '') {
          try { parsed = JSON.parse(parsed); } catch (e) { /* not JSON: keep the text */ }
        }
        return { statusCode: response.status, headers: response.headers, body: parsed };
      });
  };
  const client = {};
  for (const method of ['get', 'post', 'put', 'delete', 'options', 'patch']) client[method] = send(method.toUpperCase());
  return client;
}
