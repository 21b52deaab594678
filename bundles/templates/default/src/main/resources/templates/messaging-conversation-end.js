/*template
{
  "name": "Messaging Conversation End",
  "description": "A template displaying some basic ways how the \"Messaging Conversation End\"-Event can be used.",
  "eventType": "controllerbot_messaging_conversation_end",
  "defaultForEvent": true
}
*/
// Runs when a conversation was closed by the agent, the consumer or the system (general.cbotEventType says which,
// end.closeReason too). Result can be either an object or array. Hint: Make sure to only return each type once.
// Commands: { type: "systemMessage", text }, { type: "transfer", skillId, agentId }, { type: "closeConversation" }.
// No result (callback()) sends the account's default automatic message; [] sends nothing.
function lambda(input, callback) {
  let conversation = input.payload;
  let closeReason = conversation.end && conversation.end.closeReason;
  console.info(`Conversation ${conversation.general.convId} ended (${conversation.general.cbotEventType}), closed by ${closeReason}`);

  if (closeReason === "SYSTEM") {
    // Closed for inactivity: nothing to say.
    return callback(null, []);
  }
  let result = [{ type: "systemMessage", text: "Thank you for contacting us. Have a great day!" }];
  callback(null, result);
}
