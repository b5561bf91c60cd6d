import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../../config/app-config';
import { CachedProbe } from './cached-probe';

const TIMEOUT_MS = 2_000;
const CACHE_MS = 30_000;

/**
 * With STRIPE_SECRET_KEY: can this host reach Stripe's API? One unauthenticated
 * GET (any answer below 500 — a 401 included — means Stripe is there), cached
 * 30 s; the key never leaves the billing adapter.
 *
 * Reported, never failing readiness: every replica sees the same Stripe, so
 * taking them out of rotation would turn a billing outage (checkout and the
 * portal fail; Stripe retries its webhooks for days; reconciliation catches up)
 * into an outage of the whole product.
 */
@Injectable()
export class StripeHealth {
  private readonly probe: CachedProbe;

  constructor(
    private readonly config: AppConfig,
    private readonly indicator: HealthIndicatorService,
  ) {
    const api = (config.STRIPE_API_URL ?? 'https://api.stripe.com').replace(/\/$/, '');
    this.probe = new CachedProbe(async () => {
      const response = await fetch(`${api}/v1/balance`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      await response.body?.cancel();
      if (response.status >= 500) throw new Error(`Stripe answered ${response.status}`);
    }, CACHE_MS);
  }

  get configured(): boolean {
    return !this.config.billingSandbox;
  }

  async check(key: string) {
    const reachable = await this.probe.check().then(
      () => true,
      () => false,
    );
    return this.indicator.check(key).up({ reachable, affectsReadiness: false });
  }
}
