// Facade of Toolbelt.LpClient(): lpClient(service, path, options) calls a LivePerson API of the function's account with
// service discovery and OAuth 1.0a signing done by the host; options as HTTPClient's (request-promise): method, headers,
// body, json, simple, resolveWithFullResponse, timeout, plus appKeySecretName, and auth {user, pass} for basic auth.
(call) => function LpClient() {
  return (service, path, options) => {
    const settings = Object.assign({}, options || {});
    const headers = Object.assign({}, settings.headers || {});
    let body = settings.body;
    if (settings.json && body !== undefined && body !== null && typeof body !== 'string' && !settings.binary) {
      body = JSON.stringify(body);
      headers['content-type'] = headers['content-type'] || 'application/json';
    }
    if (settings.json) headers.accept = headers.accept || 'application/json';
    const request = { method: String(settings.method || 'GET').toUpperCase(), headers,
      body: body === undefined || body === null ? null : String(body), binary: settings.binary === true,
      appKeySecretName: settings.appKeySecretName, auth: settings.auth,
      timeout: typeof settings.timeout === 'number' ? settings.timeout : undefined };
    return call('request', String(service), String(path), request).then((response) => {
      let parsed = response.body;
      if (settings.json && parsed !== '') {
        try { parsed = JSON.parse(parsed); } catch (e) { /* not JSON: keep the text */ }
      }
      const full = { statusCode: response.status, headers: response.headers, body: parsed };
      if (settings.simple !== false && (response.status < 200 || response.status >= 300)) {
        const error = new Error(response.status + ' - ' + response.body);
        error.name = 'StatusCodeError';
        error.statusCode = response.status;
        error.response = full;
        throw error;
      }
      return settings.resolveWithFullResponse ? full : parsed;
    });
  };
}
