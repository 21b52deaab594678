/*template
{
  "name": "Messaging Participants Change",
  "description": "A template displaying some basic ways how the \"Messaging Participants Change\"-Event can be used.",
  "eventType": "messaging_participants_change",
  "defaultForEvent": true
}
*/
// Runs when an agent, a manager or the consumer joins or leaves the conversation. Announce who joined.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
const ANNOUNCED = { ASSIGNED_AGENT: 'An agent', AGENT: 'An agent', MANAGER: 'A team lead' };

async function lambda(input) {
  const { conversationId, change } = input.payload;
  console.info(`${change.role} ${change.participantId}: ${change.action} in conversation ${conversationId}`);
  if (change.action === 'JOIN' && ANNOUNCED[change.role]) {
    return [{ type: 'sendMessage', text: `${ANNOUNCED[change.role]} joined the conversation.`, systemMessage: true }];
  }
  return [];
}
