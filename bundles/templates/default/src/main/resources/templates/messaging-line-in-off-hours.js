/*template
{
  "name": "Messaging Line in Off-Hours",
  "description": "A template displaying some basic ways how the \"Messaging Line in Off-Hours\"-Event can be used.",
  "eventType": "messaging_line_in_off_hours",
  "defaultForEvent": true
}
*/
// Runs when the consumer writes during off-hours in a conversation opened during office hours. An urgent line goes
// to a skill staffed around the clock (environment variable ALWAYS_ON_SKILL_ID, optional); otherwise the consumer
// learns when the team is back.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
const URGENT = /\b(urgent|emergency|blocked|fraud)\b/i;

function openingTime(shift) {
  try {
    return new Date(shift.nextOpeningTs).toLocaleString('en-GB', { timeZone: shift.timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit' });
  } catch (error) {
    return new Date(shift.nextOpeningTs).toISOString();
  }
}

async function lambda(input) {
  const { conversationId, message, shift } = input.payload;
  const alwaysOnSkill = process.env.ALWAYS_ON_SKILL_ID;
  if (alwaysOnSkill && URGENT.test(message.text)) {
    console.info(`Urgent off-hours line in ${conversationId}: transferring to skill ${alwaysOnSkill}`);
    return [
      { type: 'sendMessage', text: 'We are passing your message to our on-call team.', systemMessage: true },
      { type: 'transfer', skillId: alwaysOnSkill },
    ];
  }
  console.info(`Off-hours line in ${conversationId}: telling the consumer when the team is back`);
  const when = shift && shift.nextOpeningTs ? openingTime(shift) : 'our next opening hours';
  return { type: 'sendMessage', text: `Our team is offline right now and will answer from ${when}.`, systemMessage: true };
}
