/*template
{
  "name": "Messaging Participants Change",
  "description": "A template displaying some basic ways how the \"Messaging Participants Change\"-Event can be used.",
  "eventType": "messaging_participants_change",
  "defaultForEvent": true
}
*/
// Runs when an agent or a consumer joins or leaves the conversation. Announce a joining agent.
async function lambda(input) {
  const event = input.payload;
  console.info(`${event.role} ${event.participantId} ${event.change} conversation ${event.conversationId}`);
  if (event.role === 'AGENT' && event.change === 'JOINED') {
    return [{ type: 'systemMessage', text: 'An agent joined the conversation.' }];
  }
  return [];
}
