import { z } from 'zod';

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a Kubernetes namespace name')
    .max(63)
    .optional(),
  kind: z
    .string()
    .regex(/^[A-Za-z]+$/, 'must be a Kubernetes kind')
    .max(63)
    .optional(),
  name: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes object name')
    .max(253)
    .optional(),
});
