/** Ascending arrays of numbers (ids, positions): binary search, insert and delete. */

/** The index of the first entry of `sorted` greater than `value`. */
export function firstAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function insertSorted(sorted: number[], value: number): void {
  const at = firstAfter(sorted, value);
  if (sorted[at - 1] !== value) sorted.splice(at, 0, value);
}

export function deleteSorted(sorted: number[], value: number): void {
  const at = firstAfter(sorted, value) - 1;
  if (sorted[at] === value) sorted.splice(at, 1);
}
