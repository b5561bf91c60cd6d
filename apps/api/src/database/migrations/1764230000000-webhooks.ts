import { enableTenantRlsSql } from '@plinth/tenancy';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing webhooks: an organization's endpoints (URL, event filter, signing
 * secret sealed with ENCRYPTION_KEY, the previous one during a rotation's
 * overlap), the outbox of events (written in the transaction of the change
 * that causes each), one delivery per event and subscribed endpoint, and the
 * log of every attempt. Foreign keys carry the organization, so a delivery
 * can only name an endpoint and an event of its own organization.
 */
export class Webhooks1764230000000 implements MigrationInterface {
  name = 'Webhooks1764230000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        url text NOT NULL CHECK (char_length(url) <= 2048),
        description text CHECK (char_length(description) <= 500),
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        secret_sealed text NOT NULL,
        previous_secret_sealed text,
        previous_secret_expires_at timestamptz,
        disabled_at timestamptz,
        disabled_reason text CHECK (disabled_reason IN ('manual', 'failing')),
        -- The first failed attempt since the last success: five days of that and the endpoint is disabled.
        failing_since timestamptz,
        created_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_endpoints_org_id_key UNIQUE (organization_id, id),
        CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL)),
        CHECK ((previous_secret_sealed IS NULL) = (previous_secret_expires_at IS NULL))
      );
      CREATE INDEX webhook_endpoints_org_created_idx ON webhook_endpoints (organization_id, created_at DESC, id DESC);

      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type ~ '^[a-z_]+\\.[a-z_]+$'),
        -- json, not jsonb: the payload keeps the order of its keys.
        data json NOT NULL,
        -- Events that must be sent at most once per key (a refused quota, once an hour).
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_events_org_id_key UNIQUE (organization_id, id)
      );
      CREATE UNIQUE INDEX webhook_events_org_dedupe_key ON webhook_events (organization_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
      CREATE INDEX webhook_events_org_created_idx ON webhook_events (organization_id, created_at);
      -- The retention sweep, across organizations.
      CREATE INDEX webhook_events_created_idx ON webhook_events (created_at);

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL,
        event_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempt_count integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
        -- Attempts since the delivery was created or last replayed: the backoff's step.
        round_attempts integer NOT NULL DEFAULT 0 CHECK (round_attempts >= 0),
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_org_id_key UNIQUE (organization_id, id),
        CONSTRAINT webhook_deliveries_endpoint_fkey FOREIGN KEY (organization_id, endpoint_id)
          REFERENCES webhook_endpoints (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_event_fkey FOREIGN KEY (organization_id, event_id)
          REFERENCES webhook_events (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_one_per_endpoint UNIQUE (organization_id, endpoint_id, event_id),
        CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
      );
      CREATE INDEX webhook_deliveries_org_endpoint_created_idx
        ON webhook_deliveries (organization_id, endpoint_id, created_at DESC, id DESC);
      -- The sweep, across organizations: pending deliveries whose job was lost (a crash after the commit).
      CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        delivery_id uuid NOT NULL,
        at timestamptz NOT NULL,
        status_code integer,
        duration_ms integer NOT NULL CHECK (duration_ms >= 0),
        response_excerpt text CHECK (char_length(response_excerpt) <= 1000),
        error text CHECK (char_length(error) <= 1000),
        next_retry_at timestamptz,
        CONSTRAINT webhook_delivery_attempts_delivery_fkey FOREIGN KEY (organization_id, delivery_id)
          REFERENCES webhook_deliveries (organization_id, id) ON DELETE CASCADE
      );
      CREATE INDEX webhook_delivery_attempts_org_delivery_idx ON webhook_delivery_attempts (organization_id, delivery_id, at);
    `);
    await db.query(enableTenantRlsSql('webhook_endpoints'));
    // Events and attempts are written once; old events leave with the retention sweep (as the system).
    await db.query(enableTenantRlsSql('webhook_events', { privileges: ['SELECT', 'INSERT'] }));
    await db.query(enableTenantRlsSql('webhook_deliveries', { privileges: ['SELECT', 'INSERT', 'UPDATE'] }));
    await db.query(enableTenantRlsSql('webhook_delivery_attempts', { privileges: ['SELECT', 'INSERT'] }));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE webhook_delivery_attempts, webhook_deliveries, webhook_events, webhook_endpoints');
  }
}
