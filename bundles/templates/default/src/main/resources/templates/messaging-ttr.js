/*template
{
  "name": "Messaging TTR",
  "description": "A template displaying some basic ways how the \"Messaging TTR\"-Event can be used.",
  "eventType": "controllerbot_messaging_ttr",
  "defaultForEvent": true
}
*/
// Runs when the consumer marks or unmarks a response as urgent, or the agent changes the time to respond:
// ttr.oldTtr and ttr.newTtr ({ ttrType: NORMAL or URGENT, value: seconds }). Result can be either an object or array.
// Hint: Make sure to only return each type once.
function lambda(input, callback) {
  let conversation = input.payload;
  let ttr = conversation.ttr || {};
  let newTtr = ttr.newTtr || {};
  console.info(`Time to respond of ${conversation.general.convId} is now ${newTtr.ttrType} (${newTtr.value} s)`);

  if (newTtr.ttrType === "URGENT") {
    let minutes = Math.max(1, Math.round(newTtr.value / 60));
    return callback(null, [{ type: "systemMessage", text: `We marked your request as urgent and answer within ${minutes} minutes.` }]);
  }
  callback(null, []);
}
