// (a) trivial: answers the command with a reply (the Conversational Command callback shape)
async function lambda(input) {
  return { reply: 'ok ' + input.payload.command.name };
}
