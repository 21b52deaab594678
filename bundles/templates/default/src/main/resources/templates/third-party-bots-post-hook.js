/*template
{
  "name": "Third-Party Bots Post Hook",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Post Hook\"-Event can be used.",
  "eventType": "third_party_bots_post_hook",
  "defaultForEvent": true
}
*/
// Runs after the vendor bot answered; returns the (possibly changed) response sent to the consumer.
// Here: empty messages are dropped, and an answer without any message gets a clarifying question.
async function lambda(input) {
  const event = input.payload;
  const response = event.response || {};
  const messages = (response.messages || []).filter((message) => String(message).trim() !== '');
  if (messages.length === 0) {
    console.warn(`The vendor sent no answer in conversation ${event.conversationId}`);
    messages.push('Sorry, I did not get that. Could you rephrase?');
  } else {
    console.info(`Passing ${messages.length} vendor message(s) on in conversation ${event.conversationId}`);
  }
  return Object.assign({}, response, { messages });
}
