export function generateLargeMesh(_opts: { workloads: number; namespaces: number }): string {
  return '';
}
