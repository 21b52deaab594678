/*template
{
  "name": "Keyword Scanner",
  "description": "A template displaying how to get a conversation's transcript and scan it for keywords.",
  "eventType": "messaging_conversation_end",
  "requiredDomains": ["conversations.example.com"],
  "requiredSecrets": ["conversation-api-token"],
  "requiredEnv": ["CONVERSATION_API_URL", "KEYWORDS"]
}
*/
// When a conversation ends, fetch its transcript from the conversation history API and look for keywords,
// e.g. to flag conversations about cancellations. CONVERSATION_API_URL is the API's base address (its host must be
// an allowed domain), KEYWORDS a comma-separated list; the API token is the secret 'conversation-api-token'.
const Toolbelt = require('lp-faas-toolbelt');
const httpClient = Toolbelt.HTTPClient();
const secretClient = Toolbelt.SecretClient();

async function getConversation(conversationId) {
  const token = await secretClient.readSecret('conversation-api-token');
  return httpClient.get(`${process.env.CONVERSATION_API_URL}/conversations/${encodeURIComponent(conversationId)}`, {
    headers: { Authorization: `Bearer ${token.value}` },
    json: true,
  });
}

function scan(lines, keywords) {
  const found = new Set();
  for (const line of lines) {
    const text = String(line.text || '').toLowerCase();
    keywords.filter((keyword) => text.includes(keyword)).forEach((keyword) => found.add(keyword));
  }
  return [...found];
}

async function lambda(input) {
  const keywords = String(process.env.KEYWORDS || '').split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
  const conversation = await getConversation(input.payload.conversationId);
  const found = scan(conversation.transcript || [], keywords);
  if (found.length > 0) {
    console.warn(`Conversation ${input.payload.conversationId} mentions: ${found.join(', ')}`);
  } else {
    console.info(`Conversation ${input.payload.conversationId} mentions none of ${keywords.length} keyword(s)`);
  }
  return [];
}
