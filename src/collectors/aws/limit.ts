/**
 * Runs at most `concurrency` tasks at once (a tiny p-limit). Regions and accounts are swept in
 * parallel with this bound so a 16-region audit takes about as long as its slowest region.
 */
export function createLimit(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  let active = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    active--;
    queue.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolvePromise, reject) => {
      const run = (): void => {
        active++;
        task().then(resolvePromise, reject).finally(next);
      };
      if (active < concurrency) run();
      else queue.push(run);
    });
}
