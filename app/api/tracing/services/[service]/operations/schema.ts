import { z } from 'zod';

/** A Jaeger service name, e.g. `reviews.bookinfo`. */
export const serviceParams = z.object({ service: z.string().min(1).max(256) });
