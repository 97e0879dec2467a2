import { useEffect, useState } from 'react';
import { useDeskStore } from './deskStore';

/**
 * The hub's time, ticking twice a minute so countdowns stay true without a
 * refetch. This machine's clock may be off; the hub's is the one deadlines are
 * kept by, and the core measures the offset.
 */
export function useHubClock(): number {
  const offset = useDeskStore((s) => s.sync?.clockOffsetMs ?? 0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now + offset;
}
