import { Injectable } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { ValidationFailedError } from '@plinth/tenancy';
import { Page } from '../../common/envelope.interceptor';
import type { PageQueryDto } from '../../common/pagination';
import { JobQueue } from '../jobs/job-queue';
import type { JobQueueDto } from './dto/admin-operations.dto';

/** pg-boss 10 has `countStates()` at run time (its monitor uses it) but leaves it out of its type declarations. */
type BossWithStates = PgBoss & { countStates(): Promise<PgBoss.MonitorStates> };

const NO_JOBS: PgBoss.MonitorState = { all: 0, created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 };

/** The job queues the modules defined, by name, with how many jobs wait, run and failed: from pg-boss's own API. */
@Injectable()
export class AdminJobQueuesService {
  constructor(private readonly jobs: JobQueue) {}

  async list(query: PageQueryDto): Promise<Page<JobQueueDto>> {
    const after = decodeCursor(query.cursor);
    const boss = this.jobs.boss as BossWithStates;
    const [queues, states] = await Promise.all([boss.getQueues(), boss.countStates()]);
    const names = queues
      .map((queue) => queue.name)
      .filter((name) => after === null || name > after)
      .sort();
    const items = names.slice(0, query.limit).map((name) => present(name, states.queues[name] ?? NO_JOBS));
    const last = items[items.length - 1];
    const nextCursor = names.length > query.limit && last ? Buffer.from(last.name).toString('base64url') : null;
    return new Page(items, nextCursor, query.limit);
  }
}

function present(name: string, state: PgBoss.MonitorState): JobQueueDto {
  return { name, queued: state.created + state.retry, active: state.active, failed: state.failed };
}

function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const name = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\w.\-/]{1,100}$/.test(name)) {
    throw new ValidationFailedError('Invalid cursor', [{ field: 'cursor', problems: ['not a cursor from this list'] }]);
  }
  return name;
}
