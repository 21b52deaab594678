/*template
{
  "name": "Messaging Consumer Step Up",
  "description": "A template displaying some basic ways how the \"Messaging Consumer Step Up\"-Event can be used.",
  "eventType": "messaging_consumer_step_up",
  "defaultForEvent": true
}
*/
// Runs when the consumer authenticated during the conversation. Confirm it and, when a skill for
// authenticated consumers is configured, move the conversation there.
async function lambda(input) {
  const event = input.payload;
  console.info(`Consumer ${event.consumerId} authenticated in conversation ${event.conversationId}`);
  const commands = [{ type: 'systemMessage', text: 'Thank you, you are now signed in.' }];
  if (process.env.AUTHENTICATED_SKILL_ID) {
    commands.push({ type: 'transfer', skillId: process.env.AUTHENTICATED_SKILL_ID });
  }
  return commands;
}
