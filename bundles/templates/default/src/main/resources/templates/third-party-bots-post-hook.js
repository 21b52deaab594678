/*template
{
  "name": "Third-Party Bots Post Hook",
  "description": "Switchboard's own template (LivePerson lists none for this hook): drop empty answers of the vendor and fill an empty one.",
  "eventType": "bot_connectors_post_hook",
  "defaultForEvent": true
}
*/
// Runs after the vendor answered: input.payload is the vendor's response in the vendor's own format, and the function
// returns it, modified or not. The vendor is in the header X-Switchboard-Bot-Vendor. Here, for a Custom Integration
// answer ({ context, messages }): empty messages are dropped and an empty answer gets a fallback message.
function lambda(input, callback) {
  const { payload } = input;
  if (Array.isArray(payload.messages)) {
    payload.messages = payload.messages.filter((message) => typeof message !== "string" || message.trim() !== "");
    if (payload.messages.length === 0) {
      payload.messages.push("Sorry, I did not get that. Could you rephrase?");
    }
  }
  console.info(`Post hook passed ${Array.isArray(payload.messages) ? payload.messages.length : "the"} message(s) on`);
  callback(null, payload);
}
