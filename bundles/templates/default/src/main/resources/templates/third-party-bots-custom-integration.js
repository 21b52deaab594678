/*template
{
  "name": "Default Template",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Custom Integration\"-Event can be used.",
  "eventType": "third_party_bots_custom_integration",
  "defaultForEvent": true
}
*/
// The function is the bot: it gets the consumer's message and answers with messages and, optionally, actions:
//   { messages: ['text', ...], context: {...}, actions: [{ name: 'TRANSFER', parameters: { skill } }] }
// Actions: TRANSFER (parameters.skill or parameters.agentId), CLOSE_CONVERSATION, CHANGE_TTR (parameters.ttrType).
async function lambda(input) {
  const { convId, message, context } = input.payload;
  const text = String(message || '').trim();
  const customer = context && context.lpSdes && context.lpSdes.ctmrinfo;
  console.info(`Bot got a message in conversation ${convId}`);
  if (/\b(agent|human|person)\b/i.test(text)) {
    return {
      messages: ['Let me connect you with an agent.'],
      actions: [{ name: 'TRANSFER', parameters: { skill: process.env.AGENT_SKILL || 'human-agents' } }],
    };
  }
  if (/\b(bye|goodbye|thanks)\b/i.test(text)) {
    return { messages: ['Goodbye!'], actions: [{ name: 'CLOSE_CONVERSATION' }] };
  }
  const greeting = customer && customer.customerType === 'gold' ? 'Welcome back, valued customer! ' : '';
  return { messages: [`${greeting}You said: ${text}`, 'Type "agent" to talk to a person.'] };
}
