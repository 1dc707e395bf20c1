import { z } from 'zod';

/** Kubernetes DNS-1123 label: namespaces and service names. */
export const k8sName = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a lowercase RFC 1123 label (a-z, 0-9, -)');

export const trafficParams = z.object({ namespace: k8sName, service: k8sName });

/** A route is addressed by its index in spec.http or by its name. */
const routeRef = z.union([z.number().int().nonnegative(), z.string().min(1).max(253)]);

export const trafficQuery = z.object({
  route: z
    .string()
    .optional()
    .transform((v) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : v)),
});

/**
 * The PUT body's shape. Weight *values* are checked by the service (422 with a message naming
 * the subset), so here they only need to be present; the shape itself is a 400.
 */
export const trafficUpdateBody = z.object({
  weights: z.record(z.string().min(1).max(253), z.unknown()).default({}),
  route: routeRef.optional(),
  mirror: z
    .object({
      subset: z.string().min(1).max(253),
      percent: z.number().min(0).max(100),
    })
    .nullable()
    .optional(),
  resourceVersion: z.string().min(1).optional(),
  restoreSpec: z.record(z.string(), z.unknown()).nullable().optional(),
  dryRun: z.boolean().optional(),
});
