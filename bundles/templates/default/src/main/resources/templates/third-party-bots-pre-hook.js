/*template
{
  "name": "Third-Party Bots Pre Hook",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Pre Hook\"-Event can be used.",
  "eventType": "third_party_bots_pre_hook",
  "defaultForEvent": true
}
*/
// Runs before the vendor bot gets the consumer's message; returns { message, context } with the (possibly changed)
// message, or null to pass the original on. Here: card numbers are masked so they never reach the vendor.
const CARD_NUMBER = /\b\d(?:[ -]?\d){12,18}\b/g;

async function lambda(input) {
  const { convId, message, vendor } = input.payload;
  const masked = String(message || '').replace(CARD_NUMBER, '[card number removed]');
  if (masked === message) {
    console.debug(`Message of ${convId} passed to ${vendor} unchanged`);
    return null;
  }
  console.info(`Masked a card number before sending conversation ${convId} to ${vendor}`);
  return { message: masked };
}
