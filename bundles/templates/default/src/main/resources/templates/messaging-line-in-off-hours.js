/*template
{
  "name": "Messaging Line in Off-Hours",
  "description": "A template displaying some basic ways how the \"Messaging Line in Off-Hours\"-Event can be used.",
  "eventType": "controllerbot_messaging_mid_conversation_msg",
  "defaultForEvent": true
}
*/
// Runs when the consumer writes during off-hours in a conversation opened during office hours (mid.openedInOffHours,
// general.inOffHours). Tell the consumer when the team is back; with ALWAYS_ON_SKILL_ID set, hand the conversation to
// that (24/7) skill. Result can be either an object or array. Hint: Make sure to only return each type once.
function lambda(input, callback) {
  let conversation = input.payload;
  console.info(`Off-hours line in conversation ${conversation.general.convId} (opened in off-hours: ${conversation.mid && conversation.mid.openedInOffHours})`);

  let result = [{ type: "systemMessage", text: "Our team is offline right now and will answer from 8:00 tomorrow." }];
  if (process.env.ALWAYS_ON_SKILL_ID) {
    result = [
      { type: "systemMessage", text: "Our team is offline right now; our night shift takes over." },
      { type: "transfer", skillId: process.env.ALWAYS_ON_SKILL_ID },
    ];
  }
  callback(null, result);
}
