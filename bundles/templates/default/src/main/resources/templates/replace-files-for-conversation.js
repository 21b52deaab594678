/*template
{
  "name": "Replace Files for Conversation",
  "description": "A template displaying how to replace all files of a conversation (GDPR) when it ends.",
  "eventType": "controllerbot_messaging_conversation_end",
  "requiredDomains": ["gdpr.example.com"],
  "requiredSecrets": ["gdpr-api-token"],
  "requiredEnv": ["GDPR_API_URL"]
}
*/
// When a conversation ends, ask the file storage's GDPR API to replace every file the consumer shared with a
// placeholder, so no personal documents are kept. LivePerson's template does this with the toolbelt's GDPRUtil,
// which Switchboard does not have: this one calls the API over HTTP. GDPR_API_URL is the API's base address (an
// allowed domain); the API token is the secret 'gdpr-api-token'.
const { Toolbelt } = require("lp-faas-toolbelt");
const httpClient = Toolbelt.HTTPClient();
const secretClient = Toolbelt.SecretClient();

async function lambda(input, callback) {
  const conversationId = input.payload.general.convId;
  try {
    const token = await secretClient.readSecret("gdpr-api-token");
    const result = await httpClient.post(`${process.env.GDPR_API_URL}/conversations/${encodeURIComponent(conversationId)}/files/replace`, {
      headers: { Authorization: `Bearer ${token.value}` },
      body: { replacement: "placeholder", reason: "GDPR: files are not kept after the conversation" },
      json: true,
    });
    const replaced = (result && result.replacedFiles) || [];
    console.info(`Replaced ${replaced.length} file(s) of conversation ${conversationId}`);
    callback(null, []);
  } catch (error) {
    console.error(`Could not replace the files of ${conversationId}: ${error.message}`);
    callback(error);
  }
}
