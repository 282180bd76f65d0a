import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A handler whose identity never changes but which always runs the latest closure. React Flow copies each handler
 * prop into its store when it changes, and every copy wakes every subscriber: with inline handlers a drag of one
 * state re-ran the whole store's selectors once per handler on every pointer move.
 */
export function useStableHandler<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
