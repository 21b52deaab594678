/*template
{
  "name": "Conversational Command",
  "description": "A template displaying some basic ways how the \"Conversational Command\"-Event can be used.",
  "eventType": "conversational_command",
  "defaultForEvent": true
}
*/
// Runs when an agent types "/<command> <arguments>" in the agent workspace. Every function of the event gets every
// command: answer the ones that are yours with { reply, sendToConversation } and return null for the others.
const COMMAND = 'order';

async function lambda(input) {
  const { command, agent, conversationId } = input.payload;
  if (command.name !== COMMAND) {
    return null;
  }
  console.info(`${agent.name || agent.id} ran /${command.name} in conversation ${conversationId}`);
  const [orderNumber] = command.arguments;
  if (!orderNumber) {
    return { reply: `Usage: /${COMMAND} <order number>`, sendToConversation: false };
  }
  return { reply: `Order ${orderNumber} is on its way.`, sendToConversation: true };
}
