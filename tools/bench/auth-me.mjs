// GET /api/v1/auth/me as a signed-in user: autocannon, 10 connections, 10 s.
// Usage: npm start (in another shell), then `node tools/bench/auth-me.mjs`.
import { run, signUp } from './lib.mjs';

const { accessToken } = await signUp();
await run('GET /api/v1/auth/me', {
  path: '/api/v1/auth/me',
  headers: { authorization: `Bearer ${accessToken}` },
});
