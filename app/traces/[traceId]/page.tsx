import type { Metadata } from 'next';

import { TracePage } from '@/components/traces/trace-page';

interface Props {
  params: Promise<{ traceId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { traceId } = await params;
  return { title: `Trace ${traceId.slice(0, 7)}` };
}

/** `/traces/{traceId}`: the trace waterfall. */
export default async function TraceRoute({ params }: Props) {
  const { traceId } = await params;
  return <TracePage traceId={traceId} />;
}
