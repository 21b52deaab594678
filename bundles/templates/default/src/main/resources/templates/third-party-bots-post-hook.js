/*template
{
  "name": "Third-Party Bots Post Hook",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Post Hook\"-Event can be used.",
  "eventType": "third_party_bots_post_hook",
  "defaultForEvent": true
}
*/
// Runs after the vendor bot answered; returns the (possibly changed) bot response { messages, context, actions }.
// Here: empty messages are dropped, and an answer without any message gets a clarifying question.
async function lambda(input) {
  const { convId, vendor, vendorResponse } = input.payload;
  const response = vendorResponse || {};
  const messages = (response.messages || []).filter((message) => typeof message !== 'string' || message.trim() !== '');
  if (messages.length === 0) {
    console.warn(`${vendor} sent no answer in conversation ${convId}`);
    messages.push('Sorry, I did not get that. Could you rephrase?');
  } else {
    console.info(`Passing ${messages.length} message(s) of ${vendor} on in conversation ${convId}`);
  }
  return Object.assign({}, response, { messages, actions: response.actions || [] });
}
