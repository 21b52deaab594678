/*template
{
  "name": "Messaging TTR",
  "description": "A template displaying some basic ways how the \"Messaging TTR\"-Event can be used.",
  "eventType": "messaging_ttr",
  "defaultForEvent": true
}
*/
// Runs when the consumer marks the conversation urgent (or not any more) or the agent changes the time to respond.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
async function lambda(input) {
  const { conversationId, ttr } = input.payload;
  console.info(`TTR of ${conversationId} set to ${ttr.type} (${ttr.valueSeconds} s) by ${ttr.changedBy}`);
  if (ttr.type === 'URGENT' && ttr.changedBy === 'CONSUMER') {
    const minutes = Math.ceil(ttr.valueSeconds / 60);
    return { type: 'sendMessage', text: `We marked your request as urgent and will answer within ${minutes} minutes.`, systemMessage: true };
  }
  return null;
}
