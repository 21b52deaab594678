/*template
{
  "name": "Messaging Conversation Routing",
  "description": "A template displaying some basic ways how the \"Messaging Conversation Routing\"-Event can be used.",
  "eventType": "messaging_conversation_routing",
  "defaultForEvent": true
}
*/
// Runs when the conversation was transferred to another skill. Tell the consumer what happens next.
async function lambda(input) {
  const event = input.payload;
  console.info(`Conversation ${event.conversationId} moved from skill ${event.previousSkillId} to ${event.skillId}`);
  return [{ type: 'systemMessage', text: 'We are connecting you with the right team. One moment please.' }];
}
