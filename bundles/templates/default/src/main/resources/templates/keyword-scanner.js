/*template
{
  "name": "Keyword Scanner",
  "description": "A template displaying how to get a conversation's transcript and scan it for keywords.",
  "eventType": "controllerbot_messaging_conversation_end",
  "requiredDomains": ["conversations.example.com"],
  "requiredSecrets": ["conversation-api-token"],
  "requiredEnv": ["CONVERSATION_API_URL", "KEYWORDS"]
}
*/
// When a conversation ends, fetch its transcript from the conversation history API and look for keywords, e.g. to
// flag conversations about cancellations. LivePerson's template does this with the toolbelt's ConversationUtil, which
// Switchboard does not have: this one calls the API over HTTP. CONVERSATION_API_URL is the API's base address (an
// allowed domain), KEYWORDS a comma-separated list; the API token is the secret 'conversation-api-token'.
const { Toolbelt } = require("lp-faas-toolbelt");
const httpClient = Toolbelt.HTTPClient();
const secretClient = Toolbelt.SecretClient();

async function getConversation(conversationId) {
  const token = await secretClient.readSecret("conversation-api-token");
  return httpClient.get(`${process.env.CONVERSATION_API_URL}/conversations/${encodeURIComponent(conversationId)}`, {
    headers: { Authorization: `Bearer ${token.value}` },
    json: true,
  });
}

function scanConversationForKeywords(lines, keywords) {
  const found = new Set();
  for (const line of lines) {
    const text = String(line.text || "").toLowerCase();
    keywords.filter((keyword) => text.includes(keyword)).forEach((keyword) => found.add(keyword));
  }
  return [...found];
}

async function lambda(input, callback) {
  const conversationId = input.payload.general.convId;
  const keywords = String(process.env.KEYWORDS || "").split(",").map((k) => k.trim().toLowerCase()).filter(Boolean);
  try {
    const conversation = await getConversation(conversationId);
    const found = scanConversationForKeywords(conversation.transcript || [], keywords);
    if (found.length > 0) {
      console.warn(`Conversation ${conversationId} mentions: ${found.join(", ")}`);
    } else {
      console.info(`Conversation ${conversationId} mentions none of ${keywords.length} keyword(s)`);
    }
    // [] sends nothing; callback() would send the account's default automatic message.
    callback(null, []);
  } catch (error) {
    console.error(`Could not scan conversation ${conversationId}: ${error.message}`);
    callback(error);
  }
}
