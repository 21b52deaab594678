/*template
{
  "name": "Messaging New Conversation",
  "description": "A template displaying some basic ways how the \"Messaging New Conversation\"-Event can be used.",
  "eventType": "messaging_new_conversation",
  "defaultForEvent": true
}
*/
// Runs for every new conversation. Do not route here (the event is asynchronous, a routing bot is the right place);
// greet, or record the start in another system.
function lambda(input, callback) {
  const event = input.payload;
  console.info(`New conversation ${event.conversationId} on skill ${event.skillId}`);
  callback(null, [{ type: 'systemMessage', text: 'Welcome! An agent will be with you in a moment.' }]);
}
