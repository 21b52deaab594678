/*template
{
  "name": "Messaging Survey Ended",
  "description": "A template displaying some basic ways how the \"Messaging Survey Ended\"-Event can be used.",
  "eventType": "messaging_survey_ended",
  "defaultForEvent": true
}
*/
// Runs when the post-conversation survey ended. Read the answers; thank the consumer, and after a low satisfaction
// score hand the conversation to a team lead's skill (environment variable ESCALATION_SKILL_ID, optional).
// Callback commands a messaging function may return: one command, a list, or nothing (null or []):
//   { type: 'sendMessage', text, systemMessage }   { type: 'transfer', skillId } or { type: 'transfer', agentId }
//   { type: 'closeConversation' }                    { type: 'noAction' }
async function lambda(input) {
  const { conversationId, survey } = input.payload;
  const answers = survey.answers || [];
  const csat = answers.find((answer) => answer.type === 'CSAT');
  console.info(`Survey ${survey.surveyId} of ${conversationId} ended (${survey.endReason}) with ${answers.length} answer(s)`);
  if (csat && Number(csat.answer) <= 2) {
    const commands = [{ type: 'sendMessage', text: 'Sorry we let you down. A team lead will get in touch with you.', systemMessage: true }];
    if (process.env.ESCALATION_SKILL_ID) {
      commands.push({ type: 'transfer', skillId: process.env.ESCALATION_SKILL_ID });
    }
    return commands;
  }
  return [{ type: 'sendMessage', text: 'Thank you for your feedback!', systemMessage: true }];
}
