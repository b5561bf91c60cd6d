import { describe, expect, it } from '@jest/globals';
import { membership, shellContext } from '../test/fixtures';
import { organizationHostUrl } from './tenant-host';
import { activeMembership, type Me } from './use-me';

const acme = membership({ organizationId: 'a', slug: 'acme', name: 'Acme' });
const globex = membership({ organizationId: 'g', slug: 'globex', name: 'Globex' });
const me = (hostOrganizationSlug: string | null): Me => ({
  ...shellContext().me,
  memberships: [acme, globex],
  hostOrganizationSlug,
  baseDomain: 'plinth.test',
});
const location = { protocol: 'https:', port: '' };

describe('an organization on its own host', () => {
  it('acts for the host’s organization, or for none when the user is not its member', () => {
    expect(activeMembership(me('globex'))).toBe(globex);
    expect(activeMembership(me('initech'))).toBeUndefined();
  });

  it('opens other organizations on their hosts, keeping the port', () => {
    expect(organizationHostUrl(me('globex'), 'acme', location)).toBe('https://acme.plinth.test/o/acme');
    expect(organizationHostUrl(me('globex'), 'acme', { protocol: 'http:', port: '8080' })).toBe('http://acme.plinth.test:8080/o/acme');
  });

  it('switches in place away from an organization host', () => {
    expect(organizationHostUrl(me(null), 'acme', location)).toBeNull();
  });
});
