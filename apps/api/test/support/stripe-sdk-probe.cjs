// Preloaded into a product process (`node --require`): on SIGUSR2 it reports whether the Stripe SDK has been loaded.
// (Not at exit: Nest re-raises SIGTERM after its shutdown, and a process ended by a signal emits no 'exit'.)
const { sep } = require('node:path');

process.on('SIGUSR2', () => {
  const marker = `${sep}node_modules${sep}stripe${sep}`;
  const loaded = Object.keys(require.cache).some((file) => file.includes(marker));
  process.stdout.write(`stripe-sdk-loaded=${loaded}\n`);
});
