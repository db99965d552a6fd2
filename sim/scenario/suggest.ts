// "Did you mean" for names a user can mistype: keys, districts, policy types, parameter paths.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `word`, or undefined when none is close enough to be a plausible typo
 * (a suggestion that is far off misleads more than it helps). Case is ignored; ties go to the
 * earlier candidate so suggestions are stable.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const needle = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const tolerance = Math.max(2, Math.floor(Math.max(needle.length, best.length) / 3));
  return bestDistance <= tolerance ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(word, candidates);
  return match === undefined ? undefined : `Did you mean "${match}"?`;
}

/** A list for a message: all items when short, otherwise the first few and an ellipsis. */
export function listOf(items: readonly string[], max = 8): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, 3).join(', ')}, …`;
}
