/**
 * Runs `work` one at a time; a request that arrives while it runs is folded
 * into exactly one more run afterwards. A burst of a hundred notifications
 * costs two runs, and nothing that arrived during a run is missed.
 */
export function coalescingRunner(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const request = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = work()
      .catch(() => undefined /* the caller's work reports its own failures */)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void request();
        }
      });
    return running;
  };
  return request;
}
