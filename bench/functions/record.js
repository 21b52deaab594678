// fault test: ASYNC conversation end; the invocation record of each run is what the harness counts.
// No commands: the account's default automatic message (LivePerson's "callback()").
function lambda(input, callback) {
  callback();
}
