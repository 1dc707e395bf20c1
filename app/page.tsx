import { redirect } from 'next/navigation';

/** The console opens on the topology graph, as users expect from Kiali. */
export default function Home() {
  redirect('/graph');
}
