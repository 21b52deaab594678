/*template
{
  "name": "Messaging Conversation Idle",
  "description": "A template displaying some basic ways how the \"Messaging Conversation Idle\"-Event can be used.",
  "eventType": "messaging_conversation_idle",
  "defaultForEvent": true
}
*/
// Runs when the consumer or the agent did not answer, or the conversation waited in the queue, for the idle time
// configured for the account. Nudge first; after a long silence, close the conversation.
const CLOSE_AFTER_SECONDS = 600;

async function lambda(input) {
  const event = input.payload;
  console.info(`Conversation ${event.conversationId} idle for ${event.idleSeconds} s (${event.idleParticipantRole})`);
  if (event.idleParticipantRole === 'CONSUMER' && event.idleSeconds >= CLOSE_AFTER_SECONDS) {
    return [
      { type: 'systemMessage', text: 'We close this conversation for now. Write us any time to continue.' },
      { type: 'closeConversation' },
    ];
  }
  if (event.idleParticipantRole === 'CONSUMER') {
    return [{ type: 'systemMessage', text: 'Are you still there? Just reply to continue.' }];
  }
  return [{ type: 'systemMessage', text: 'Thank you for waiting, an agent will be with you shortly.' }];
}
