/*template
{
  "name": "Conversational Command",
  "description": "A template displaying some basic ways how the \"Conversational Command\"-Event can be used.",
  "eventType": "conversational_command",
  "defaultForEvent": true
}
*/
// The function's name is the command: deployed as "echo", it runs when an agent types "/echo this message" in the
// agent workspace, with { conversationId, arguments: ["echo", "this", "message"] }. Its description is what the agent
// sees, e.g. "[text] - Shows the text back to you". A string or number returned is shown to the agent only (never
// stored in the transcript); any other result shows a generic success message; an Error shows as an error.
function lambda(input, callback) {
  let { conversationId, arguments: args = [] } = input.payload;
  // LivePerson's example passes the command word first; drop it when it is there.
  let words = args[0] === "echo" ? args.slice(1) : args;
  console.info(`/echo run in conversation ${conversationId} with ${words.length} word(s)`);

  if (words.length === 0) {
    return callback(new Error("Nothing to echo: type /echo <text>"));
  }
  callback(null, words.join(" "));
}
