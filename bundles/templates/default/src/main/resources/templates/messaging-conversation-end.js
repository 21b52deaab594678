/*template
{
  "name": "Messaging Conversation End",
  "description": "A template displaying some basic ways how the \"Messaging Conversation End\"-Event can be used.",
  "eventType": "messaging_conversation_end",
  "defaultForEvent": true
}
*/
// Runs when a conversation was closed by the agent, the consumer or the system. The conversation is over, so the
// function usually records or forwards what happened (a CRM, a data store) and returns no command.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
async function lambda(input) {
  const { conversationId, skillId, close, conversation } = input.payload;
  const minutes = Math.round((close.closeTs - conversation.startTs) / 60000);
  console.info(`Conversation ${conversationId} (skill ${skillId}) closed by ${close.closedBy} after ${minutes} min: ${close.reason || 'no reason'}`);
  return [];
}
