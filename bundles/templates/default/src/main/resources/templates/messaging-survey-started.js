/*template
{
  "name": "Messaging Survey Started",
  "description": "A template displaying some basic ways how the \"Messaging Survey Started\"-Event can be used.",
  "eventType": "messaging_survey_started",
  "defaultForEvent": true
}
*/
// Runs when the post-conversation survey bot started a survey. Introduce the survey.
async function lambda(input) {
  const event = input.payload;
  console.info(`Survey ${event.surveyId} started in conversation ${event.conversationId}`);
  return [{ type: 'systemMessage', text: 'Please take a moment to tell us how we did.' }];
}
