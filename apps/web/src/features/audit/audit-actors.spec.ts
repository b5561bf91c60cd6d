import { describe, expect, it } from '@jest/globals';
import { actorChoices, actorDirectory, actorLabel, targetName } from './audit-actors';
import type { ApiKey, Member } from './audit-queries';

const GRACE: Member = {
  id: '00000000-0000-4000-8000-0000000000m1',
  userId: '11111111-2222-4333-8444-555555555555',
  email: 'grace@example.com',
  name: 'Grace Hopper',
  role: 'owner',
  joinedAt: '2026-01-01T00:00:00.000Z',
};

const DEPLOY_KEY: ApiKey = {
  id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  name: 'Deploy bot',
  prefix: 'plk_0123456789ab',
  role: 'editor',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
};

const directory = actorDirectory([GRACE], [DEPLOY_KEY]);
const empty = actorDirectory();

describe('actorLabel', () => {
  it('takes the name the API gives, with the email beside it', () => {
    expect(actorLabel({ type: 'user', id: GRACE.userId, email: 'grace@example.com', name: 'Rear Admiral Hopper' }, empty)).toEqual({
      name: 'Rear Admiral Hopper',
      email: 'grace@example.com',
    });
  });

  it('names a member the API did not name from the members list', () => {
    expect(actorLabel({ type: 'user', id: GRACE.userId, email: 'grace@example.com' }, directory)).toEqual({
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
  });

  it('falls back to the email, then the start of the id, for someone no longer a member', () => {
    expect(actorLabel({ type: 'user', id: GRACE.userId, email: 'grace@example.com' }, empty)).toEqual({
      name: 'grace@example.com',
      email: null,
    });
    expect(actorLabel({ type: 'user', id: GRACE.userId }, empty)).toEqual({ name: 'User 11111111', email: null });
    expect(actorLabel({ type: 'user', id: null }, empty)).toEqual({ name: 'A former member', email: null });
  });

  it("names an API key by the API's name, the keys list, or the start of its id", () => {
    expect(actorLabel({ type: 'api_key', id: DEPLOY_KEY.id, name: 'CI' }, directory).name).toBe('CI');
    expect(actorLabel({ type: 'api_key', id: DEPLOY_KEY.id }, directory).name).toBe('Deploy bot');
    expect(actorLabel({ type: 'api_key', id: DEPLOY_KEY.id }, empty).name).toBe('Key aaaaaaaa');
  });

  it('calls the system Plinth', () => {
    expect(actorLabel({ type: 'system', id: null }, directory)).toEqual({ name: 'Plinth', email: null });
  });
});

describe('targetName', () => {
  it('names people and keys it knows, and nothing else', () => {
    expect(targetName('user', GRACE.userId, directory)).toBe('Grace Hopper');
    expect(targetName('api_key', DEPLOY_KEY.id, directory)).toBe('Deploy bot');
    expect(targetName('site', GRACE.userId, directory)).toBeNull();
    expect(targetName('user', null, directory)).toBeNull();
  });
});

describe('actorChoices', () => {
  it('offers anyone, then members by user id, then keys by key id', () => {
    expect(actorChoices([GRACE], [DEPLOY_KEY])).toEqual([
      { value: '', label: 'Anyone' },
      { group: 'Members', items: [{ value: GRACE.userId, label: 'Grace Hopper (grace@example.com)' }] },
      { group: 'API keys', items: [{ value: DEPLOY_KEY.id, label: 'Deploy bot (plk_0123456789ab…)' }] },
    ]);
  });

  it('leaves the keys out for a role that may not list them', () => {
    expect(actorChoices([GRACE], [])).toHaveLength(2);
  });
});
