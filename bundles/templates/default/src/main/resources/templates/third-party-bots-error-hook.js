/*template
{
  "name": "Third-Party Bots Error Hook",
  "description": "Switchboard's own template (LivePerson lists none for this hook): record a vendor's failure; nothing goes back to the bot.",
  "eventType": "bot_connectors_error_hook",
  "defaultForEvent": true
}
*/
// Runs when the bot's vendor failed: input.payload has error { errorId, name }, vendor and the vendor's request and
// response objects (e.g. dfV2request and dialogflowv2). The Error Hook sends nothing back to the bot: log what
// happened (or report it to a service of yours) and return.
function lambda(input, callback) {
  const { error = {}, vendor } = input.payload;
  console.error(`${vendor} failed: ${error.name} (${error.errorId})`);
  callback();
}
