import type { Metadata } from 'next';
import { Suspense } from 'react';

import { ConfigListPage } from '@/components/config/config-list-page';

export const metadata: Metadata = { title: 'Istio config' };

/** Every Istio object of a namespace with its validation status. */
export default function Page() {
  return (
    <Suspense>
      <ConfigListPage />
    </Suspense>
  );
}
