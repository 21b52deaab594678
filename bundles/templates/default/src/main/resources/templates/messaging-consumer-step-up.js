/*template
{
  "name": "Messaging Consumer Step Up",
  "description": "A template displaying some basic ways how the \"Messaging Consumer Step Up\"-Event can be used.",
  "eventType": "messaging_consumer_step_up",
  "defaultForEvent": true
}
*/
// Runs when the consumer authenticated during the conversation. Confirm it and, when a skill for authenticated
// consumers is configured (environment variable AUTHENTICATED_SKILL_ID, optional), move the conversation there.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
async function lambda(input) {
  const { conversationId, stepUp } = input.payload;
  console.info(`Conversation ${conversationId}: consumer authenticated as ${stepUp.authenticatedConsumerId} via ${stepUp.idp}`);
  const commands = [{ type: 'sendMessage', text: 'Thank you, you are now signed in.', systemMessage: true }];
  if (process.env.AUTHENTICATED_SKILL_ID) {
    commands.push({ type: 'transfer', skillId: process.env.AUTHENTICATED_SKILL_ID });
  }
  return commands;
}
