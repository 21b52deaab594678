// fault test: ASYNC conversation end; the invocation record of each run is what the harness counts
async function lambda(input) {
  return null;
}
