import type { KubeClients } from '@/server/kube/client';

/**
 * `k` with a concurrent writer: `edit` runs (against the real cluster) just before each
 * custom-object DELETE goes out, so a test can land a change between Meshscope's read and its
 * delete, the window only the API server's delete precondition can close.
 */
export function editBeforeDelete(k: KubeClients, edit: () => Promise<unknown>): KubeClients {
  const custom = new Proxy(k.custom, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (prop !== 'deleteNamespacedCustomObject') return method.bind(target);
      return async (...args: unknown[]) => {
        await edit();
        return method.apply(target, args);
      };
    },
  });
  return { ...k, custom };
}
