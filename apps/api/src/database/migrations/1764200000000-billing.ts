import { enableTenantRlsSql } from '@plinth/tenancy';
import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'`;

/**
 * Billing: an organization's subscription as last applied, its invoices, the
 * ledger of Stripe events (one row per event id: a duplicate is a no-op), the
 * history of status changes the billing metrics read, and the sandbox's state.
 */
export class Billing1764200000000 implements MigrationInterface {
  name = 'Billing1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE subscriptions (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        stripe_customer_id text UNIQUE,
        stripe_subscription_id text UNIQUE,
        plan_tier text CHECK (plan_tier IN ('starter', 'pro', 'enterprise')),
        billing_cycle text CHECK (billing_cycle IN ('monthly', 'annual')),
        status text CHECK (status IN (${STATUSES})),
        current_period_start timestamptz,
        current_period_end timestamptz,
        cancel_at_period_end boolean NOT NULL DEFAULT false,
        trial_end timestamptz,
        -- An organization's first subscription may start with a trial; later ones do not.
        trial_used boolean NOT NULL DEFAULT false,
        grace_started_at timestamptz,
        grace_ends_at timestamptz,
        grace_reminders_sent smallint NOT NULL DEFAULT 0,
        amount_cents integer NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
        currency text NOT NULL DEFAULT 'usd',
        -- The provider time of the state applied (whole seconds): an older event changes nothing.
        synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((grace_started_at IS NULL) = (grace_ends_at IS NULL))
      );
      CREATE INDEX subscriptions_grace_idx ON subscriptions (grace_ends_at) WHERE grace_ends_at IS NOT NULL;

      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        stripe_invoice_id text NOT NULL UNIQUE,
        stripe_subscription_id text,
        amount_cents integer NOT NULL CHECK (amount_cents >= 0),
        amount_paid_cents integer NOT NULL CHECK (amount_paid_cents >= 0),
        currency text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'uncollectible', 'void')),
        invoice_pdf_url text,
        hosted_invoice_url text,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX invoices_org_created_idx ON invoices (organization_id, created_at DESC, id DESC);

      CREATE TABLE stripe_events (
        id text PRIMARY KEY CHECK (id ~ '^evt_'),
        -- NULL: the event names no organization Plinth knows (stored and acknowledged all the same).
        organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
        type text NOT NULL,
        created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        payload jsonb NOT NULL
      );
      CREATE INDEX stripe_events_org_created_idx ON stripe_events (organization_id, created_at);
      CREATE INDEX stripe_events_pending_idx ON stripe_events (received_at) WHERE processed_at IS NULL;
      -- Platform billing metrics count payments across organizations by time.
      CREATE INDEX stripe_events_type_created_idx ON stripe_events (type, created_at);

      CREATE TABLE subscription_transitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Kept (without the organization) when an organization is deleted: churn still counts it.
        organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
        stripe_subscription_id text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        plan_tier text,
        monthly_amount_cents integer NOT NULL DEFAULT 0,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX subscription_transitions_org_at_idx ON subscription_transitions (organization_id, at);
      -- Platform billing metrics read a period across organizations.
      CREATE INDEX subscription_transitions_at_idx ON subscription_transitions (at);

      CREATE TABLE sandbox_billing_accounts (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        clock_offset_seconds bigint NOT NULL DEFAULT 0 CHECK (clock_offset_seconds >= 0),
        card_outcome text NOT NULL DEFAULT 'succeeds' CHECK (card_outcome IN ('succeeds', 'fails'))
      );

      CREATE TABLE sandbox_billing_objects (
        id text PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('customer', 'checkout_session', 'subscription', 'invoice')),
        data jsonb NOT NULL,
        input jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sandbox_billing_objects_org_type_idx ON sandbox_billing_objects (organization_id, type, created_at);
    `);
    await db.query(enableTenantRlsSql('subscriptions', { privileges: ['SELECT', 'INSERT', 'UPDATE'] }));
    await db.query(enableTenantRlsSql('invoices', { privileges: ['SELECT', 'INSERT', 'UPDATE'] }));
    await db.query(enableTenantRlsSql('stripe_events', { privileges: ['SELECT', 'INSERT', 'UPDATE'] }));
    await db.query(enableTenantRlsSql('subscription_transitions', { privileges: ['SELECT', 'INSERT'] }));
    await db.query(enableTenantRlsSql('sandbox_billing_accounts', { privileges: ['SELECT', 'INSERT', 'UPDATE'] }));
    await db.query(enableTenantRlsSql('sandbox_billing_objects', { privileges: ['SELECT', 'INSERT', 'UPDATE'] }));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE sandbox_billing_objects, sandbox_billing_accounts, subscription_transitions, stripe_events, invoices, subscriptions`,
    );
  }
}
