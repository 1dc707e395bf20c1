'use client';

import { useState } from 'react';

import { type IstioWrite, useIstioWrite } from '@/components/queries/use-istio-write';
import type { IstioWriteResult } from '@/server/model/istio-config';

/** What the editor shows under its toolbar after Validate or Save. */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'validated'; result: IstioWriteResult }
  /** The dry run passed the API server but Meshscope found errors: save only if confirmed. */
  | { kind: 'confirm'; result: IstioWriteResult }
  | { kind: 'saved'; result: IstioWriteResult }
  | { kind: 'failed'; error: Error };

/**
 * Validate = a server-side dry run (API server schema + Meshscope checks). Save = the same dry
 * run first, then the write; semantic errors do not block (Istio would accept the object) but
 * need a second click, so nobody saves a broken route by accident.
 */
export function useValidatedSave(onSaved?: (r: IstioWriteResult) => void) {
  const write = useIstioWrite();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  async function run(req: Omit<IstioWrite, 'dryRun'>, mode: 'validate' | 'save' | 'force') {
    try {
      if (mode !== 'force') {
        const result = await write.mutateAsync({ ...req, dryRun: true });
        if (mode === 'validate') return setState({ kind: 'validated', result });
        if (result.validation.status === 'error') return setState({ kind: 'confirm', result });
      }
      const result = await write.mutateAsync(req);
      setState({ kind: 'saved', result });
      onSaved?.(result);
    } catch (error) {
      setState({ kind: 'failed', error: error as Error });
    }
  }

  return {
    state,
    busy: write.isPending,
    validate: (req: Omit<IstioWrite, 'dryRun'>) => run(req, 'validate'),
    save: (req: Omit<IstioWrite, 'dryRun'>) => run(req, 'save'),
    saveAnyway: (req: Omit<IstioWrite, 'dryRun'>) => run(req, 'force'),
    clear: () => setState({ kind: 'idle' }),
  };
}
