/*template
{
  "name": "Greeting Template",
  "description": "A simple \"Hello World\" example: reads a name from the payload and answers with a greeting."
}
*/
// Invoke it directly (external invocation, a Conversation Builder bot) with a payload such as {"name": "Ada"}.
function lambda(input, callback) {
  const name = (input.payload && input.payload.name) || "World";
  console.info(`Greeting ${name}`);
  callback(null, { greeting: `Hello ${name}!` });
}
