/** A chart row: the round and each series' value there (MetricChart's data). */
export type Row = { round: number } & Record<string, number | null>;

/**
 * The key a series' benign-twin values go under in a chart row. Not `twin.key`: recharts reads a
 * dotted dataKey as a path into the row.
 */
export const twinKey = (key: string): string => `twin:${key}`;

/**
 * The run's chart rows with its benign twin's values of the same series beside them, by round
 * (`twinKey(key)`). A round only one of them has evaluated gets a row with the other's cells
 * missing; without twin rows the run's rows come back as they are.
 */
export function withTwin(rows: readonly Row[], twin: readonly Row[], keys: readonly string[]): Row[] {
  if (twin.length === 0) return rows as Row[];
  const byRound = new Map<number, Row>(rows.map((r) => [r.round, { ...r }]));
  for (const t of twin) {
    const row = byRound.get(t.round) ?? { round: t.round };
    for (const k of keys) row[twinKey(k)] = t[k] ?? null;
    byRound.set(t.round, row);
  }
  return [...byRound.values()].sort((a, b) => a.round - b.round);
}
