import { Injectable } from '@nestjs/common';

/**
 * The time webhooks go by: events' `createdAt`, attempts, retries, the
 * rotation overlap and the five-day failure window. One provider, so a test
 * can move it (days of failures in seconds).
 */
@Injectable()
export class WebhookClock {
  now(): Date {
    return new Date();
  }
}
