/*template
{
  "name": "Messaging Conversation Idle",
  "description": "A template displaying some basic ways how the \"Messaging Conversation Idle\"-Event can be used.",
  "eventType": "messaging_conversation_idle",
  "defaultForEvent": true
}
*/
// Runs when the consumer or the agent did not answer, or the conversation waited in the queue, for the idle time
// configured for the account. Nudge an idle consumer; after a long silence, close the conversation.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
const CLOSE_AFTER_SECONDS = 900;

async function lambda(input) {
  const { conversationId, idle } = input.payload;
  console.info(`Conversation ${conversationId}: ${idle.participantRole} idle for ${idle.idleSeconds} s`);
  switch (idle.participantRole) {
    case 'CONSUMER':
      if (idle.idleSeconds >= CLOSE_AFTER_SECONDS) {
        return [
          { type: 'sendMessage', text: 'We close this conversation for now. Write us any time to continue.', systemMessage: true },
          { type: 'closeConversation' },
        ];
      }
      return { type: 'sendMessage', text: 'Are you still there? Just reply to continue.' };
    case 'QUEUE':
      return { type: 'sendMessage', text: 'Thank you for waiting, an agent will be with you shortly.', systemMessage: true };
    default:
      return { type: 'noAction' };
  }
}
