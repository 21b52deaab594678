/*template
{
  "name": "Messaging Conversation Routing",
  "description": "A template displaying some basic ways how the \"Messaging Conversation Routing\"-Event can be used.",
  "eventType": "controllerbot_messaging_conversation_routing",
  "defaultForEvent": true
}
*/
// Runs when the conversation is transferred to a different skill: routing.oldSkillId and routing.newSkillId.
// Result can be either an object or array. Hint: Make sure to only return each type once.
// Set VIP_SKILL_ID to greet conversations routed to your VIP skill differently.
function lambda(input, callback) {
  let conversation = input.payload;
  let routing = conversation.routing || {};
  console.info(`Conversation ${conversation.general.convId} moved from skill ${routing.oldSkillId} to ${routing.newSkillId}`);

  let text = "You are being transferred to the right team, one moment please.";
  if (process.env.VIP_SKILL_ID && String(routing.newSkillId) === process.env.VIP_SKILL_ID) {
    text = "Welcome to our priority service, an expert will be with you shortly.";
  }
  let result = [{ type: "systemMessage", text: text }];
  callback(null, result);
}
