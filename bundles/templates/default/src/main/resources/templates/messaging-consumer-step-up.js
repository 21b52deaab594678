/*template
{
  "name": "Messaging Consumer Step Up",
  "description": "A template displaying some basic ways how the \"Messaging Consumer Step Up\"-Event can be used.",
  "eventType": "controllerbot_messaging_consumer_step_up",
  "defaultForEvent": true
}
*/
// Runs when the consumer authenticates during the conversation (general.cbotEventType CONSUMER_STEP_UP). Thank them;
// with AUTHENTICATED_SKILL_ID set, move the conversation to the skill that serves authenticated consumers.
// Result can be either an object or array. Hint: Make sure to only return each type once.
function lambda(input, callback) {
  let conversation = input.payload;
  console.info(`Consumer of conversation ${conversation.general.convId} authenticated`);

  let result = [{ type: "systemMessage", text: "Thank you for logging in, we can now look into your account." }];
  if (process.env.AUTHENTICATED_SKILL_ID) {
    result.push({ type: "transfer", skillId: process.env.AUTHENTICATED_SKILL_ID });
  }
  callback(null, result);
}
