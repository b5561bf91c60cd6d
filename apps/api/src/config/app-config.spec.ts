import { InvalidConfigError, loadConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig({ ...valid, PORT: '8080', MIGRATE_ON_START: 'false' });
    expect(config.PORT).toBe(8080);
    expect(config.MIGRATE_ON_START).toBe(false);
    expect(config.APP_URL).toBe('http://localhost:3000');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...valid, PORT: '', SMTP_URL: '' }).PORT).toBe(3000);
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ APP_URL: 'not a url' }, 'APP_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
  ])('refuses %j and names %s', (override, name) => {
    const attempt = () => loadConfig({ ...valid, ...override });
    expect(attempt).toThrow(InvalidConfigError);
    expect(attempt).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ ...valid, PATH: '/bin' })).not.toHaveProperty('PATH');
  });

  it('recognises platform admins by email', () => {
    const config = loadConfig({ ...valid, PLATFORM_ADMIN_EMAILS: 'Root@Example.com, ops@example.com' });
    expect(config.isPlatformAdminEmail('root@example.com')).toBe(true);
    expect(config.isPlatformAdminEmail('ada@example.com')).toBe(false);
  });
});
