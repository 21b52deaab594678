/*template
{
  "name": "Chat Post Survey E-Mail Transcript",
  "description": "A template displaying some basic ways how the \"Chat Post Survey E-Mail Transcript\"-Event can be used.",
  "eventType": "chat_post_survey_email_transcript",
  "defaultForEvent": true
}
*/
// Runs after a chat ended and its survey was submitted. Decide whether the transcript is e-mailed (the chat service
// sends it) and to whom: { sendTranscript: true, to: [addresses], subject } or { sendTranscript: false }.
// Here: to the visitor when they asked for it in the survey, and a copy to the quality team after a low rating
// (environment variable QUALITY_TEAM_EMAIL, optional).
async function lambda(input) {
  const { chatId, visitor, survey, transcript } = input.payload;
  const answers = (survey && survey.answers) || [];
  const wantsCopy = answers.some((a) => /e-?mail|copy|transcript/i.test(a.question) && /^(yes|y|true)$/i.test(String(a.answer).trim()));
  const to = [];
  if (wantsCopy && visitor && visitor.email) {
    to.push(visitor.email);
  }
  if (survey && survey.csat !== undefined && survey.csat <= 2 && process.env.QUALITY_TEAM_EMAIL) {
    to.push(process.env.QUALITY_TEAM_EMAIL);
  }
  console.info(`Chat ${chatId} (${(transcript || []).length} lines): transcript to ${to.length} recipient(s)`);
  if (to.length === 0) {
    return { sendTranscript: false };
  }
  return { sendTranscript: true, to, subject: `Your chat with us (${chatId})` };
}
