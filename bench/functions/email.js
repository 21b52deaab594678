// fan-out: a Chat Post Survey function sending the transcript when the consumer was unhappy (ES-CPS)
function lambda(input, callback) {
  const payload = input.payload;
  if (payload.csatRank > 3) {
    return callback(null, []);
  }
  callback(null, [{
    targetEmail: 'quality@example.com',
    senderName: 'Survey Bot',
    senderEmail: 'noreply@example.com',
    subject: 'CSAT ' + payload.csatRank + ' for ' + payload.agentName,
  }]);
}
