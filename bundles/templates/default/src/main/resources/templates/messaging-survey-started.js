/*template
{
  "name": "Messaging Survey Started",
  "description": "A template displaying some basic ways how the \"Messaging Survey Started\"-Event can be used.",
  "eventType": "surveybot_messaging_survey_started",
  "defaultForEvent": true
}
*/
// Runs when the post conversation survey of a messaging conversation starts (surveyId, conversationId, skillId,
// dialogs ...). The function can simply return "ok" within the callback; it may also return the messaging commands,
// e.g. a message introducing the survey.
function lambda(input, callback) {
  let survey = input.payload;
  console.info(`Survey ${survey.surveyId} started for conversation ${survey.conversationId} (skill ${survey.skillId})`);

  if (process.env.SURVEY_INTRO) {
    return callback(null, [{ type: "systemMessage", text: process.env.SURVEY_INTRO }]);
  }
  callback(null, "ok");
}
