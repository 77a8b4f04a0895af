/**
 * Node/V8 flags the server is started with (`npm run realtime`, the app's launcher and the benchmark all
 * pass these). V8 sizes its young generation up to 16 MiB semi-spaces while thousands of long-lived
 * sockets are allocated; 2 MiB keeps idle connections cheap (≈ 9 → 4 KiB RSS each at 5,000) with no
 * measurable cost to broadcast throughput (see README, Performance).
 */
export const REALTIME_NODE_FLAGS = ['--max-semi-space-size=2'] as const;
