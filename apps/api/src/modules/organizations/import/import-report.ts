import type { TenantTx } from '@plinth/tenancy';
import type { ImportRun, MemberToInvite } from './import-targets';
import { lineError } from './organization-import.errors';

/** The people an answer lists at most: the list is held until the end, so a file cannot make it grow without bound. */
export const MAX_TO_INVITE = 10_000;

/** What one import did, by type, and whom to invite: the run its readers report to. */
export class ImportReport implements ImportRun {
  readonly counts: Record<string, number>;
  readonly notImportedCounts: Record<string, number>;
  readonly membersToInvite: MemberToInvite[] = [];
  private readonly listed = new Set<string>();

  constructor(
    readonly tx: TenantTx,
    /** The caller, who owns the new organization: never listed to invite. */
    ownerEmail: string,
    types: { recreated: string[]; skipped: string[] },
  ) {
    this.counts = Object.fromEntries(['organization', ...types.recreated].map((type) => [type, 0]));
    this.counts.organization = 1;
    this.notImportedCounts = Object.fromEntries(types.skipped.map((type) => [type, 0]));
    this.listed.add(ownerEmail.toLowerCase());
  }

  imported(type: string, count = 1): void {
    this.counts[type] = (this.counts[type] ?? 0) + count;
  }

  notImported(type: string): void {
    this.notImportedCounts[type] = (this.notImportedCounts[type] ?? 0) + 1;
  }

  toInvite(person: MemberToInvite, line: number): void {
    const email = person.email.toLowerCase();
    if (this.listed.has(email)) return;
    if (this.membersToInvite.length >= MAX_TO_INVITE)
      throw lineError(line, 'email', `an import lists at most ${MAX_TO_INVITE} people to invite`);
    this.listed.add(email);
    this.membersToInvite.push({ email, role: person.role });
  }
}
