/*template
{
  "name": "Messaging New Conversation",
  "description": "A template displaying some basic ways how the \"Messaging New Conversation\"-Event can be used.",
  "eventType": "controllerbot_messaging_new_conversation",
  "defaultForEvent": true
}
*/
// Runs for every new messaging conversation (not for routing: use a routing bot). start.firstConversation tells a
// consumer's very first conversation apart. Result can be either an object or array.
// Hint: Make sure to only return each type once.
function lambda(input, callback) {
  let conversation = input.payload;
  let firstConversation = conversation.start && conversation.start.firstConversation;
  console.info(`New conversation ${conversation.general.convId} (first: ${firstConversation}, language ${conversation.general.clientLanguage})`);

  let text = firstConversation ? "Welcome! Thanks for reaching out for the first time, an agent will be with you shortly."
    : "Welcome back! An agent will be with you shortly.";
  let result = [{ type: "systemMessage", text: text }];
  callback(null, result);
}
