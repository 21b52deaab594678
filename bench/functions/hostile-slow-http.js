const { Toolbelt } = require('lp-faas-toolbelt');
const client = Toolbelt.HTTPClient();
async function lambda(input) {
  const res = await client.fetch('__STUB__/slow');
  return await res.text();
}
