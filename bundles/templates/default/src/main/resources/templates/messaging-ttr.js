/*template
{
  "name": "Messaging TTR",
  "description": "A template displaying some basic ways how the \"Messaging TTR\"-Event can be used.",
  "eventType": "messaging_ttr",
  "defaultForEvent": true
}
*/
// Runs when the consumer marks the conversation urgent (or not any more) or the agent changes the time to respond.
async function lambda(input) {
  const event = input.payload;
  console.info(`TTR of ${event.conversationId} is now ${event.ttrType} (${event.ttrValueSeconds} s)`);
  if (event.ttrType === 'URGENT') {
    return [{ type: 'systemMessage', text: 'We marked your request as urgent and will answer as soon as possible.' }];
  }
  return [];
}
