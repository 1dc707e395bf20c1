'use client';

import { ActionIcon, AppShell, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

import classes from './app-frame.module.css';
import { NAV_LINKS } from './nav-links';
import { UpstreamStatus } from './upstream-status';

/** The console chrome: a slim header with navigation, upstream status and the theme switch. */
export function AppFrame({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <AppShell header={{ height: 44 }} padding={0}>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" gap="lg" wrap="nowrap">
          <Link href="/graph" className={classes.brand} aria-label="Meshscope home">
            <MeshLogo />
            <Text fw={700} size="md">
              Meshscope
            </Text>
          </Link>
          <nav aria-label="Main">
            <Group gap={2} wrap="nowrap">
              {NAV_LINKS.map((l) => {
                const active = pathname === l.href || pathname.startsWith(`${l.href}/`);
                return (
                  <UnstyledButton
                    key={l.href}
                    component={Link}
                    href={l.href}
                    className={classes.link}
                    data-active={active || undefined}
                    aria-current={active ? 'page' : undefined}
                  >
                    {l.label}
                  </UnstyledButton>
                );
              })}
            </Group>
          </nav>
          <Group ml="auto" gap="sm" wrap="nowrap">
            <UpstreamStatus />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main className={classes.main}>{children}</AppShell.Main>
    </AppShell>
  );
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const next = computed === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} mode`}>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Switch to ${next} mode`}
        onClick={() => setColorScheme(next)}
      >
        {computed === 'dark' ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  );
}

function MeshLogo() {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      <g stroke="currentColor" strokeWidth="1.4" fill="none">
        <path d="M4 5 L10 10 L16 5 M10 10 L10 16 M4 5 L4 14 L10 16 L16 14 L16 5" opacity="0.55" />
      </g>
      <circle cx="4" cy="5" r="2" fill="#4c6ef5" />
      <circle cx="16" cy="5" r="2" fill="#12b886" />
      <circle cx="10" cy="10" r="2.4" fill="#7950f2" />
      <circle cx="10" cy="16" r="2" fill="#fab005" />
    </svg>
  );
}
