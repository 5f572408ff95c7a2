// Shared by bench/inbound-webhooks.ts and its server child.
export const BENCH_X_SECRET = 'bench-x-consumer-secret';
export const BENCH_X_USER = '1500000000000000000';
