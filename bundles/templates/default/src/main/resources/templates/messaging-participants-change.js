/*template
{
  "name": "Messaging Participants Change",
  "description": "A template displaying some basic ways how the \"Messaging Participants Change\"-Event can be used.",
  "eventType": "controllerbot_messaging_participants_change",
  "defaultForEvent": true
}
*/
// Runs when a participant joins or leaves: general.cbotEventType is YOU_ARE_CONNECTED_TO, BACK_TO_QUEUE,
// JOINED_AGENT_LEFT_CONVERSATION or ANOTHER_AGENT_JOINED_CONVERSATION; participantChange lists the participants before
// and after. Result can be either an object or array. Hint: Make sure to only return each type once.
function lambda(input, callback) {
  let conversation = input.payload;
  let change = conversation.participantChange || {};
  let agents = (change.newParticipants || []).filter((participant) => participant.role === "ASSIGNED_AGENT");
  console.info(`Participants of ${conversation.general.convId} changed (${conversation.general.cbotEventType}): ${agents.length} agent(s)`);

  switch (conversation.general.cbotEventType) {
    case "YOU_ARE_CONNECTED_TO":
      return callback(null, [{ type: "systemMessage", text: "You are now connected with one of our agents." }]);
    case "BACK_TO_QUEUE":
      return callback(null, [{ type: "systemMessage", text: "Your conversation is back in the queue, the next free agent takes over." }]);
    default:
      return callback(null, []);
  }
}
