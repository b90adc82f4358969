/** Which known name an unknown one is most likely a typo of. */
import { closestMatches } from '../catalog/suggest';

/** Longer names are not typos of a known one; and edit distance is quadratic in the length. */
export const MAX_SUGGESTIBLE_LENGTH = 200;

/** As `closestMatches` compares names: lower case, letters and digits only. */
const comparable = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The candidate a name is most likely a typo of, if any. Candidates whose length alone puts them
 * out of `closestMatches`' reach (a third of the name's length, unless one is a prefix of the
 * other) are dropped first: a large file asks this for every unknown key.
 */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > MAX_SUGGESTIBLE_LENGTH || candidates.length === 0) return undefined;
  const wanted = comparable(name);
  const budget = Math.max(1, Math.floor(wanted.length / 3));
  const reachable = candidates.filter((candidate) => {
    const other = comparable(candidate);
    return Math.abs(other.length - wanted.length) <= budget || (wanted.length >= 3 && (other.startsWith(wanted) || wanted.startsWith(other)));
  });
  return reachable.length ? closestMatches(name, reachable, 1)[0] : undefined;
}
