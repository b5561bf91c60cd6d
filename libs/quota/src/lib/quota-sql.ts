/**
 * Quotas enforced by the database. A counted table (sites, posts, media)
 * gets a deferred constraint trigger: each inserted row is counted when its
 * transaction COMMITs — one conditional increment of the counter row, which
 * raises `PL402` when the limit in force would be passed, so the COMMIT
 * fails and nothing is kept. The counter row is locked only while
 * PostgreSQL commits, never while the application is busy, and every path
 * that inserts rows is counted. Deleted rows are given back per statement.
 *
 * The limit in force is an override row (`quota_overrides`, NULL =
 * unlimited), else the plan's, read from the transaction setting
 * `plinth.quota` that every tenant transaction carries (see QuotaModule).
 * Without that setting (a maintenance session) rows are counted but not limited.
 */

/** SQLSTATE raised when a consume would pass the limit; DETAIL is `{ dimension, scopeId, current, limit }`. */
export const QUOTA_EXCEEDED_SQLSTATE = 'PL402';
/** Message of the NOTICE sent when a consume crosses a warning threshold; DETAIL is a QuotaCrossing. */
export const QUOTA_CROSSED_NOTICE = 'plinth.quota_crossed';
/** Transaction setting that suspends per-row counting, for bulk writers that consume explicitly. */
export const QUOTA_BULK_SETTING = 'plinth.quota_bulk';
export const QUOTA_SETTING = 'plinth.quota';

