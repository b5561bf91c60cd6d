// The `@plinth/dev-services/plinth-home` entry point for ES modules.
export {
  DEFAULT_POSTGRES_PORT,
  resolvePlinthHome,
  homeLayout,
  parsePort,
  choosePostgresPort,
  readRememberedPort,
  rememberPort,
} from './plinth-home.cjs';
