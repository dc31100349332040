// The server names an offending field of a nested document by its path:
// "policies[0].targets[1].amount". A form shows it as the reader knows it:
// "Policy 1 · Target 2 · Amount", from the labels of the names it knows.

/** A label for each path segment name; lists take an ordinal after theirs. */
export type PathLabels = Record<string, string>;

export function labelFieldPath(path: string, labels: PathLabels): string | undefined {
  const parts: string[] = [];
  for (const segment of path.split('.')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/.exec(segment);
    if (!match) return undefined;
    const label = labels[match[1]!];
    if (label === undefined) return undefined;
    const indexes = [...match[2]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) + 1);
    parts.push(indexes.length > 0 ? `${label} ${indexes.join('.')}` : label);
  }
  return parts.join(' · ');
}
