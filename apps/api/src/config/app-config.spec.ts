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
    [{ STRIPE_SECRET_KEY: 'pk_test_123' }, 'STRIPE_SECRET_KEY'],
    [{ STRIPE_SECRET_KEY: 'sk_test_123' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ STRIPE_PRICE_PRO_ANNUAL: 'prod_123' }, 'STRIPE_PRICE_PRO_ANNUAL'],
  ])('refuses %j and names %s', (override, name) => {
    const attempt = () => loadConfig({ ...valid, ...override });
    expect(attempt).toThrow(InvalidConfigError);
    expect(attempt).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  it('is in sandbox billing without a Stripe key, with a stable webhook secret of its own', () => {
    const config = loadConfig(valid);
    expect(config.billingSandbox).toBe(true);
    expect(config.stripeWebhookSecret).toMatch(/^whsec_/);
    expect(loadConfig(valid).stripeWebhookSecret).toBe(config.stripeWebhookSecret);
    expect(loadConfig({ ...valid, JWT_SECRET: 'y'.repeat(32) }).stripeWebhookSecret).not.toBe(config.stripeWebhookSecret);
  });

  it('takes Stripe with its webhook secret and every price', () => {
    const prices = ['STARTER_MONTHLY', 'STARTER_ANNUAL', 'PRO_MONTHLY', 'PRO_ANNUAL'].map((p) => [`STRIPE_PRICE_${p}`, `price_${p}`]);
    const config = loadConfig({
      ...valid,
      STRIPE_SECRET_KEY: 'sk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
      ...Object.fromEntries(prices),
    });
    expect(config.billingSandbox).toBe(false);
    expect(config.stripeWebhookSecret).toBe('whsec_1');
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
