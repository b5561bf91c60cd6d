// GET /api/v1/organizations/:id/members as a member, against the same query
// with the tenancy machinery bypassed (needs the API started with BENCH_ROUTES=true):
// three alternated rounds; the overhead is the bypass's throughput the tenant route gives up.
// Usage: BENCH_ROUTES=true npm start, then `node tools/bench/tenancy.mjs`.
import { alternate, range, run, signUp } from './lib.mjs';

const { accessToken, organization } = await signUp();
const headers = { authorization: `Bearer ${accessToken}` };
const results = await alternate(3, {
  'members (tenancy)': (label) => run(label, { path: `/api/v1/organizations/${organization.id}/members`, headers }),
  'members (bypass)': (label) => run(label, { path: `/api/v1/bench/organizations/${organization.id}/members`, headers }),
});
const overheads = results['members (tenancy)'].map((tenancy, i) => {
  const bypass = results['members (bypass)'][i].reqPerSec;
  return { overheadPercent: Number((((bypass - tenancy.reqPerSec) / bypass) * 100).toFixed(1)) };
});
console.log(
  JSON.stringify({
    tenancyReqPerSec: range(results['members (tenancy)'], 'reqPerSec'),
    bypassReqPerSec: range(results['members (bypass)'], 'reqPerSec'),
    overheadPercent: range(overheads, 'overheadPercent'),
  }),
);
