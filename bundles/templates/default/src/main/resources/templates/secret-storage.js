/*template
{
  "name": "Secret Storage Template",
  "description": "An example of how to use the Secret Storage: read a secret, use it, and update it.",
  "requiredSecrets": ["my-secret", "my-secret-rotations"]
}
*/
// Create the secrets 'my-secret' and 'my-secret-rotations' of the account first (PUT /api/v1/accounts/{account}/secrets/...):
// as on LivePerson, functions update secrets but never create them.
// Secrets are read at run time, so they never appear in the function's code or its logs.
const { Toolbelt } = require("lp-faas-toolbelt");
const secretClient = Toolbelt.SecretClient();

async function lambda(input, callback) {
  try {
    const secret = await secretClient.readSecret("my-secret");
    console.info(`Read the secret '${secret.key}' (${secret.value.length} characters)`);

    // Keep a rotation counter beside the value, e.g. for a token that is renewed from time to time.
    const rotations = Number((input.payload && input.payload.rotations) || 0) + 1;
    const updated = await secretClient.updateSecret({ key: "my-secret-rotations", value: String(rotations) });
    callback(null, { secret: secret.key, length: secret.value.length, updated: updated.key, rotations });
  } catch (error) {
    console.error(`The secret storage failed: ${error.message}`);
    callback(error);
  }
}
