import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and cheap enough for a login path.
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private readonly decoy = hash('decoy password that matches nobody', OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password);
  }

  /** Spends the same time as a real check, so an unknown email is not told apart by latency. */
  async verifyAgainstDecoy(password: string): Promise<false> {
    await verify(await this.decoy, password);
    return false;
  }
}
