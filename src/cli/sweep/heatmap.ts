import type { TopLevelSpec } from 'vega-lite';
import { FONT } from './render';
import type { MetricKey, Report, ReportRow } from './report';

/** A heatmap of one metric: rows the first swept field, columns the second; each further field gives its own map. */
export interface Heatmap { name: string; title: string; spec: TopLevelSpec }

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function spec(title: string, rows: readonly ReportRow[], m: MetricKey, yField: string, xField: string | undefined): TopLevelSpec {
  const data = rows.flatMap((row) => {
    const s = row.metrics.get(m.key);
    if (!s) return [];
    const at = new Map(row.values);
    return [{ y: show(at.get(yField)), x: xField ? show(at.get(xField)) : '', mean: 100 * s.mean, text: `${(100 * s.mean).toFixed(1)} ± ${(100 * s.sd).toFixed(1)}` }];
  });
  // The grid's order, not the alphabet's: 1, 3, 10 rather than 1, 10, 3.
  const order = (f: string | undefined) => (f ? [...new Set(rows.map((r) => show(new Map(r.values).get(f))))] : ['']);
  const x = { field: 'x', type: 'ordinal', title: xField ?? null, sort: order(xField), axis: xField ? { labelAngle: 0 } : null } as const;
  const y = { field: 'y', type: 'ordinal', title: yField, sort: order(yField) } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'mean ± sd over seeds, percent', fontSize: 14 },
    background: 'white',
    padding: 12,
    data: { values: data },
    width: { step: 110 },
    height: { step: 56 },
    encoding: { x, y },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'mean', type: 'quantitative', title: '%', scale: { domain: [0, 100], scheme: 'viridis' } } } },
      { mark: { type: 'text', fontSize: 12 }, encoding: { text: { field: 'text' }, color: { condition: { test: 'datum.mean > 60', value: 'black' }, value: 'white' } } },
    ],
    config: { font: FONT, axis: { labelFontSize: 12, titleFontSize: 12 }, view: { stroke: null } },
  } as TopLevelSpec;
}

/** One heatmap per metric (and per combination of the fields beyond the first two); none when only the seed is swept. */
export function heatmaps(r: Report): Heatmap[] {
  if (!r.axes.length) return [];
  const [yField, xField, ...rest] = r.axes;
  const slices = new Map<string, ReportRow[]>();
  for (const row of r.rows) {
    const key = row.values.filter(([k]) => rest.includes(k)).map(([k, v]) => `${k}=${show(v)}`).join(',');
    (slices.get(key) ?? slices.set(key, []).get(key)!).push(row);
  }
  return r.metrics.flatMap((m) => [...slices].map(([slice, rows]) => ({
    name: `${m.key}${slice ? `,${slice}` : ''}`.replace(/[^\w.=,+-]/g, '_'),
    title: `${m.label}${slice ? ` (${slice})` : ''}`,
    spec: spec(`${m.label}${slice ? ` (${slice})` : ''}`, rows, m, yField, xField),
  })));
}
