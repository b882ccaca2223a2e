// Time order for the checks' long lists (weeks of heartbeats, thousands of attempts). They are nearly always
// built from lists already in time order, so merging them in one pass gives exactly what a stable sort of
// their concatenation gives (ties keep list order, then position) without sorting hundreds of thousands again.
import { compareText } from '../model/order';

type TimeOf<T> = (x: T) => string | null | undefined;

const ownTime = (x: { time: string | null }) => x.time;

/** The list itself when already in time order (callers must not change it), else a stably sorted copy. */
export function inTimeOrder<T>(list: readonly T[], time: TimeOf<T>): readonly T[] {
  for (let i = 1; i < list.length; i += 1) {
    if (compareText(time(list[i - 1] as T), time(list[i] as T)) > 0) return [...list].sort((a, b) => compareText(time(a), time(b)));
  }
  return list;
}

/** The lists' items in time order: the same order as `lists.flat()` stably sorted by time. */
export function mergeByTime<T>(lists: readonly (readonly T[])[], time: TimeOf<T>): T[] {
  let out: T[] = [];
  for (const list of lists) out = mergeTwo(out, inTimeOrder(list, time), time);
  return out;
}

/** `mergeByTime` for items with their own `time`. */
export function mergeOwnTime<T extends { time: string | null }>(...lists: readonly (readonly T[])[]): T[] {
  return mergeByTime<T>(lists, ownTime);
}

/** Two lists in time order merged; on a tie the first list's item comes first (as a stable sort keeps it). */
function mergeTwo<T>(a: readonly T[], b: readonly T[], time: TimeOf<T>): T[] {
  if (b.length === 0) return a.length === 0 ? [] : (a as T[]);
  if (a.length === 0) return [...b];
  // All of b after all of a (a sighting "now" after the logs): appended, not merged item by item.
  if (compareText(time(a[a.length - 1] as T), time(b[0] as T)) <= 0) return a.concat(b);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (compareText(time(y), time(x)) < 0) {
      out.push(y);
      j += 1;
    } else {
      out.push(x);
      i += 1;
    }
  }
  for (; i < a.length; i += 1) out.push(a[i] as T);
  for (; j < b.length; j += 1) out.push(b[j] as T);
  return out;
}
