/*template
{
  "name": "Logging Template",
  "description": "An example of how to write logs during lambda execution: every level, and objects as JSON."
}
*/
// Log lines are kept with the invocation (levels Debug, Info, Warn, Error); keep them short and never log secrets.
async function lambda(input) {
  console.debug('Debug: detail for troubleshooting, e.g. the headers', JSON.stringify(input.headers || []));
  console.info('Info: the function started with a payload of type', typeof input.payload);
  console.log('Log: the same level as info');
  if (input.payload && input.payload.warn) {
    console.warn('Warn: something unusual, the function carries on');
  }
  try {
    JSON.parse('{ not json');
  } catch (error) {
    console.error('Error: a failure the function handled:', error.message);
  }
  return { logged: true };
}
