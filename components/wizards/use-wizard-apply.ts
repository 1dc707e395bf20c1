'use client';

import { useState } from 'react';
import { stringify } from 'yaml';

import { useIstioWrite } from '@/components/queries/use-istio-write';
import type {
  IstioObject,
  IstioObjectSummary,
  IstioWriteResult,
} from '@/server/model/istio-config';

/** One object of a wizard's output, as previewed and applied. */
export interface PlannedObject {
  object: IstioObject;
  yaml: string;
  /** The object it replaces, when one of that kind and name exists. */
  existing?: IstioObjectSummary;
  /** The dry run's answer (semantic findings) or its error (schema, 409…). */
  dryRun?: IstioWriteResult;
  error?: Error;
  applied?: IstioWriteResult;
}

/**
 * Plans, dry-runs and applies a wizard's objects. An object that exists is replaced with the
 * resourceVersion the list showed, so a concurrent change is refused (409), never overwritten.
 */
export function useWizardApply(namespace: string, existing: IstioObjectSummary[]) {
  const write = useIstioWrite();
  const [plan, setPlan] = useState<PlannedObject[] | null>(null);
  const [busy, setBusy] = useState(false);

  const send = (p: PlannedObject, dryRun: boolean) =>
    write.mutateAsync({
      namespace,
      target: p.existing ? { kind: p.object.kind, name: p.object.metadata.name } : undefined,
      yaml: p.yaml,
      dryRun,
    });

  async function preview(objects: IstioObject[]) {
    setBusy(true);
    const planned: PlannedObject[] = objects.map((object) => {
      const found = existing.find((e) => e.kind === object.kind && e.name === object.metadata.name);
      const body = found
        ? { ...object, metadata: { ...object.metadata, resourceVersion: found.resourceVersion } }
        : object;
      return { object, yaml: stringify(body), existing: found };
    });
    const checked = await Promise.all(
      planned.map((p) =>
        send(p, true).then(
          (dryRun) => ({ ...p, dryRun }),
          (error: Error) => ({ ...p, error }),
        ),
      ),
    );
    setPlan(checked);
    setBusy(false);
  }

  /** Applies in order (the DestinationRule after the VirtualService is fine: both land). */
  async function apply() {
    if (!plan) return;
    setBusy(true);
    const done: PlannedObject[] = [];
    for (const p of plan) {
      try {
        done.push({ ...p, applied: await send(p, false), error: undefined });
      } catch (error) {
        done.push({ ...p, error: error as Error });
        // Stop at the first failure so the user sees exactly what landed.
        done.push(...plan.slice(done.length));
        break;
      }
    }
    setPlan(done);
    setBusy(false);
  }

  return { plan, busy, preview, apply, reset: () => setPlan(null) };
}
