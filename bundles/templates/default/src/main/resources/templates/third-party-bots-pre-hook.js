/*template
{
  "name": "Third-Party Bots Pre Hook",
  "description": "Switchboard's own template (LivePerson lists none for this hook): mask card numbers before the vendor gets the message.",
  "eventType": "bot_connectors_pre_hook",
  "defaultForEvent": true
}
*/
// Runs before the vendor gets the consumer's message: input.payload is the vendor's request in the vendor's own
// format, and the function returns it, modified or not. The vendor is in the header X-Switchboard-Bot-Vendor:
// dialogflowv2 ({ queryInput: { text: { text } } }), faas ({ convId, context, message }), lex ({ inputText }), ...
// Here: card numbers are masked so they never reach the vendor.
const CARD_NUMBER = /\b\d(?:[ -]?\d){12,18}\b/g;

function lambda(input, callback) {
  const { payload } = input;
  const vendor = (input.headers.find((header) => header.key === "X-Switchboard-Bot-Vendor") || {}).value;
  const mask = (text) => String(text).replace(CARD_NUMBER, "[card number removed]");

  if (payload.queryInput && payload.queryInput.text) {
    payload.queryInput.text.text = mask(payload.queryInput.text.text);
  } else if (typeof payload.message === "string") {
    payload.message = mask(payload.message);
  } else if (typeof payload.inputText === "string") {
    payload.inputText = mask(payload.inputText);
  }
  console.info(`Pre hook for ${vendor} passed the request on`);
  callback(null, payload);
}
