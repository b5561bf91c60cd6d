// CommonJS so that both plain Node (the launcher, jest's global setup: through
// free-port.mjs) and jest's CommonJS test runtime (@plinth/testing's index,
// as `@plinth/dev-services/free-port.cjs`) load it.
const { createServer } = require('node:net');

/** Asks the OS for a free TCP port on loopback. */
async function freePort() {
  return listenOn(0);
}

/** True when `port` can be bound on loopback right now. */
async function isPortFree(port) {
  return listenOn(port).then(
    () => true,
    () => false,
  );
}

function listenOn(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

module.exports = { freePort, isPortFree };
