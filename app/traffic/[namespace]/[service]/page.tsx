import type { Metadata } from 'next';

import { TrafficPage } from '@/components/traffic/traffic-page';

interface Props {
  params: Promise<{ namespace: string; service: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { namespace, service } = await params;
  return { title: `Traffic · ${service}.${namespace}` };
}

/** Deep link to one service's traffic editor. */
export default async function Page({ params }: Props) {
  const { namespace, service } = await params;
  return (
    <TrafficPage namespace={decodeURIComponent(namespace)} service={decodeURIComponent(service)} />
  );
}
