/*template
{
  "name": "Salesforce Template",
  "description": "An example of how to connect to Salesforce: OAuth 2.0 client credentials, then a SOQL query for a contact.",
  "requiredDomains": ["login.salesforce.com", "*.my.salesforce.com"],
  "requiredSecrets": ["salesforce-client-id", "salesforce-client-secret"],
  "requiredEnv": ["SALESFORCE_LOGIN_URL"]
}
*/
// SALESFORCE_LOGIN_URL is your org's login address, e.g. https://acme.my.salesforce.com (or https://login.salesforce.com).
// The connected app's consumer key and secret live in the account's secret storage.
const { Toolbelt } = require("lp-faas-toolbelt");
const httpClient = Toolbelt.HTTPClient();
const secretClient = Toolbelt.SecretClient();
const API_VERSION = "v60.0";

async function accessToken() {
  const [clientId, clientSecret] = await Promise.all([
    secretClient.readSecret("salesforce-client-id"),
    secretClient.readSecret("salesforce-client-secret"),
  ]);
  return httpClient.post(`${process.env.SALESFORCE_LOGIN_URL}/services/oauth2/token`, {
    form: { grant_type: "client_credentials", client_id: clientId.value, client_secret: clientSecret.value },
    json: true,
  });
}

async function lambda(input, callback) {
  const email = input.payload && input.payload.email;
  if (!email) {
    return callback(new Error('Invoke with a payload such as {"email": "jane@example.com"}'));
  }
  try {
    const token = await accessToken();
    const soql = `SELECT Id, Name, Phone FROM Contact WHERE Email = '${String(email).replace(/'/g, "\\'")}' LIMIT 1`;
    const result = await httpClient.get(`${token.instance_url}/services/data/${API_VERSION}/query`, {
      qs: { q: soql },
      headers: { Authorization: `Bearer ${token.access_token}` },
      json: true,
    });
    const contact = result.records && result.records[0];
    console.info(contact ? `Found contact ${contact.Id}` : `No contact with e-mail ${email}`);
    callback(null, contact ? { found: true, id: contact.Id, name: contact.Name, phone: contact.Phone || null } : { found: false });
  } catch (error) {
    console.error(`Salesforce failed: ${error.message}`);
    callback(error);
  }
}
