import { Foundation1764130000000 } from './1764130000000-foundation';
import { Tenancy1764140000000 } from './1764140000000-tenancy';

/** Every migration, in order. Listed explicitly so source and build resolve the same set. */
export const migrations = [Foundation1764130000000, Tenancy1764140000000];
