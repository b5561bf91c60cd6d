import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { page, requestsTo, stubApi } from '../../test/api';
import { shellContext } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { JobQueuesPage } from './job-queues-page';

const LIST = 'GET /api/v1/admin/job-queues';

describe('JobQueuesPage', () => {
  it('shows each queue with its queued, active and failed jobs', async () => {
    stubApi({
      [LIST]: page([
        { name: 'mail.send', queued: 1_204, active: 5, failed: 0 },
        { name: 'webhook.deliver', queued: 3, active: 1, failed: 2 },
      ]),
    });
    renderWithProviders(<JobQueuesPage />, { shell: shellContext() });
    const table = await screen.findByRole('table', { name: 'Job queues' });
    const rows = within(table).getAllByTestId('job-queue');
    expect(rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent))).toEqual([
      ['mail.send', '1,204', '5', '0'],
      ['webhook.deliver', '3', '1', '2'],
    ]);
    expect(requestsTo(LIST)[0].query.get('limit')).toBe('100');
  });
});
