import { z } from 'zod';

import { NAMESPACE_NAME, OBJECT_NAME } from '@/server/istio-config';

const namespace = z
  .string()
  .regex(NAMESPACE_NAME, 'not a valid namespace name (lower-case letters, digits and "-")');

/** `/api/namespaces/{namespace}/istio`. */
export const listParams = z.object({ namespace });

/** `/api/namespaces/{namespace}/istio/{kind}/{name}`; the kind is checked by `kindOrThrow`. */
export const objectParams = z.object({
  namespace,
  kind: z.string().min(1),
  name: z.string().regex(OBJECT_NAME, 'not a valid object name'),
});

/** `?dryRun=true` validates (API server schema + Meshscope checks) without saving. */
export const writeQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional(),
});

/**
 * `DELETE …?resourceVersion=` deletes only the version the user saw (409 if it changed since).
 * Kubernetes resource versions are opaque strings; this bounds them to what any API server uses.
 */
export const deleteQuery = z.object({
  resourceVersion: z
    .string()
    .regex(/^[0-9A-Za-z._-]{1,64}$/, 'not a valid resourceVersion')
    .optional(),
});
