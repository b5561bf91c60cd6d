import { Foundation1764130000000 } from './1764130000000-foundation';

/** Every migration, in order. Listed explicitly so source and build resolve the same set. */
export const migrations = [Foundation1764130000000];
