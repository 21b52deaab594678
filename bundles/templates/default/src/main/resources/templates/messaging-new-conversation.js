/*template
{
  "name": "Messaging New Conversation",
  "description": "A template displaying some basic ways how the \"Messaging New Conversation\"-Event can be used.",
  "eventType": "messaging_new_conversation",
  "defaultForEvent": true
}
*/
// Runs for every new conversation. Do not route here (the event is asynchronous; a routing bot is the right place):
// greet, or record the start in another system. This template uses the callback style.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
function lambda(input, callback) {
  const { conversationId, skillId, firstMessage } = input.payload;
  console.info(`New conversation ${conversationId} on skill ${skillId}: "${firstMessage ? firstMessage.text : ''}"`);
  callback(null, [{ type: 'sendMessage', text: 'Welcome! An agent will be with you in a moment.', systemMessage: true }]);
}
