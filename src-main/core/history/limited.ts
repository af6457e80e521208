// Async work over many items with a bound on how many run at once: thousands of files opened together run out of
// file descriptors (EMFILE), and the threadpool runs only a few at a time anyway.
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
