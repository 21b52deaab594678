/*template
{
  "name": "Messaging Conversation Routing",
  "description": "A template displaying some basic ways how the \"Messaging Conversation Routing\"-Event can be used.",
  "eventType": "messaging_conversation_routing",
  "defaultForEvent": true
}
*/
// Runs when the conversation was transferred to another skill. Tell the consumer what happens next.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
async function lambda(input) {
  const { conversationId, routing } = input.payload;
  console.info(`Conversation ${conversationId} moved from skill ${routing.fromSkillId} to ${routing.toSkillId} (${routing.reason || 'no reason'})`);
  return [{ type: 'sendMessage', text: 'We are connecting you with the right team. One moment please.', systemMessage: true }];
}
