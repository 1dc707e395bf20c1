'use client';

import { Text, ThemeIcon, Tooltip } from '@mantine/core';

import type { ObjectValidation } from '@/server/model/istio-config';

const LOOK = {
  valid: { color: 'teal', glyph: '✓' },
  warning: { color: 'yellow', glyph: '!' },
  error: { color: 'red', glyph: '✕' },
} as const;

/** "Valid", "1 warning", "2 errors, 1 warning": what the icon says to screen readers. */
export function validationLabel(v: ObjectValidation): string {
  const errors = v.checks.filter((c) => c.severity === 'error').length;
  const warnings = v.checks.filter((c) => c.severity === 'warning').length;
  const parts = [];
  if (errors) parts.push(`${errors} error${errors > 1 ? 's' : ''}`);
  if (warnings) parts.push(`${warnings} warning${warnings > 1 ? 's' : ''}`);
  return parts.length ? parts.join(', ') : 'Valid';
}

export interface ValidationIconProps {
  validation: ObjectValidation;
}

/** A small status dot (✓ ! ✕) whose tooltip lists the findings. */
export function ValidationIcon({ validation }: ValidationIconProps) {
  const look = LOOK[validation.status];
  const label = validationLabel(validation);
  const shown = validation.checks.filter((c) => c.severity !== 'info');
  return (
    <Tooltip
      multiline
      maw={420}
      withArrow
      label={
        shown.length ? (
          shown.map((c, i) => (
            <Text key={i} size="xs">
              {c.message}
            </Text>
          ))
        ) : (
          <Text size="xs">No problems found</Text>
        )
      }
    >
      <ThemeIcon
        size={18}
        radius="xl"
        color={look.color}
        variant={validation.status === 'valid' ? 'light' : 'filled'}
        role="img"
        aria-label={label}
      >
        <Text span fw={800} fz={11} lh={1}>
          {look.glyph}
        </Text>
      </ThemeIcon>
    </Tooltip>
  );
}
