/*template
{
  "name": "Default Template",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Custom Integration\"-Event can be used.",
  "eventType": "third_party_bots_custom_integration",
  "defaultForEvent": true
}
*/
// The function is the bot: it receives the consumer's message and answers with messages and, optionally, an action
// (TRANSFER to a skill, CLOSE_CONVERSATION).
async function lambda(input) {
  const event = input.payload;
  const text = String(event.message || '').trim();
  console.info(`Bot got a message in conversation ${event.conversationId}`);
  if (/\b(agent|human)\b/i.test(text)) {
    return {
      messages: ['Let me connect you with an agent.'],
      context: { action: 'TRANSFER', actionParameters: { skill: process.env.AGENT_SKILL || 'human-agents' } },
    };
  }
  if (/\b(bye|goodbye)\b/i.test(text)) {
    return { messages: ['Goodbye!'], context: { action: 'CLOSE_CONVERSATION' } };
  }
  return { messages: [`You said: ${text}`, 'Type "agent" to talk to a person.'] };
}
