/**
 * Passes values on at most once per `intervalMs`: the first at once, and the
 * latest of any that arrive meanwhile when the interval ends, so the last one
 * is never lost. For state that only needs its newest copy on screen.
 */
export function latestThrottle<T>(
  deliver: (value: T) => void,
  intervalMs: number,
): { push(value: T): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { value: T } | null = null;
  const open = () => {
    timer = setTimeout(() => {
      timer = null;
      if (!pending) return;
      const { value } = pending;
      pending = null;
      deliver(value);
      open();
    }, intervalMs);
  };
  return {
    push(value) {
      if (timer) {
        pending = { value };
        return;
      }
      deliver(value);
      open();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
