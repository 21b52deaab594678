/*template
{
  "name": "Chat Post Survey E-Mail Transcript",
  "description": "A template displaying some basic ways how the \"Chat Post Survey E-Mail Transcript\"-Event can be used.",
  "eventType": "denver_post_survey_email_transcript",
  "defaultForEvent": true
}
*/
// Runs after a chat ended and its CSAT survey was submitted: { csatRank, skillName, agentName, questionWithAnswers }
// (several answers to one question are separated by ";"). Return the e-mails the chat server sends the transcript
// with: [{ targetEmail, senderName, senderEmail, subject }]; [] sends none. Here: a copy to the quality team after a
// poor rating. Set QUALITY_TEAM_EMAIL and SENDER_EMAIL.
function lambda(input, callback) {
  let { csatRank, skillName, agentName, questionWithAnswers } = input.payload;
  let poorAnswers = (questionWithAnswers || []).filter((qa) => /poor|below average/i.test(qa.answer));
  console.info(`CSAT ${csatRank} for ${agentName} (${skillName}), ${poorAnswers.length} poor answer(s)`);

  let allSurveyEmails = [];
  if (csatRank <= 3 || poorAnswers.length > 0) {
    allSurveyEmails.push({
      targetEmail: process.env.QUALITY_TEAM_EMAIL || "quality@example.com",
      senderName: "Chat Survey",
      senderEmail: process.env.SENDER_EMAIL || "no-reply@example.com",
      subject: `CSAT ${csatRank}: chat with ${agentName} (${skillName})`,
    });
  }
  callback(null, allSurveyEmails);
}
