// Waits until a check passes. vi.waitFor's default gives up after one second, a wall-clock bound that a loaded
// 2-core machine doing real I/O can exceed; here only the test's own timeout limits the wait.
import { vi } from 'vitest';

export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 120_000, interval: 10 });
}