const ORGANIZATION_SCOPE_SQL = `'00000000-0000-0000-0000-000000000000'::uuid`;
const MONTH_START_SQL = `(date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

export function quotaFunctionsSql(): string {
  return `
    ALTER TABLE quota_usage DROP CONSTRAINT IF EXISTS quota_usage_current_check;
    ALTER TABLE quota_warnings
      ADD COLUMN scope_id uuid NOT NULL DEFAULT ${ORGANIZATION_SCOPE_SQL},
      ADD COLUMN current bigint,
      ADD COLUMN limit_value bigint,
      ADD COLUMN notified_at timestamptz,
      DROP CONSTRAINT quota_warnings_pkey,
      ADD PRIMARY KEY (organization_id, dimension, scope_id, threshold, period_start);
    -- Crossings recorded before this migration were mailed when they happened.
    UPDATE quota_warnings SET notified_at = created_at;
    GRANT UPDATE (notified_at) ON quota_warnings TO plinth_app;

    CREATE FUNCTION plinth_quota_limit(org uuid, dim text) RETURNS bigint LANGUAGE sql STABLE AS $$
      SELECT CASE WHEN o.organization_id IS NOT NULL THEN o.limit_value
                  ELSE (NULLIF(current_setting('${QUOTA_SETTING}', true), '')::jsonb
                          -> 'limits' -> (SELECT plan_tier FROM organizations WHERE id = org) ->> dim)::bigint END
        FROM (SELECT 1) AS one
        LEFT JOIN quota_overrides o ON o.organization_id = org AND o.dimension = dim
    $$;

    -- The highest warning threshold (whole percent) that going from \`before\` to \`after\` crosses, if any.
    CREATE FUNCTION plinth_quota_crossed(before bigint, after bigint, lim bigint) RETURNS int LANGUAGE sql STABLE AS $$
      SELECT max(t::int) FROM jsonb_array_elements_text(NULLIF(current_setting('${QUOTA_SETTING}', true), '')::jsonb -> 'thresholds') AS t
       WHERE lim > 0 AND before * 100 < t::int * lim AND after * 100 >= t::int * lim
    $$;

    -- Records a crossing once per organization, dimension, scope, threshold and month, and tells the client.
    CREATE FUNCTION plinth_quota_warn(org uuid, dim text, scope uuid, threshold int, after bigint, lim bigint)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      first boolean;
    BEGIN
      INSERT INTO quota_warnings (organization_id, dimension, scope_id, threshold, period_start, current, limit_value)
      VALUES (org, dim, scope, threshold, ${MONTH_START_SQL}, after, lim)
      ON CONFLICT DO NOTHING;
      first := FOUND;
      RAISE NOTICE '${QUOTA_CROSSED_NOTICE}' USING DETAIL = json_build_object(
        'organizationId', org, 'dimension', dim, 'scopeId', scope, 'threshold', threshold,
        'current', after, 'limit', lim, 'first', first)::text;
    END $$;

    CREATE FUNCTION plinth_quota_consume(org uuid, dim text, scope uuid, amount bigint) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
      lim bigint := plinth_quota_limit(org, dim);
      after bigint;
      crossed int;
    BEGIN
      INSERT INTO quota_usage AS u (organization_id, dimension, scope_id, current) VALUES (org, dim, scope, amount)
      ON CONFLICT (organization_id, dimension, scope_id) DO UPDATE SET current = u.current + EXCLUDED.current
      RETURNING u.current INTO after;
      IF amount > 0 AND lim IS NOT NULL THEN
        IF after > lim THEN
          RAISE EXCEPTION 'Quota reached: % % of %', dim, after - amount, lim USING
            ERRCODE = '${QUOTA_EXCEEDED_SQLSTATE}',
            DETAIL = json_build_object('dimension', dim, 'scopeId', scope, 'current', after - amount, 'limit', lim)::text;
        END IF;
        crossed := plinth_quota_crossed(after - amount, after, lim);
        IF crossed IS NOT NULL THEN
          PERFORM plinth_quota_warn(org, dim, scope, crossed, after, lim);
        END IF;
      END IF;
      RETURN after;
    END $$;

    -- Gives back; skipped when the organization itself is going (its counters go with it).
    CREATE FUNCTION plinth_quota_release(org uuid, dim text, scope uuid, amount bigint) RETURNS void LANGUAGE sql AS $$
      INSERT INTO quota_usage AS u (organization_id, dimension, scope_id, current)
      SELECT org, dim, scope, -amount WHERE EXISTS (SELECT 1 FROM organizations WHERE id = org)
      ON CONFLICT (organization_id, dimension, scope_id) DO UPDATE SET current = u.current + EXCLUDED.current
    $$;

    -- Row trigger, deferred to COMMIT. Arguments: dimension, scope column ('' = organization), amount column ('' = 1).
    CREATE FUNCTION plinth_quota_count_row() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      r jsonb := to_jsonb(NEW);
    BEGIN
      IF current_setting('${QUOTA_BULK_SETTING}', true) = 'on' THEN RETURN NULL; END IF;
      PERFORM plinth_quota_consume(
        NEW.organization_id, TG_ARGV[0],
        COALESCE((r ->> TG_ARGV[1])::uuid, ${ORGANIZATION_SCOPE_SQL}),
        COALESCE((r ->> TG_ARGV[2])::bigint, 1));
      RETURN NULL;
    END $$;

    -- Statement trigger over the deleted rows (transition table "gone"); same arguments.
    CREATE FUNCTION plinth_quota_release_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      EXECUTE format(
        'SELECT plinth_quota_release(organization_id, %L, scope, amount)
           FROM (SELECT organization_id, %s AS scope, sum(%s)::bigint AS amount FROM gone GROUP BY 1, 2) AS g',
        TG_ARGV[0],
        CASE WHEN TG_ARGV[1] = '' THEN quote_literal('00000000-0000-0000-0000-000000000000') || '::uuid' ELSE quote_ident(TG_ARGV[1]) END,
        CASE WHEN TG_ARGV[2] = '' THEN '1' ELSE quote_ident(TG_ARGV[2]) END);
      RETURN NULL;
    END $$;

    -- Row trigger, deferred to COMMIT (after the cascaded rows have given back): the counters scoped to a
    -- deleted row (a site's posts) go with it. Argument: dimension.
    CREATE FUNCTION plinth_quota_forget_scope() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM quota_usage WHERE organization_id = OLD.organization_id AND dimension = TG_ARGV[0] AND scope_id = OLD.id;
      RETURN NULL;
    END $$;`;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export interface CountedTable {
  dimension: string;
  /** Column of the scope the dimension is counted per (posts per site: `site_id`); omitted: the organization. */
  scopeColumn?: string;
  /** Column holding each row's amount (media: `size_bytes`); omitted: 1 per row. */
  amountColumn?: string;
}

/** Counts `table`'s rows against a dimension: inserts at COMMIT (limited), deletes given back. */
export function countedTableSql(table: string, counted: CountedTable): string {
  const args = [counted.dimension, counted.scopeColumn ?? '', counted.amountColumn ?? ''];
  for (const name of [table, ...args.filter(Boolean)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  }
  const list = args.map((arg) => `'${arg}'`).join(', ');
  return `
    CREATE CONSTRAINT TRIGGER ${table}_quota_count AFTER INSERT ON ${table}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plinth_quota_count_row(${list});
    CREATE TRIGGER ${table}_quota_release AFTER DELETE ON ${table}
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION plinth_quota_release_rows(${list});`;
}

/** Deleting a row of `table` forgets the `dimension` counters scoped to it (a site's posts counter). */
export function scopeTableSql(table: string, dimension: string): string {
  for (const name of [table, dimension]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  }
  return `
    CREATE CONSTRAINT TRIGGER ${table}_quota_forget_${dimension} AFTER DELETE ON ${table}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION plinth_quota_forget_scope('${dimension}');`;
}
