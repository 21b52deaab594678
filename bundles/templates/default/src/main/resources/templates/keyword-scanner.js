/*template
{
  "name": "Keyword Scanner",
  "description": "A template displaying how to get a conversation's transcript and scan it for keywords.",
  "eventType": "controllerbot_messaging_conversation_end",
  "requiredSecrets": ["lp-faas-default-app-key"],
  "requiredEnv": ["KEYWORDS"]
}
*/
// When a conversation ends, fetch it from LivePerson's conversation history with the toolbelt's ConversationUtil and
// look for keywords, e.g. to flag conversations about cancellations. KEYWORDS is a comma-separated list. ConversationUtil
// goes through LpClient: the account setting lpDiscoveryBaseUrl finds the history service, and the app key in the
// secret 'lp-faas-default-app-key' signs the request (docs/liveperson-compatibility.md).
const { Toolbelt, ConversationContentTypes } = require("lp-faas-toolbelt");
const conversationUtil = Toolbelt.ConversationUtil();

async function lambda(input, callback) {
  const conversationId = input.payload.general.convId;
  const keywords = String(process.env.KEYWORDS || "").split(",").map((k) => k.trim()).filter(Boolean);
  try {
    const conversation = await conversationUtil.getConversationById(conversationId, [ConversationContentTypes.MESSAGE_RECORDS]);
    // One entry per message and keyword it contains: {message, sentTimestamp, sentBy, tag: "keywordRef:<keyword>"}.
    const hits = conversationUtil.scanConversationForKeywords(conversation, keywords);
    if (hits.length > 0) {
      const found = [...new Set(hits.map((hit) => hit.tag.slice("keywordRef:".length)))];
      console.warn(`Conversation ${conversationId} mentions: ${found.join(", ")} (${hits.length} hit(s))`);
      hits.forEach((hit) => console.info(`${hit.sentBy} at ${hit.sentTimestamp} [${hit.tag}]: ${hit.message}`));
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
