/** Top-level navigation, in the order users reach for them. */
export const NAV_LINKS = [
  { href: '/graph', label: 'Graph' },
  { href: '/traces', label: 'Traces' },
  { href: '/config', label: 'Istio config' },
  { href: '/audit', label: 'Audit' },
] as const;
