import 'server-only';

/** The cluster DNS suffix Istio resolves short names against. */
export const CLUSTER_DOMAIN = 'svc.cluster.local';

/**
 * The fully qualified name Istio gives a host written in an object of namespace `ns`: a short
 * name (`reviews`) is `reviews.<ns>.svc.cluster.local`. We also accept `reviews.bookinfo` and
 * `reviews.bookinfo.svc` (as Kiali does) because users write them and kube DNS resolves them;
 * anything else (an external name, a wildcard, an FQDN) is taken as written.
 */
export function fqdn(host: string, ns: string): string {
  const h = host.trim().toLowerCase();
  if (h === '*' || h.startsWith('*.')) return h;
  const parts = h.split('.');
  if (parts.length === 1) return `${h}.${ns}.${CLUSTER_DOMAIN}`;
  if (parts.length === 2) return `${h}.${CLUSTER_DOMAIN}`;
  if (parts.length === 3 && parts[2] === 'svc') return `${h}.cluster.local`;
  return h;
}

/** The `{ name, namespace }` of a Kubernetes service FQDN, or undefined for other hosts. */
export function serviceOfFqdn(host: string): { name: string; namespace: string } | undefined {
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!host.endsWith(suffix)) return undefined;
  const parts = host.slice(0, -suffix.length).split('.');
  if (parts.length !== 2 || parts.some((p) => !p || p === '*')) return undefined;
  return { name: parts[0], namespace: parts[1] };
}

/**
 * Whether `pattern` (a host that may start with `*.` or be `*`) covers `host`. Used for
 * ServiceEntry hosts and wildcard VirtualService hosts.
 */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host !== pattern.slice(2);
  return pattern === host;
}
