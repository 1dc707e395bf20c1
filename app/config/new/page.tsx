import type { Metadata } from 'next';
import { Suspense } from 'react';

import { ConfigCreatePage } from '@/components/config/config-create-page';

export const metadata: Metadata = { title: 'New Istio object' };

/** Create an Istio object from YAML. */
export default function Page() {
  return (
    <Suspense>
      <ConfigCreatePage />
    </Suspense>
  );
}
