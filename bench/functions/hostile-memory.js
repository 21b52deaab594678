async function lambda(input) { const a = []; while (true) { a.push(new Array(1000000).fill(7)); } }
