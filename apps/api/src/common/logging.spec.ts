import type { IncomingMessage } from 'node:http';
import { isQuietRequest } from './logging';

const request = (originalUrl: string, url = '/') => ({ originalUrl, url }) as IncomingMessage & { originalUrl: string };

describe('isQuietRequest', () => {
  it.each(['/api/health', '/api/health/live', '/api/health/ready?verbose=1', '/metrics', '/assets/index-abc.js'])(
    'keeps %s out of the request log, whatever the middleware engine left in url',
    (path) => expect(isQuietRequest(request(path))).toBe(true),
  );

  it.each(['/api/v1/sites', '/api/health-check', '/metrics/extra', '/'])('logs %s', (path) =>
    expect(isQuietRequest(request(path, '/api/health/live'))).toBe(false),
  );
});
