// The `@plinth/dev-services/free-port` entry point for ES modules.
export { freePort, isPortFree } from './free-port.cjs';
