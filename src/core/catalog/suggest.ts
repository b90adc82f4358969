/** "Did you mean …" suggestions by edit distance, tolerant of case, spaces and punctuation. */

function normalize(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The nearest candidates within a distance that grows with the word's length (a third of it,
 * at least 1); only the ties for nearest, so "quickbook" gets "quickbooks" and not "quickbase".
 */
export function closestMatches(input: string, candidates: readonly string[], limit = 3): string[] {
  const wanted = normalize(input);
  if (!wanted) return [];
  const budget = Math.max(1, Math.floor(wanted.length / 3));
  const scored = candidates
    .map((candidate) => {
      const normalized = normalize(candidate);
      const distance = normalized === wanted ? 0 : editDistance(wanted, normalized);
      const prefix = wanted.length >= 3 && (normalized.startsWith(wanted) || wanted.startsWith(normalized));
      return { candidate, distance: prefix && distance > budget ? budget : distance };
    })
    .filter(({ distance }) => distance <= budget);
  const best = Math.min(...scored.map(({ distance }) => distance));
  return scored
    .filter(({ distance }) => distance === best)
    .sort((a, b) => a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
