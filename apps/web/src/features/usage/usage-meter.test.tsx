import { describe, expect, it } from '@jest/globals';
import { screen } from '@testing-library/react';
import { dimension } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { humanBytes } from '../../ui/format';
import type { QuotaStatus } from './quota-status-query';
import { UsageMeter } from './usage-meter';
import { UsageMeters } from './usage-meters';

/** The bar's colour as Mantine paints it: `var(--mantine-color-<name>-filled)` → name. */
function barColor(bar: HTMLElement): string | undefined {
  return /--mantine-color-(\w+)-filled/.exec(bar.style.getPropertyValue('--progress-section-color'))?.[1];
}

describe('UsageMeter', () => {
  it.each([
    { current: 0, limit: 10, color: 'teal', value: '0', said: '0% used', emphasized: false },
    { current: 79, limit: 100, color: 'teal', value: '79', said: '79% used', emphasized: false },
    { current: 8, limit: 10, color: 'yellow', value: '80', said: '80% used', emphasized: true },
    { current: 9, limit: 10, color: 'orange', value: '90', said: '90% used', emphasized: true },
    { current: 19, limit: 20, color: 'red', value: '95', said: '95% used', emphasized: true },
    { current: 10, limit: 10, color: 'red', value: '100', said: '100% used', emphasized: true },
  ])('at $current of $limit: bar $color, "$said"', ({ current, limit, color, value, said, emphasized }) => {
    renderWithProviders(<UsageMeter label="Sites" id="sites" usage={dimension(current, limit)} />);

    const bar = screen.getByRole('progressbar', { name: 'Sites' });
    expect(bar).toHaveAttribute('aria-valuenow', value);
    expect(barColor(bar)).toBe(color);
    expect(screen.getByTestId('usage-sites')).toHaveTextContent(`${current} of ${limit}`);
    const percent = screen.getByText(said);
    // From the first warning on, the figure takes the bar's colour and weight.
    expect(percent.style.color).toBe(emphasized ? `var(--mantine-color-${color}-text)` : 'var(--mantine-color-dimmed)');
    expect(percent.style.fontWeight).toBe(emphasized ? '700' : '400');
  });

  it('says "Over the limit" past 100 % and keeps the bar full, not overflowing', () => {
    // A plan downgrade can leave more than the new limit allows.
    renderWithProviders(<UsageMeter label="Users" id="users" usage={dimension(5, 3)} />);

    const bar = screen.getByRole('progressbar', { name: 'Users' });
    expect(bar).toHaveAttribute('aria-valuenow', '100');
    expect(barColor(bar)).toBe('red');
    expect(screen.getByTestId('usage-users')).toHaveTextContent('5 of 3');
    expect(screen.getByText('Over the limit')).toBeInTheDocument();
    expect(screen.queryByText(/% used/)).not.toBeInTheDocument();
  });

  it('shows an unlimited limit as such: a grey, empty bar and no percentage', () => {
    renderWithProviders(<UsageMeter label="Posts" id="posts" usage={dimension(1234, null)} />);

    const bar = screen.getByRole('progressbar', { name: 'Posts' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(barColor(bar)).toBe('gray');
    expect(screen.getByTestId('usage-posts')).toHaveTextContent('1,234 of unlimited');
    expect(screen.queryByText(/% used|Over the limit/)).not.toBeInTheDocument();
  });

  it('formats both figures with the given format, and shows the note', () => {
    renderWithProviders(
      <UsageMeter label="Storage" id="storage" usage={dimension(52_428_800, 104_857_600)} format={humanBytes} note="Uploaded media" />,
    );

    expect(screen.getByTestId('usage-storage')).toHaveTextContent('50 MB of 100 MB');
    expect(screen.getByText('Uploaded media')).toBeInTheDocument();
    expect(screen.getByText('50% used')).toBeInTheDocument();
  });
});

describe('UsageMeters', () => {
  const status = (perSite: number[]): QuotaStatus => ({
    sites: dimension(perSite.length, 3),
    posts: { ...dimension(Math.max(0, ...perSite), 20), perSite: perSite.map((current, i) => ({ siteId: `site-${i}`, current })) },
    users: dimension(3, 3),
    storage_bytes: dimension(1_572_864, null),
    api_calls: { ...dimension(950, 1_000), periodEnd: '2025-07-01T12:00:00.000Z' },
  });

  it('shows one meter per plan limit, each with its own figures and colour', () => {
    renderWithProviders(<UsageMeters status={status([4])} />);

    const meters = screen.getAllByRole('progressbar').map((bar) => [bar.getAttribute('aria-label'), barColor(bar)]);
    expect(meters).toEqual([
      ['Sites', 'teal'],
      ['Posts', 'teal'],
      ['Users', 'red'],
      ['Storage', 'gray'],
      ['API calls', 'red'],
    ]);
    expect(screen.getByTestId('usage-sites')).toHaveTextContent('1 of 3');
    expect(screen.getByTestId('usage-users')).toHaveTextContent('3 of 3');
    expect(screen.getByTestId('usage-storage')).toHaveTextContent('1.5 MB of unlimited');
    expect(screen.getByTestId('usage-api-calls')).toHaveTextContent('950 of 1,000');
    expect(screen.getByText('Members plus pending invitations')).toBeInTheDocument();
    expect(screen.getByText('Requests with API keys; the count restarts on Jul 1, 2025')).toBeInTheDocument();
  });

  it('explains that the posts limit is per site, and which site the figure is for', () => {
    const { unmount } = renderWithProviders(<UsageMeters status={status([4])} />);
    expect(screen.getByText('The limit is per site')).toBeInTheDocument();
    unmount();

    renderWithProviders(<UsageMeters status={status([4, 17, 2])} />);
    expect(screen.getByText('In your fullest site of 3; the limit is per site')).toBeInTheDocument();
    expect(screen.getByTestId('usage-posts')).toHaveTextContent('17 of 20');
  });
});
