import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

/**
 * Applies a multi-document manifest through the demo cluster's API with client-node, the way
 * `kubectl apply` would: create, or merge-patch when the object exists. Returns the object count.
 */
export async function applyManifests(kubeconfigPath: string, manifest: string): Promise<number> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const client = k8s.KubernetesObjectApi.makeApiClient(kc);
  const objects = parseAllDocuments(manifest)
    .map((d) => d.toJS() as k8s.KubernetesObject | null)
    .filter((o): o is k8s.KubernetesObject => !!o?.kind);
  // Namespaces first so namespaced objects have somewhere to go.
  objects.sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
  for (const obj of objects) {
    try {
      await client.create(obj);
    } catch (err) {
      if (!(err instanceof k8s.ApiException) || err.code !== 409) throw err;
      await client.patch(
        obj,
        undefined,
        undefined,
        'meshscope-demo',
        undefined,
        k8s.PatchStrategy.MergePatch,
      );
    }
  }
  return objects.length;
}
