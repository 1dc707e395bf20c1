import * as k8s from '@kubernetes/client-node';

/** The annotation on a Pod that says where its simulated replica listens. */
export const ENDPOINT_ANNOTATION = 'demo.meshscope.dev/endpoint';

const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

/**
 * Keeps Pods in the cluster in step with what runs: when a replica starts, its Pod gets the
 * listener address as an annotation and a Ready condition; when it stops, Ready turns False.
 * Patches go one at a time so a burst (scaling to 50) does not flood the API server.
 */
export class PodSync {
  private readonly core: k8s.CoreV1Api;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    kc: k8s.KubeConfig,
    private readonly log: (msg: string) => void,
  ) {
    this.core = kc.makeApiClient(k8s.CoreV1Api);
  }

  started(namespace: string, pod: string, endpoint: string): void {
    this.enqueue(namespace, pod, async () => {
      await this.core.patchNamespacedPod(
        {
          name: pod,
          namespace,
          body: { metadata: { annotations: { [ENDPOINT_ANNOTATION]: endpoint } } },
        },
        mergePatch,
      );
      await this.setReady(namespace, pod, true);
    });
  }

  stopped(namespace: string, pod: string): void {
    this.enqueue(namespace, pod, () => this.setReady(namespace, pod, false));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }

  private async setReady(namespace: string, pod: string, ready: boolean): Promise<void> {
    const status = ready ? 'True' : 'False';
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await this.core.patchNamespacedPodStatus(
      {
        name: pod,
        namespace,
        body: {
          status: {
            // A merge patch replaces the whole list, so every standard condition is sent.
            conditions: [
              { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
              { type: 'Initialized', status: 'True', lastTransitionTime: now },
              { type: 'Ready', status, lastTransitionTime: now },
              { type: 'ContainersReady', status, lastTransitionTime: now },
            ],
          },
        },
      },
      mergePatch,
    );
  }

  private enqueue(namespace: string, pod: string, fn: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await fn();
      } catch (err) {
        // A Pod deleted meanwhile (404) is normal during scale-down; anything else is logged.
        if (!(err instanceof k8s.ApiException && err.code === 404)) {
          this.log(`mesh: pod ${namespace}/${pod}: ${(err as Error).message}`);
        }
      }
    });
  }
}
