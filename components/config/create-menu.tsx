'use client';

import { Button, Menu } from '@mantine/core';
import Link from 'next/link';

import { WIZARD_LABELS, type WizardType } from '@/components/wizards/builders/common';

export interface CreateMenuProps {
  namespace: string;
  /** Opens a wizard (the page puts `?wizard=` in the URL). */
  onWizard: (type: WizardType) => void;
}

/** "Create ▾": an object from YAML, or one of the wizards. */
export function CreateMenu({ namespace, onWizard }: CreateMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button size="xs" rightSection="▾">
          Create
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} href={`/config/new?namespace=${encodeURIComponent(namespace)}`}>
          From YAML…
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>Wizards</Menu.Label>
        {(Object.keys(WIZARD_LABELS) as WizardType[]).map((t) => (
          <Menu.Item key={t} onClick={() => onWizard(t)}>
            {WIZARD_LABELS[t]}…
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
