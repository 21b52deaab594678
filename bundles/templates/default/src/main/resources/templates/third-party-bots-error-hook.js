/*template
{
  "name": "Third-Party Bots Error Hook",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Error Hook\"-Event can be used.",
  "eventType": "third_party_bots_error_hook",
  "defaultForEvent": true
}
*/
// Runs when the vendor bot failed; returns fallback messages and an action, here a transfer to agents.
function lambda(input, callback) {
  const event = input.payload;
  const error = event.error || {};
  console.error(`Vendor bot failed in conversation ${event.conversationId}: ${error.code} ${error.message}`);
  callback(null, {
    messages: ['Sorry, something went wrong on our side. An agent will take over.'],
    context: { action: 'TRANSFER', actionParameters: { skill: process.env.FALLBACK_SKILL || 'human-agents' } },
  });
}
