// (c) one outbound HTTP call to the local stub server (allowedDomains 127.0.0.1)
const { Toolbelt } = require('lp-faas-toolbelt');
const client = Toolbelt.HTTPClient();

async function lambda(input) {
  const res = await client.fetch('__STUB__/lookup?order=' + encodeURIComponent(input.payload.arguments[1]));
  const body = await res.json();
  return 'order ' + body.orderId + ' is ' + body.status;
}
