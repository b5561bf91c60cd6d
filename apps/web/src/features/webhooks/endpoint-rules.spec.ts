import { describe, expect, it } from '@jest/globals';
import { checkDescription, checkEndpointUrl, checkEvents } from './endpoint-rules';
import { coversAllEvents, EVENT_DESCRIPTIONS, EVENT_GROUPS, inCatalogOrder, WEBHOOK_EVENT_TYPES } from './webhook-events';
import { endpointState, formatDuration } from './webhook-status';

describe('checkEndpointUrl', () => {
  it.each([
    ['https://example.com/webhooks', null],
    ['  http://127.0.0.1:8080/hook  ', null],
    ['', 'Enter the URL Plinth should POST events to'],
    ['example.com/webhooks', 'Enter a full URL, such as https://example.com/webhooks/plinth'],
    ['ftp://example.com/hook', 'Use an http:// or https:// URL'],
    ['https://user:secret@example.com/hook', 'Leave the user name and password out: receivers check the signature instead'],
    [`https://example.com/${'a'.repeat(2048)}`, 'Use up to 2048 characters'],
  ])('%s → %s', (url, problem) => {
    expect(checkEndpointUrl(url)).toBe(problem);
  });
});

describe('the other fields', () => {
  it('allows a description of up to 500 characters and asks for one event at least', () => {
    expect(checkDescription('x'.repeat(500))).toBeNull();
    expect(checkDescription('x'.repeat(501))).toBe('Use up to 500 characters');
    expect(checkEvents([])).toBe('Pick at least one event, or all of them');
    expect(checkEvents(['site.created'])).toBeNull();
  });
});

describe('the event catalog', () => {
  it('puts every event in exactly one group, with a description', () => {
    const grouped = EVENT_GROUPS.flatMap((group) => group.events);
    expect([...grouped].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect(Object.keys(EVENT_DESCRIPTIONS).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });

  it('sorts picked events into the catalog order and knows when all are picked', () => {
    expect(inCatalogOrder(['post.deleted', 'member.joined'])).toEqual(['member.joined', 'post.deleted']);
    expect(coversAllEvents([...WEBHOOK_EVENT_TYPES].reverse())).toBe(true);
    expect(coversAllEvents(WEBHOOK_EVENT_TYPES.slice(1))).toBe(false);
  });
});

describe('endpointState', () => {
  it.each([
    [{ enabled: true, disabledReason: null, failingSince: null }, 'enabled'],
    [{ enabled: true, disabledReason: null, failingSince: '2026-12-01T10:00:00.000Z' }, 'failing'],
    [{ enabled: false, disabledReason: 'manual' as const, failingSince: null }, 'disabled'],
    [{ enabled: false, disabledReason: 'failing' as const, failingSince: '2026-11-26T10:00:00.000Z' }, 'disabled-for-failures'],
  ])('%o → %s', (endpoint, state) => {
    expect(endpointState(endpoint)).toBe(state);
  });
});

describe('formatDuration', () => {
  it.each([
    [35, '35 ms'],
    [999.6, '1 s'],
    [1450, '1.45 s'],
    [10000, '10 s'],
  ])('%d → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
