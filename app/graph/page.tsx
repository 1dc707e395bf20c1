import type { Metadata } from 'next';
import { Suspense } from 'react';

import { GraphPage } from '@/components/graph/graph-page';

export const metadata: Metadata = { title: 'Graph' };

/** The live topology graph; its whole view state lives in the URL (see graph-url-state.ts). */
export default function Page() {
  return (
    <Suspense>
      <GraphPage />
    </Suspense>
  );
}
