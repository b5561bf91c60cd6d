import { Injectable } from '@nestjs/common';
import { ApiCallMeter, periodStart } from '@plinth/quota';
import type { TenantContext } from '@plinth/tenancy';
import type { DailyUsageDto } from './dto/daily-usage.dto';

/** Every UTC day of the period so far, with the calls each recorded (0 when none). */
const DAYS_SQL = `
  SELECT to_char(series.day, 'YYYY-MM-DD') AS date, COALESCE(d.calls, 0) AS calls
    FROM generate_series($2::date, (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS series (day)
    LEFT JOIN api_call_days d ON d.organization_id = $1 AND d.day = series.day::date
   ORDER BY series.day`;

/** API calls per day over the current period, for the usage chart. */
@Injectable()
export class DailyUsageService {
  constructor(private readonly meter: ApiCallMeter) {}

  apiCalls(tenant: TenantContext): Promise<DailyUsageDto> {
    const start = periodStart();
    return tenant.transaction(async (tx) => {
      const rows: Array<{ date: string; calls: string }> = await tx.manager.query(DAYS_SQL, [tx.organizationId, start]);
      const days = rows.map((row) => ({ date: row.date, apiCalls: Number(row.calls) }));
      // Calls this process counted and has not written yet happened today.
      const today = days[days.length - 1];
      if (today) today.apiCalls += this.meter.unflushed(tx.organizationId);
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      return { periodStart: start.toISOString(), periodEnd: end.toISOString(), days };
    });
  }
}
