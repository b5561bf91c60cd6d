import { enableTenantRlsSql } from '@plinth/tenancy';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hash chain per organization over its audit log. Each entry gets its
 * place in the chain (`chain_seq`), the previous entry's hash and its own:
 * SHA-256 of the previous hash and the entry's canonical content. The link
 * is made at COMMIT by a deferred trigger that locks the organization's
 * chain head only while PostgreSQL commits, so concurrent writers serialise
 * there and nowhere else, and the chain follows commit order. The request
 * path keeps no UPDATE on audit_logs: the trigger runs as the table's owner.
 */
export class AuditChain1764240000000 implements MigrationInterface {
  name = 'AuditChain1764240000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_logs
        ADD COLUMN chain_seq bigint,
        ADD COLUMN prev_hash bytea,
        ADD COLUMN hash bytea;
      CREATE UNIQUE INDEX audit_logs_org_chain_idx ON audit_logs (organization_id, chain_seq);

      CREATE TABLE audit_chain_heads (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        last_seq bigint NOT NULL,
        last_hash bytea NOT NULL
      );

      -- What an entry's hash covers, in a form that does not depend on session settings (time zone, date style):
      -- jsonb's text output is canonical, the time is whole microseconds since the epoch.
      CREATE FUNCTION plinth_audit_canonical(a audit_logs) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
        SELECT convert_to(jsonb_build_array(
          a.id, a.organization_id, a.action, a.actor_type, a.actor_id, a.actor_email, a.target_type, a.target_id,
          a.metadata, a.ip, a.user_agent, (extract(epoch FROM a.created_at) * 1000000)::bigint
        )::text, 'UTF8')
      $$;

      CREATE FUNCTION plinth_audit_link() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        entry audit_logs;
        head audit_chain_heads;
        linked bytea;
      BEGIN
        SELECT * INTO entry FROM audit_logs WHERE id = NEW.id;
        IF NOT FOUND THEN RETURN NULL; END IF; -- gone with its organization in the same transaction
        INSERT INTO audit_chain_heads (organization_id, last_seq, last_hash) VALUES (entry.organization_id, 0, '\\x')
        ON CONFLICT (organization_id) DO NOTHING;
        SELECT * INTO head FROM audit_chain_heads WHERE organization_id = entry.organization_id FOR UPDATE;
        linked := sha256(head.last_hash || plinth_audit_canonical(entry));
        UPDATE audit_chain_heads SET last_seq = head.last_seq + 1, last_hash = linked WHERE organization_id = entry.organization_id;
        UPDATE audit_logs SET chain_seq = head.last_seq + 1, prev_hash = head.last_hash, hash = linked WHERE id = entry.id;
        RETURN NULL;
      END $$;

      CREATE CONSTRAINT TRIGGER audit_logs_chain AFTER INSERT ON audit_logs
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plinth_audit_link();
    `);
    await db.query(enableTenantRlsSql('audit_chain_heads', { privileges: ['SELECT'] }));
    await db.query(`GRANT EXECUTE ON FUNCTION plinth_audit_canonical(audit_logs) TO plinth_app;`);
    // The entries written before the chain existed, linked in the order they were written.
    await db.query(`
      DO $$
      DECLARE
        entry audit_logs;
        previous bytea;
        seq bigint;
        current_org uuid;
      BEGIN
        FOR entry IN SELECT * FROM audit_logs ORDER BY organization_id, created_at, id LOOP
          IF current_org IS DISTINCT FROM entry.organization_id THEN
            current_org := entry.organization_id; previous := '\\x'; seq := 0;
          END IF;
          seq := seq + 1;
          UPDATE audit_logs SET chain_seq = seq, prev_hash = previous, hash = sha256(previous || plinth_audit_canonical(entry))
           WHERE id = entry.id RETURNING hash INTO previous;
          INSERT INTO audit_chain_heads (organization_id, last_seq, last_hash) VALUES (current_org, seq, previous)
          ON CONFLICT (organization_id) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash;
        END LOOP;
      END $$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER audit_logs_chain ON audit_logs;
      DROP FUNCTION plinth_audit_link(), plinth_audit_canonical(audit_logs);
      DROP TABLE audit_chain_heads;
      ALTER TABLE audit_logs DROP COLUMN chain_seq, DROP COLUMN prev_hash, DROP COLUMN hash;`);
  }
}
