import { Button, Container, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/page-header';
import { useShellContext } from '../shell/shell-context';
import { SETTINGS_PAGES, settingsPath, type SettingsPage } from './settings-paths';

interface Props {
  current: SettingsPage;
  description: ReactNode;
  children: ReactNode;
}

/** The settings pages share a title and a row of links between them. */
export function SettingsFrame({ current, description, children }: Props) {
  const { membership } = useShellContext();
  return (
    <Container size="lg">
      <Stack gap="lg">
        <PageHeader title="Settings" description={description} />
        <nav aria-label="Settings">
          <Group gap="xs">
            {SETTINGS_PAGES.map((page) => {
              const active = page.path === current;
              return (
                <Button
                  key={page.path}
                  component={Link}
                  to={settingsPath(membership.slug, page.path)}
                  variant={active ? 'light' : 'subtle'}
                  color={active ? undefined : 'gray'}
                  aria-current={active ? 'page' : undefined}
                >
                  {page.label}
                </Button>
              );
            })}
          </Group>
        </nav>
        {children}
      </Stack>
    </Container>
  );
}
