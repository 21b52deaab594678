/*template
{
  "name": "Messaging Survey Ended",
  "description": "A template displaying some basic ways how the \"Messaging Survey Ended\"-Event can be used.",
  "eventType": "surveybot_messaging_survey_ended",
  "defaultForEvent": true
}
*/
// Runs when the post conversation survey of a messaging conversation ended. The payload names the survey, its last
// question (lastQuestionId) and the conversation, not the answers. The function can simply return "ok" within the
// callback; here it thanks the consumer when the survey closed normally, and hands the conversation to
// FOLLOW_UP_SKILL_ID (optional) when the consumer left it unfinished.
function lambda(input, callback) {
  let survey = input.payload;
  let surveyDialog = (survey.dialogs || []).find((dialog) => dialog.dialogType === "POST_SURVEY") || {};
  console.info(`Survey ${survey.surveyId} of ${survey.conversationId} ended, last question ${survey.lastQuestionId}, dialog ${surveyDialog.state}`);

  if (surveyDialog.state === "CLOSE" && survey.lastQuestionId) {
    return callback(null, [{ type: "systemMessage", text: "Thank you for your feedback!" }]);
  }
  if (process.env.FOLLOW_UP_SKILL_ID) {
    return callback(null, [{ type: "transfer", skillId: process.env.FOLLOW_UP_SKILL_ID }]);
  }
  callback(null, "ok");
}
