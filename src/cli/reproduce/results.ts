import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StealthReport } from '../../engine/fed/stealth';
import { stat, type Stat } from '../summary';
import type { Series } from './figure';
import { jobFile, type SeriesName, type Study } from './plan';

export type Line = Record<string, unknown> & { phase: string; round: number; seed: number };
/** A metric: a numeric key of the JSON lines, or a function that derives one (null: not measured in that line). */
export type Metric = string | ((l: Line) => number | null | undefined);
const read = (l: Line, m: Metric): number | null => { const v = typeof m === 'string' ? l[m] : m(l); return typeof v === 'number' && Number.isFinite(v) ? v : null; };

/** The stealth panel's record of a round (eval.stealth), undefined where it did not run. */
export const stealthOf = (l: Line): StealthReport | undefined => l.stealth as StealthReport | undefined;

/** The JSON lines of every finished run, by study, series and seed. */
export class Results {
  private readonly runs = new Map<string, Line[][]>();

  constructor(dir: string, studies: readonly Study[], seeds: number) {
    for (const s of studies) {
      for (const series of s.series) {
        const runs: Line[][] = [];
        for (let i = 0; i < seeds; i++) {
          const path = join(dir, jobFile(s.id, series, s.config.seed + i));
          if (existsSync(path)) runs.push(readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line));
        }
        this.runs.set(`${s.id}|${series}`, runs);
      }
    }
  }

  private of(study: string, series: SeriesName): Line[][] {
    return this.runs.get(`${study}|${series}`) ?? [];
  }

  /** A metric at each evaluated round: mean and sd over seeds (in [0, 1]). */
  rounds(study: string, series: SeriesName, metric: Metric): Points {
    const perSeed = this.of(study, series).map((lines) => new Map(lines.filter((l) => l.phase !== 'fine-tune' && read(l, metric) != null).map((l) => [l.round, read(l, metric)!])));
    return collect(perSeed);
  }

  /** A fine-tuning metric at each checkpoint iteration, averaged over the benign users of a seed, then mean and sd over seeds. */
  fineTune(study: string, series: SeriesName, metric: string): Points {
    const perSeed = this.of(study, series).map((lines) => {
      const byIt = new Map<number, number[]>();
      for (const l of lines) if (l.phase === 'fine-tune' && typeof l[metric] === 'number') (byIt.get(l.iteration as number) ?? byIt.set(l.iteration as number, []).get(l.iteration as number)!).push(l[metric] as number);
      return new Map([...byIt].map(([it, vs]) => [it, vs.reduce((a, b) => a + b, 0) / vs.length]));
    });
    return collect(perSeed);
  }

  /** The lowest value over the fine-tuning users of each seed at an iteration (Chen: "for all users"), mean over seeds. */
  fineTuneMin(study: string, series: SeriesName, metric: string, iteration: number): Stat | null {
    const mins = this.of(study, series).map((lines) => Math.min(...lines.filter((l) => l.phase === 'fine-tune' && l.iteration === iteration && typeof l[metric] === 'number').map((l) => l[metric] as number))).filter(Number.isFinite);
    return mins.length ? stat(mins) : null;
  }
}

function collect(perSeed: Map<number, number>[]): Points {
  if (!perSeed.length) return [];
  const xs = [...new Set(perSeed.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  return xs.filter((x) => perSeed.every((m) => m.has(x))).map((x) => ({ x, s: stat(perSeed.map((m) => m.get(x)!)) }));
}

/** The value at x (or the last point when x is 'last'), null when not measured. */
export function at(points: Points, x: number | 'last'): Stat | null {
  if (!points.length) return null;
  return x === 'last' ? points[points.length - 1].s : points.find((p) => p.x === x)?.s ?? null;
}

/** Mean ± sd, over the points from x = `from` on, of the seeds' means: a quantity read over the attack rounds; null when none. */
export function over(points: Points, from = -Infinity): Stat | null {
  const ps = points.filter((p) => p.x >= from);
  return ps.length ? stat(ps.map((p) => p.s.mean)) : null;
}

/** Points of a metric over rounds or iterations, each a mean and sd over seeds. */
export type Points = { x: number; s: Stat }[];

/** A metric right after a round-1 attack, one point per x (a training length) from the study `studyAt(x)`; x without a run is left out. */
export const afterAttackCurve = (r: Results, xs: readonly number[], studyAt: (x: number) => string, metric: string): Points =>
  xs.flatMap((x) => { const s = at(r.rounds(studyAt(x), 'attacked', metric), 1); return s ? [{ x, s }] : []; });

/** `study`'s benign twin right after the attack, drawn flat over xs: the level every point of such a curve is read against. */
export const flatTwin = (r: Results, xs: readonly number[], study: string, metric: string): Points => {
  const t = at(r.rounds(study, 'twin', metric), 1);
  return t ? xs.map((x) => ({ x, s: t })) : [];
};

/** A figure's series in percent, with ±sd bands where several seeds were averaged. */
export const toSeries = (name: string, ps: Points, dashed = false): Series =>
  ({ name, dashed, points: ps.map((p) => ({ x: p.x, y: 100 * p.s.mean, sd: p.s.n > 1 ? 100 * p.s.sd : undefined })) });

/**
 * 1 when the aggregation used the attacker's update in an attack round, 0 when it discarded it;
 * null in other rounds. Krum marks its pick 'selected', norm clipping a scaled update 'clipped':
 * both count, for only 'discarded' leaves the update out of θ_G.
 */
export const attackerKept = (l: Line): number | null => {
  const attackers = (l.attackers as number[] | undefined) ?? [];
  if (!attackers.length) return null;
  const action = ((l.outcomes as { clientId: number; action: string }[] | undefined) ?? []).find((o) => o.clientId === attackers[0])?.action;
  return action === undefined || action === 'discarded' ? 0 : 1;
};
