async function lambda(input) {
  const line = 'x'.repeat(1000);
  for (let i = 0; i < 20000; i++) { console.log(i + ' ' + line); }
  return 'logged';
}
