// What next-env.d.ts provides, kept in the repo so `tsc --noEmit` works on a fresh clone before
// the first `next build` (next-env.d.ts is generated per build dir and git-ignored).
/// <reference types="next" />
/// <reference types="next/image-types/global" />
