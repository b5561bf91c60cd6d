import { Box, Button, Stack, Table, Text, useMantineTheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../ui/format';
import type { DailyUsage } from './usage-queries';

const CHART_TITLE = 'API calls per day';

// The API's days are UTC calendar days: formatted in UTC, so no day shifts by the reader's time zone.
const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function dayOf(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function formatShortDay(date: string): string {
  return shortDay.format(dayOf(date));
}

export function formatLongDay(date: string): string {
  return longDay.format(dayOf(date));
}

/** The chart in one sentence: the total, the span and the busiest day. Also its text alternative. */
export function summarizeDailyUsage({ days }: DailyUsage): string {
  if (days.length === 0) return 'No days in this period yet.';
  const total = days.reduce((sum, day) => sum + day.apiCalls, 0);
  const span = `${formatShortDay(days[0].date)} to ${formatShortDay(days[days.length - 1].date)}`;
  if (total === 0) return `No API calls from ${span}.`;
  const busiest = days.reduce((top, day) => (day.apiCalls > top.apiCalls ? day : top));
  const calls = total === 1 ? 'API call' : 'API calls';
  return `${formatNumber(total)} ${calls} from ${span}; the busiest day was ${formatShortDay(busiest.date)} with ${formatNumber(busiest.apiCalls)}.`;
}

/**
 * API calls per day of the current period as bars. The figure is named by
 * its title and described by the summary; the same figures are a table
 * one button away, for screen readers and for reading exact numbers.
 */
export function ApiCallsChart({ usage }: { usage: DailyUsage }) {
  const theme = useMantineTheme();
  const titleId = useId();
  const summaryId = useId();
  const tableId = useId();
  const [tableShown, { toggle }] = useDisclosure(false);
  const summary = summarizeDailyUsage(usage);
  return (
    <Stack gap="sm">
      <Box component="figure" m={0} aria-labelledby={titleId} aria-describedby={summaryId} data-testid="api-calls-chart">
        <Text id={titleId} fw={600} component="figcaption">
          {CHART_TITLE}
        </Text>
        <Text id={summaryId} size="sm" c="dimmed" data-testid="api-calls-summary">
          {summary}
        </Text>
        <Box h={260} mt="sm">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={usage.days} title={CHART_TITLE} desc={summary} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke={theme.colors.gray[3]} />
              <XAxis dataKey="date" tickFormatter={formatShortDay} interval="preserveStartEnd" minTickGap={16} tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tickFormatter={formatNumber} width={56} tick={{ fontSize: 12 }} />
              <Tooltip
                cursor={{ fill: theme.colors.gray[1] }}
                labelFormatter={(label) => formatLongDay(String(label))}
                formatter={(value) => [formatNumber(Number(value)), 'API calls']}
              />
              <Bar dataKey="apiCalls" name="API calls" fill={theme.colors[theme.primaryColor][6]} radius={[3, 3, 0, 0]} maxBarSize={32} />
            </BarChart>
          </ResponsiveContainer>
        </Box>
      </Box>
      <div>
        <Button
          variant="subtle"
          size="compact-sm"
          aria-expanded={tableShown}
          aria-controls={tableShown ? tableId : undefined}
          onClick={toggle}
          rightSection={<Chevron up={tableShown} />}
        >
          Daily figures as a table
        </Button>
      </div>
      {tableShown && (
        <Table.ScrollContainer minWidth={320} id={tableId}>
          <Table aria-label={CHART_TITLE} striped verticalSpacing={4} maw={420}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                <Table.Th ta="right">API calls</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {usage.days.map((day) => (
                <Table.Tr key={day.date}>
                  <Table.Td>{formatLongDay(day.date)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(day.apiCalls)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Chevron({ up }: { up: boolean }) {
  return (
    <svg width={14} height={14} viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth={2}>
      <path d={up ? 'M6 15l6-6 6 6' : 'M6 9l6 6 6-6'} />
    </svg>
  );
}
