// Facade of Toolbelt.HTTPClient(): a request-promise style client (as LivePerson Functions code uses it)
// that also offers a fetch-like API. The host sends the request; this file only shapes options and answers.
(call) => function HTTPClient() {
  const encode = (params) => Object.keys(params)
      .map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(String(params[key]))).join('&');
  const send = (request) => call('request', request);

  const normalise = (uriOrOptions, maybeOptions, method) => {
    const options = typeof uriOrOptions === 'string'
        ? Object.assign({}, maybeOptions || {}, { uri: uriOrOptions })
        : Object.assign({}, uriOrOptions || {});
    let url = String(options.uri || options.url || '');
    if (options.qs && Object.keys(options.qs).length > 0) url += (url.includes('?') ? '&' : '?') + encode(options.qs);
    const headers = Object.assign({}, options.headers || {});
    let body = options.body;
    if (options.form) {
      body = typeof options.form === 'string' ? options.form : encode(options.form);
      headers['content-type'] = headers['content-type'] || 'application/x-www-form-urlencoded';
    } else if (options.json && body !== undefined && typeof body !== 'string') {
      body = JSON.stringify(body);
      headers['content-type'] = headers['content-type'] || 'application/json';
    }
    if (options.json) headers.accept = headers.accept || 'application/json';
    // As request-promise: redirects of GET and HEAD are followed unless followRedirect is false, those of other methods
    // only with followAllRedirects; the host checks each hop like a first request.
    const verb = String(method || options.method || 'GET').toUpperCase();
    const request = { method: verb, url, headers,
      body: body === undefined || body === null ? null : String(body),
      timeout: typeof options.timeout === 'number' ? options.timeout : undefined,
      followRedirects: options.followAllRedirects === true
        || (options.followRedirect !== false && (verb === 'GET' || verb === 'HEAD')) };
    return { options, request };
  };

  const client = (uriOrOptions, maybeOptions, method) => {
    const { options, request } = normalise(uriOrOptions, maybeOptions, method);
    return send(request).then((response) => {
      let body = response.body;
      if (options.json && body !== '') {
        try { body = JSON.parse(body); } catch (e) { /* not JSON: keep the text, as request-promise does */ }
      }
      const full = { statusCode: response.status, headers: response.headers, body };
      if (options.simple !== false && (response.status < 200 || response.status >= 300)) {
        const error = new Error(response.status + ' - ' + response.body);
        error.name = 'StatusCodeError';
        error.statusCode = response.status;
        error.response = full;
        throw error;
      }
      return options.resolveWithFullResponse ? full : body;
    });
  };
  for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head']) {
    client[method] = (uriOrOptions, maybeOptions) => client(uriOrOptions, maybeOptions, method);
  }

  client.fetch = (url, init) => {
    const options = init || {};
    return send({ method: String(options.method || 'GET').toUpperCase(), url: String(url),
      headers: Object.assign({}, options.headers || {}),
      body: options.body === undefined || options.body === null ? null : String(options.body),
      followRedirects: options.redirect === undefined || options.redirect === 'follow' })
      .then((response) => ({
        status: response.status,
        ok: response.status >= 200 && response.status < 300,
        url: String(url),
        headers: { get: (name) => { const value = response.headers[String(name).toLowerCase()]; return value === undefined ? null : value; } },
        text: async () => response.body,
        json: async () => JSON.parse(response.body),
      }));
  };
  return client;
}
