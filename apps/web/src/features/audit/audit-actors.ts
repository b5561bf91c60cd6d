import type { ApiKey, AuditActor, Member } from './audit-queries';

/** Names for the ids in the log: the organization's members (by user id) and its API keys (by key id). */
export interface ActorDirectory {
  users: ReadonlyMap<string, Member>;
  apiKeys: ReadonlyMap<string, ApiKey>;
}

export function actorDirectory(members: Member[] = [], apiKeys: ApiKey[] = []): ActorDirectory {
  return {
    users: new Map(members.map((member) => [member.userId, member])),
    apiKeys: new Map(apiKeys.map((key) => [key.id, key])),
  };
}

/** How a person reads who did it: a name first, then what identifies it further. */
export interface ActorLabel {
  name: string;
  /** The email beside a user's name; null when the name already is the email, or for keys and Plinth itself. */
  email: string | null;
}

/**
 * The name the API gives the actor (`actor.name`, as it is now); for one it
 * cannot name, the directory of current members and keys; then the email
 * recorded with the entry; last, the start of the id.
 */
export function actorLabel(actor: AuditActor, directory: ActorDirectory): ActorLabel {
  if (actor.type === 'system') return { name: 'Plinth', email: null };
  if (actor.type === 'api_key') {
    const key = actor.id ? directory.apiKeys.get(actor.id) : undefined;
    return { name: actor.name ?? key?.name ?? (actor.id ? `Key ${shortId(actor.id)}` : 'A deleted key'), email: null };
  }
  const member = actor.id ? directory.users.get(actor.id) : undefined;
  const email = actor.email ?? member?.email ?? null;
  const name = actor.name ?? member?.name ?? email ?? (actor.id ? `User ${shortId(actor.id)}` : 'A former member');
  return { name, email: email === name ? null : email };
}

/** The name of an entry's target when it is a person or a key, else null (the id is shown). */
export function targetName(targetType: string | null, targetId: string | null, directory: ActorDirectory): string | null {
  if (!targetId) return null;
  if (targetType === 'user') return directory.users.get(targetId)?.name ?? null;
  if (targetType === 'api_key') return directory.apiKeys.get(targetId)?.name ?? null;
  return null;
}

/** The first block of a UUID: enough to tell entries apart at a glance. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** The actor filter's choices: everyone, then the members, then the keys (when the role may list them). */
export function actorChoices(members: Member[], apiKeys: ApiKey[]) {
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return [
    { value: '', label: 'Anyone' },
    {
      group: 'Members',
      items: [...members].sort(byName).map((member) => ({ value: member.userId, label: `${member.name} (${member.email})` })),
    },
    ...(apiKeys.length > 0
      ? [{ group: 'API keys', items: [...apiKeys].sort(byName).map((key) => ({ value: key.id, label: `${key.name} (${key.prefix}…)` })) }]
      : []),
  ];
}
