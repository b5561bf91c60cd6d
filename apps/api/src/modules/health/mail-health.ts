import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import { CachedProbe } from './cached-probe';

const TIMEOUT_MS = 2_000;
const CACHE_MS = 5_000;

/**
 * The SMTP server answers and accepts us (nodemailer's verify: connect,
 * greeting, EHLO, STARTTLS and AUTH when configured), cached a few seconds.
 * Its own transport with short timeouts: the mail worker's waits longer.
 */
@Injectable()
export class MailHealth implements OnModuleDestroy {
  private readonly transport: Transporter;
  private readonly probe: CachedProbe;

  constructor(
    config: AppConfig,
    private readonly indicator: HealthIndicatorService,
  ) {
    // The mail worker's default too (mail.worker.ts): the local catcher of `npm start`.
    const url = config.SMTP_URL ?? 'smtp://127.0.0.1:1025';
    this.transport = createTransport({ url, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS });
    this.probe = new CachedProbe(async () => void (await this.transport.verify()), CACHE_MS);
  }

  async check(key: string) {
    const session = this.indicator.check(key);
    try {
      await this.probe.check();
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
