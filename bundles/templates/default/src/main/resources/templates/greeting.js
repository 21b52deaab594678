/*template
{
  "name": "Greeting Template",
  "description": "A simple \"Hello World\" example: reads a name from the payload and answers with a greeting."
}
*/
// Invoke it directly (or from a bot) with a payload such as {"name": "Ada"}.
async function lambda(input) {
  const name = (input.payload && input.payload.name) || 'World';
  console.info(`Greeting ${name}`);
  return { greeting: `Hello ${name}!` };
}
