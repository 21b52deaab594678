/*template
{
  "name": "Logging Template",
  "description": "An example of how to write logs during lambda execution: every level, and objects as extras."
}
*/
// Log lines are kept with the invocation (levels Debug, Info, Warn, Error); keep them short and never log secrets.
// console.<level>(message, ...extras): extras are JSON values, e.g. the object you are looking at.
function lambda(input, callback) {
  console.debug("Debug: detail for troubleshooting, e.g. the headers", input.headers || []);
  console.info("Info: the function started with a payload of type", typeof input.payload);
  if (input.payload && input.payload.warn) {
    console.warn("Warn: something unusual, the function carries on");
  }
  try {
    JSON.parse("{ not json");
  } catch (error) {
    console.error("Error: a failure the function handled:", error.message);
  }
  callback(null, { logged: true });
}
