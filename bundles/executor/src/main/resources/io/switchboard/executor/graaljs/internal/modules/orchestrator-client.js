// Facade of Toolbelt.OrchestratorClient(): invoke([{uuid, payload, headers, retries, retryFunction}], deadline,
// {timeout, errorStrategy, invokeParallel}) runs other functions of the same account through the platform (the same
// service as the bot INVOCATION action) and answers [{uuid, body, headers, statusCode, error}], as LivePerson.
(call, kit) => function OrchestratorClient() {
  const { ErrorStrategy, ErrorCodes } = kit.enums;
  const MAX_DEADLINE = 25000;
  const RETRIED_STATUS = [429, 500, 502, 504];
  const headerObject = (headers) => {
    if (Array.isArray(headers)) {
      const object = {};
      for (const header of headers) if (header && header.key !== undefined) object[String(header.key)] = String(header.value);
      return object;
    }
    return headers && typeof headers === 'object' ? headers : {};
  };
  const invokeOne = async (invocation, until, timeout) => {
    const retries = typeof invocation.retries === 'number' ? Math.max(0, invocation.retries) : 3;
    const retry = typeof invocation.retryFunction === 'function'
      ? invocation.retryFunction : (statusCode) => RETRIED_STATUS.includes(statusCode);
    const payload = JSON.stringify(invocation.payload === undefined ? null : invocation.payload);
    for (let attempt = 0; ; attempt++) {
      const deadline = Math.min(until, Date.now() + timeout);
      const response = await call('invoke', String(invocation.uuid), payload, headerObject(invocation.headers), deadline);
      if (response.statusCode === 200 || attempt >= retries || Date.now() >= until) return response;
      const error = Object.assign({ cause: { code: response.error && response.error.errorCode } }, response.error);
      if (!retry(response.statusCode, error)) return response;
    }
  };
  const failure = (response, responses) => {
    const error = new Error('Invocation of function ' + response.uuid + ' failed with status ' + response.statusCode + ': '
      + (response.error ? response.error.errorMsg : 'no details'));
    error.code = ErrorCodes.Orchestrator.INVOCATION_FAILED;
    error.response = response;
    error.responses = responses;
    return error;
  };
  return {
    invoke: async (invocations, deadline, options) => {
      if (!Array.isArray(invocations) || invocations.length === 0) throw new TypeError('invocations must be a non-empty array');
      for (const invocation of invocations) {
        if (!invocation || typeof invocation.uuid !== 'string') throw new TypeError('every invocation needs a uuid');
      }
      const budget = Math.min(MAX_DEADLINE, Math.max(1, Number(deadline) || MAX_DEADLINE));
      const settings = options || {};
      const until = Date.now() + budget;
      const timeout = typeof settings.timeout === 'number' && settings.timeout > 0
        ? settings.timeout : Math.floor(budget / (settings.invokeParallel ? 1 : invocations.length));
      const exitOnError = settings.errorStrategy !== ErrorStrategy.CONTINUE_ON_ERROR;
      if (settings.invokeParallel) {
        const responses = await Promise.all(invocations.map((invocation) => invokeOne(invocation, until, timeout)));
        const failed = responses.find((response) => response.statusCode !== 200);
        if (exitOnError && failed) throw failure(failed, responses);
        return responses;
      }
      const responses = [];
      for (const invocation of invocations) {
        const response = await invokeOne(invocation, until, timeout);
        responses.push(response);
        if (exitOnError && response.statusCode !== 200) throw failure(response, responses);
      }
      return responses;
    },
  };
}
