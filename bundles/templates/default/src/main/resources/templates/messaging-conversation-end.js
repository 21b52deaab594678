/*template
{
  "name": "Messaging Conversation End",
  "description": "A template displaying some basic ways how the \"Messaging Conversation End\"-Event can be used.",
  "eventType": "messaging_conversation_end",
  "defaultForEvent": true
}
*/
// Runs when a conversation was closed by the agent, the consumer or the system. The conversation is over, so
// the function usually records or forwards what happened (a CRM, a data store) and returns no command.
// Callback commands a messaging function may return (one, a list, or an empty list for "do nothing"):
//   { type: 'systemMessage', text }   { type: 'transfer', skillId }   { type: 'closeConversation' }
async function lambda(input) {
  const event = input.payload;
  console.info(`Conversation ${event.conversationId} on skill ${event.skillId} was closed by ${event.closeReason}`);
  return [];
}
