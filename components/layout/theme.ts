import { createTheme } from '@mantine/core';

/**
 * One theme for the console: compact spacing (SREs want density), a neutral palette with the
 * health colours reserved for meaning (green ok, amber degraded, red failure).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace:
    'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  fontSizes: { xs: '11px', sm: '12px', md: '13px', lg: '15px', xl: '18px' },
  spacing: { xs: '4px', sm: '8px', md: '12px', lg: '16px', xl: '24px' },
  headings: {
    sizes: { h1: { fontSize: '20px' }, h2: { fontSize: '16px' }, h3: { fontSize: '14px' } },
  },
});

/** Health colours as Mantine colour names, shared by graph, tables and badges. */
export const healthColor = {
  healthy: 'teal',
  degraded: 'yellow',
  failure: 'red',
  idle: 'gray',
  unknown: 'gray',
} as const;
