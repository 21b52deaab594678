/*template
{
  "name": "Messaging Conversation Idle",
  "description": "A template displaying some basic ways how the \"Messaging Conversation Idle\"-Event can be used.",
  "eventType": "controllerbot_messaging_conversation_idle",
  "defaultForEvent": true
}
*/
// Runs when the consumer or the agent did not answer, or the conversation waited in the queue, for the time set in the
// account's auto messages. general.cbotEventType says which: CONSUMER_NON_RESPONSIVE, AGENT_NON_RESPONSIVE or
// CONV_AWAITING_IN_QUEUE; the idle group holds the times. Result can be either an object or array.
// Hint: Make sure to only return each type once.
function lambda(input, callback) {
  let conversation = input.payload;
  let idle = conversation.idle || {};
  console.info(`Conversation ${conversation.general.convId} is idle: ${conversation.general.cbotEventType}`);

  switch (conversation.general.cbotEventType) {
    case "CONSUMER_NON_RESPONSIVE": {
      let silence = idle.consumserNonResponsive || {};
      if (silence.timeUnits === "MINUTES" && silence.time >= 15) {
        return callback(null, [
          { type: "systemMessage", text: "We close this conversation for now. Write us any time to continue." },
          { type: "closeConversation" },
        ]);
      }
      return callback(null, { type: "systemMessage", text: "Are you still there? Just reply to continue." });
    }
    case "CONV_AWAITING_IN_QUEUE":
      return callback(null, { type: "systemMessage", text: "Thank you for waiting, an agent will be with you shortly." });
    default:
      // No result: the account's default automatic message for this event is sent.
      return callback();
  }
}
