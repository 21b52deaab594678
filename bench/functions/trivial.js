// (a) trivial: answers the Conversational Command with a reply, as LivePerson's docs write a command function
function lambda(input, callback) {
  callback(null, 'ok ' + input.payload.arguments[0]);
}
