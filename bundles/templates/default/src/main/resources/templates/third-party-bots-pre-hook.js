/*template
{
  "name": "Third-Party Bots Pre Hook",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Pre Hook\"-Event can be used.",
  "eventType": "third_party_bots_pre_hook",
  "defaultForEvent": true
}
*/
// Runs before the vendor bot gets the consumer's message; returns the (possibly changed) message.
// Here: card numbers are masked so they never reach the vendor.
const CARD_NUMBER = /\b(?:\d[ -]?){13,19}\b/g;

async function lambda(input) {
  const event = input.payload;
  const message = String(event.message || '');
  const masked = message.replace(CARD_NUMBER, '[card number removed]');
  if (masked !== message) {
    console.info(`Masked a card number before sending conversation ${event.conversationId} to the vendor`);
  }
  return Object.assign({}, event, { message: masked });
}
