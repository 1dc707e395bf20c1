import { z } from 'zod';

import { NAMESPACE_NAME } from '@/server/istio-config';

/** `?namespaces=a,b`: the namespaces whose objects to validate. */
export const validationsQuery = z.object({
  namespaces: z
    .string()
    .min(1, 'required, e.g. namespaces=bookinfo')
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      ),
    ])
    .refine((list) => list.length > 0 && list.every((n) => NAMESPACE_NAME.test(n)), {
      message: 'a comma-separated list of valid namespace names',
    }),
});
