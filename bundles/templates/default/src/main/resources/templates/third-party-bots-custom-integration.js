/*template
{
  "name": "Default Template",
  "description": "A template displaying some basic ways how the \"Third-Party Bots Custom Integration\"-Event can be used.",
  "eventType": "bot_connectors_custom_integration",
  "defaultForEvent": true
}
*/
// The function is the bot: it gets each consumer message (or the WELCOME event of a chat) and answers with messages
// and, in context, an action: TRANSFER (actionParameters.skill: a skill name, agentId optional), CLOSE_CONVERSATION
// (actionParameters.withoutPcs), CHANGE_TTR (actionParameters.ttrType) or INVOCATION (actionParameters.lambdaUuid).
// Take a look at this guide to get further information about Messages, Actions, Intents and Rich Content:
// https://developers.liveperson.com/third-party-bots-custom-integration.html
function lambda(input, callback) {
  const {
    message,
    convId,
    event: { name: eventName = "" } = {},
    context: { lpEvent, lpSdes: { unauthenticatedSdes, authenticatedSdes } = {} } = {},
  } = input.payload;
  console.info(`Bot got ${eventName || "a message"} in conversation ${convId} (${lpEvent && lpEvent.type})`);

  if (eventName === "WELCOME") {
    return callback(null, { messages: ["Hi, I am the bot of this chat. How can I help?"] });
  }
  const text = String(message || "").trim();
  if (/\b(agent|human|person)\b/i.test(text)) {
    return callback(null, {
      messages: ["Please wait while I check if we have any live agents online that can attend to you"],
      context: { action: "TRANSFER", actionParameters: { skill: process.env.AGENT_SKILL || "human-agents" } },
    });
  }
  if (/\b(bye|goodbye|thanks)\b/i.test(text)) {
    return callback(null, {
      messages: ["Goodbye!"],
      context: { action: "CLOSE_CONVERSATION", actionParameters: { withoutPcs: false } },
    });
  }
  const authenticated = authenticatedSdes && Object.keys(authenticatedSdes).length > 0;
  const greeting = authenticated ? "Welcome back! " : "";
  callback(null, { messages: [`${greeting}You said: ${text}`, 'Type "agent" to talk to a person.'] });
}
