/*template
{
  "name": "Third-Party Bots Error Hook",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Error Hook\"-Event can be used.",
  "eventType": "third_party_bots_error_hook",
  "defaultForEvent": true
}
*/
// Runs when the vendor bot failed; returns a bot response with fallback messages and actions, here a transfer to
// human agents (environment variable FALLBACK_SKILL, optional). This template uses the callback style.
function lambda(input, callback) {
  const { convId, vendor, error } = input.payload;
  console.error(`${vendor} failed in conversation ${convId}: ${error.code} ${error.message}`);
  callback(null, {
    messages: ['Sorry, something went wrong on our side. An agent will take over.'],
    actions: [{ name: 'TRANSFER', parameters: { skill: process.env.FALLBACK_SKILL || 'human-agents' } }],
  });
}
