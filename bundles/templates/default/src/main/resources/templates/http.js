/*template
{
  "name": "HTTP Template",
  "description": "An example of how to execute a HTTP request with the toolbelt's HTTP client (only to allowed domains).",
  "requiredDomains": ["httpbin.org"],
  "requiredEnv": ["HTTP_URL"]
}
*/
// Set HTTP_URL (e.g. https://httpbin.org/anything) and list its host among the allowed domains.
const { Toolbelt } = require("lp-faas-toolbelt");
const httpClient = Toolbelt.HTTPClient();

async function lambda(input, callback) {
  const url = process.env.HTTP_URL;
  if (!url) {
    return callback(new Error("Set the environment variable HTTP_URL to the address to call"));
  }
  try {
    const response = await httpClient(url, {
      method: "POST",
      headers: { "User-Agent": "switchboard-function" },
      body: { question: (input.payload && input.payload.question) || "ping" },
      json: true,
      simple: false,
      resolveWithFullResponse: true,
    });
    if (response.statusCode >= 400) {
      console.warn(`The call to ${url} answered ${response.statusCode}`);
      return callback(null, { ok: false, status: response.statusCode });
    }
    callback(null, { ok: true, status: response.statusCode, body: response.body });
  } catch (error) {
    console.error(`The call to ${url} failed: ${error.message}`);
    callback(error);
  }
}
