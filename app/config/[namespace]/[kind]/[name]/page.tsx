import type { Metadata } from 'next';

import { ConfigDetailPage } from '@/components/config/config-detail-page';

interface Props {
  params: Promise<{ namespace: string; kind: string; name: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeURIComponent(name) };
}

/** One Istio object: findings, YAML editor, validate, save, delete. */
export default async function Page({ params }: Props) {
  const { namespace, kind, name } = await params;
  return (
    <ConfigDetailPage
      namespace={decodeURIComponent(namespace)}
      kind={decodeURIComponent(kind)}
      name={decodeURIComponent(name)}
    />
  );
}
