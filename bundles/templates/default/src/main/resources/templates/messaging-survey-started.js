/*template
{
  "name": "Messaging Survey Started",
  "description": "A template displaying some basic ways how the \"Messaging Survey Started\"-Event can be used.",
  "eventType": "messaging_survey_started",
  "defaultForEvent": true
}
*/
// Runs when the post-conversation survey bot started a survey. Introduce the survey.
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
async function lambda(input) {
  const { conversationId, survey } = input.payload;
  console.info(`Survey ${survey.surveyId} started by bot ${survey.botId} in conversation ${conversationId}`);
  return [{ type: 'sendMessage', text: 'Please take a moment to tell us how we did - it takes less than a minute.', systemMessage: true }];
}
