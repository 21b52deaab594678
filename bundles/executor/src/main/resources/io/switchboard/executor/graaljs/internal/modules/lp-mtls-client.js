// Facade of V2's Toolbelt.LPMtlsClient(): get/post(url, headers?, body?, {json, timeout}) -> {statusCode, headers, body}
// through LivePerson's mTLS gateway (the host finds it, signs in with the app key and sends the gateway's headers).
// With json: true the body is sent as JSON and a JSON answer is parsed; otherwise the body must be text (a string,
// URLSearchParams or a Buffer/typed array, as fetch's BodyInit). Errors carry `code` from ErrorCodes.Mtls.
(call, kit) => function LPMtlsClient() {
  const { ErrorCodes } = kit.enums;
  const badRequest = (message) => {
    const error = new Error(message);
    error.name = 'LPMtlsError';
    error.code = ErrorCodes.Mtls.BAD_REQUEST;
    return error;
  };
  const text = (body, json) => {
    if (body === undefined || body === null) return null;
    if (json) {
      try { return JSON.stringify(body); } catch (e) { throw badRequest('Provided body could not be stringified'); }
    }
    if (typeof body === 'string') return body;
    if (body instanceof URLSearchParams) return body.toString();
    if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
    throw badRequest('Provided body was not a string or one of the allowed types (URLSearchParams, ArrayBuffer, '
      + 'ArrayBufferView). Please use the json option or stringify the content before passing it');
  };
  const send = (method) => async (url, headers, body, options) => {
    const settings = options || {};
    const json = settings.json === true;
    const response = kit.orThrow(await call('request', { method, url: String(url), headers: Object.assign({}, headers || {}),
      body: text(body, json), json, timeout: typeof settings.timeout === 'number' ? settings.timeout : undefined }));
    let parsed = response.body;
    if (json) {
      try { parsed = JSON.parse(parsed); } catch (e) { /* not JSON: the raw body */ }
    }
    return { statusCode: response.status, body: parsed, headers: response.headers };
  };
  return { get: send('GET'), post: send('POST') };
}
