import { Foundation1764130000000 } from './1764130000000-foundation';
import { Tenancy1764140000000 } from './1764140000000-tenancy';
import { Quotas1764150000000 } from './1764150000000-quotas';
import { Content1764160000000 } from './1764160000000-content';

/** Every migration, in order. Listed explicitly so source and build resolve the same set. */
export const migrations = [Foundation1764130000000, Tenancy1764140000000, Quotas1764150000000, Content1764160000000];
