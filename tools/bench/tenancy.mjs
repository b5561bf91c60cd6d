// GET /api/v1/organizations/:id/members as a member, against the same query
// with the tenancy machinery bypassed (needs the API started with BENCH_ROUTES=true).
// Usage: BENCH_ROUTES=true npm start, then `node tools/bench/tenancy.mjs`.
import { run, signUp } from './lib.mjs';

const { accessToken, organization } = await signUp();
const headers = { authorization: `Bearer ${accessToken}` };
const tenancy = await run('members (tenancy)', { path: `/api/v1/organizations/${organization.id}/members`, headers });
const bypass = await run('members (bypass)', { path: `/api/v1/bench/organizations/${organization.id}/members`, headers });
const overhead = ((bypass.reqPerSec - tenancy.reqPerSec) / bypass.reqPerSec) * 100;
console.log(JSON.stringify({ throughputOverheadPercent: Number(overhead.toFixed(1)) }));
