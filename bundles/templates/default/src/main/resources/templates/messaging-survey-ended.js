/*template
{
  "name": "Messaging Survey Ended",
  "description": "A template displaying some basic ways how the \"Messaging Survey Ended\"-Event can be used.",
  "eventType": "messaging_survey_ended",
  "defaultForEvent": true
}
*/
// Runs when the post-conversation survey ended. Read the answers; thank the consumer, and offer help after a low score.
async function lambda(input) {
  const event = input.payload;
  const answers = event.answers || [];
  const scores = answers.map((answer) => Number(answer.answer)).filter((score) => !Number.isNaN(score));
  const lowest = scores.length ? Math.min(...scores) : null;
  console.info(`Survey ${event.surveyId} of ${event.conversationId} ended with ${answers.length} answer(s)`);
  if (lowest !== null && lowest <= 2) {
    return [{ type: 'systemMessage', text: 'Sorry we let you down. A team lead will contact you.' }];
  }
  return [{ type: 'systemMessage', text: 'Thank you for your feedback!' }];
}
