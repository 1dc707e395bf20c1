import type { Metadata } from 'next';
import { Suspense } from 'react';

import { TraceSearchPage } from '@/components/traces/trace-search-page';

export const metadata: Metadata = { title: 'Traces' };

/** `/traces`: Jaeger search with the form state in the URL. */
export default function TracesPage() {
  return (
    <Suspense>
      <TraceSearchPage />
    </Suspense>
  );
}
