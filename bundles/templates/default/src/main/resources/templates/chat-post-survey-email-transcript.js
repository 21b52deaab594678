/*template
{
  "name": "Chat Post Survey E-Mail Transcript",
  "description": "A template displaying some basic ways how the \"Chat Post Survey E-Mail Transcript\"-Event can be used.",
  "eventType": "chat_post_survey_email_transcript",
  "defaultForEvent": true
}
*/
// Runs after a chat ended and its survey was submitted. Decide whether the visitor gets the transcript by e-mail
// (the chat service sends it): here when the visitor left an address and asked for it in the survey.
async function lambda(input) {
  const event = input.payload;
  const asked = (event.surveyAnswers || []).some((answer) => /transcript/i.test(answer.question) && /^yes$/i.test(answer.answer));
  if (!event.visitorEmail || !asked) {
    console.info(`No transcript for chat ${event.chatId}`);
    return { sendTranscript: false };
  }
  console.info(`Transcript of chat ${event.chatId} (${(event.transcript || []).length} lines) goes to the visitor`);
  return { sendTranscript: true, email: event.visitorEmail };
}
