// Runs async jobs one at a time, in order. Token calls go through it so two Graph requests never race two
// refresh_token grants (each would rotate the refresh token and one would lose).
export interface SerialQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      const next = tail.then(job, job);
      // The chain must survive a failed job; the caller still sees the rejection through `next`.
      tail = next.catch(() => undefined);
      return next;
    },
  };
}
