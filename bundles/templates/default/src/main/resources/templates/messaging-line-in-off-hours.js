/*template
{
  "name": "Messaging Line in Off-Hours",
  "description": "A template displaying some basic ways how the \"Messaging Line in Off-Hours\"-Event can be used.",
  "eventType": "messaging_line_in_off_hours",
  "defaultForEvent": true
}
*/
// Runs when the consumer writes during off-hours in a conversation opened during office hours.
// An urgent line goes to an always-on skill; otherwise the consumer learns when the team is back.
const URGENT = /\b(urgent|emergency|blocked|fraud)\b/i;

async function lambda(input) {
  const event = input.payload;
  const text = String(event.message || '');
  const ALWAYS_ON_SKILL = process.env.ALWAYS_ON_SKILL_ID; // optional: a skill staffed around the clock
  if (ALWAYS_ON_SKILL && URGENT.test(text)) {
    console.info(`Urgent off-hours line in ${event.conversationId}: transferring to skill ${ALWAYS_ON_SKILL}`);
    return [
      { type: 'systemMessage', text: 'We are passing your message to our on-call team.' },
      { type: 'transfer', skillId: ALWAYS_ON_SKILL },
    ];
  }
  console.info(`Off-hours line in ${event.conversationId}: telling the consumer when the team is back`);
  return [{ type: 'systemMessage', text: 'Our team is offline right now and will answer from 8:00 tomorrow.' }];
}
