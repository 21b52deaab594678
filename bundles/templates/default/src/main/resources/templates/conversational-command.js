/*template
{
  "name": "Conversational Command",
  "description": "A template displaying some basic ways how the \"Conversational Command\"-Event can be used.",
  "eventType": "conversational_command",
  "defaultForEvent": true
}
*/
// Runs when an agent types "/<command> <arguments>" in the agent workspace; the reply is shown to the agent.
async function lambda(input) {
  const event = input.payload;
  const args = event.args || [];
  console.info(`Agent ${event.agentId} ran /${event.command} with ${args.length} argument(s)`);
  if (args.length === 0) {
    return { text: `Usage: /${event.command} <order number>` };
  }
  return { text: `Order ${args[0]} is on its way.` };
}
