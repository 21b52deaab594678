// (b) JSON transform of the ~2 KB payload: reshape the transcript, count words per role, summarise (the reply is text)
function lambda(input, callback) {
  const p = input.payload;
  const lines = (p.context && p.context.transcript) || [];
  const byRole = {};
  const shaped = lines.map((l, i) => {
    const words = l.text.split(/\s+/).filter(Boolean).length;
    byRole[l.by] = (byRole[l.by] || 0) + words;
    return { n: i + 1, who: l.by.toLowerCase(), at: new Date(l.ts).toISOString(), words, text: l.text.toUpperCase().slice(0, 40) };
  });
  const summary = {
    conversation: p.conversationId,
    args: p.arguments.join(' '),
    lines: shaped.length,
    wordsByRole: byRole,
    last: shaped.slice(-3),
  };
  callback(null, JSON.stringify(summary));
}
