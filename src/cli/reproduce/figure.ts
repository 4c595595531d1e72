/**
 * Paper-style line-chart figures for the reproduction command: a grid of panels, each a line
 * chart of accuracy (percent) over rounds, one colour per series name across the whole figure,
 * benign twins dashed, ±sd bands. Vega-Lite writes the chart; the sweep's renderer turns it into
 * SVG and PNG headlessly.
 */
import type { TopLevelSpec } from 'vega-lite';
import { FONT, specPng, specSvg } from '../sweep/render';

export interface Point { x: number; y: number; sd?: number } // y in percent 0..100; sd: standard deviation over seeds
export interface Series { name: string; points: Point[]; dashed?: boolean } // dashed: the benign twin
export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  yDomain?: [number, number]; // default [0, 100]
  markX?: { x: number; label: string }; // a vertical rule, e.g. the attack round
}
export interface Figure {
  title: string;
  panels: Panel[];
  columns?: number; // default: all panels in one row
  /** Legend labels of the solid and the dashed lines; shown only when a series is dashed. */
  dashLabels?: [string, string];
}

const PANEL_WIDTH = 320;
const PANEL_HEIGHT = 220;
const DASHES = [[1, 0], [6, 4]];

interface Row { sid: number; name: string; style: string; x: number; y: number; lo?: number; hi?: number }

function rows(panel: Panel, dashLabels: [string, string]): Row[] {
  return panel.series.flatMap((s, sid) => s.points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .map((p) => {
      const style = dashLabels[s.dashed ? 1 : 0];
      const row: Row = { sid, name: s.name, style, x: p.x, y: p.y };
      if (p.sd !== undefined && Number.isFinite(p.sd)) Object.assign(row, { lo: p.y - p.sd, hi: p.y + p.sd });
      return row;
    }));
}

/** The Vega-Lite spec of a figure (exported for tests and for anyone who wants to tweak it). */
export function figureSpec(fig: Figure): TopLevelSpec {
  const dashLabels = fig.dashLabels ?? ['attacked', 'benign twin'];
  const names = [...new Set(fig.panels.flatMap((p) => p.series.map((s) => s.name)))];
  const anyDashed = fig.panels.some((p) => p.series.some((s) => s.dashed));
  // Every panel's colour scale has the same explicit domain, so a name keeps its colour
  // across panels even where a panel lacks some series (and an empty series still gets a legend entry).
  const scale = { domain: names, scheme: 'tableau10' };
  const color = { field: 'name', type: 'nominal', title: null, sort: names, scale,
    legend: { symbolType: 'stroke', symbolOpacity: 1 } } as const;
  const dash = anyDashed
    ? { strokeDash: { field: 'style', type: 'nominal', title: null, scale: { domain: dashLabels, range: DASHES },
      // Vega-Lite would draw these symbols as transparent-stroked points (the lines have point markers).
      legend: { symbolType: 'stroke',
        encode: { symbols: { update: { stroke: { value: '#444' }, strokeWidth: { value: 2 } } } } } } } as const
    : {};

  const panels = fig.panels.map((panel) => {
    const yDomain = panel.yDomain ?? [0, 100];
    const x = { field: 'x', type: 'quantitative', title: panel.xLabel, scale: { zero: false, nice: false, padding: 8 } } as const;
    const y = { field: 'y', type: 'quantitative', title: panel.yLabel, scale: { domain: yDomain, nice: false } } as const;
    const layers: unknown[] = [
      {
        transform: [{ filter: 'isValid(datum.lo)' }],
        mark: { type: 'area', opacity: 0.18, clip: true, interpolate: 'linear' },
        encoding: { x, y: { field: 'lo', type: 'quantitative', scale: y.scale, title: panel.yLabel }, y2: { field: 'hi' },
          color, detail: { field: 'sid' } },
      },
      {
        mark: { type: 'line', clip: true, interpolate: 'linear', strokeWidth: 1.8, point: { size: 28 } },
        encoding: { x, y, color, ...dash, detail: { field: 'sid' }, order: { field: 'x' } },
      },
    ];
    if (panel.markX) {
      const at = { x: panel.markX.x, label: panel.markX.label };
      layers.push(
        { data: { values: [at] }, mark: { type: 'rule', color: '#555', strokeDash: [3, 3] }, encoding: { x } },
        { data: { values: [at] }, mark: { type: 'text', color: '#555', align: 'left', baseline: 'top', dx: 3, dy: 3, y: 0 },
          encoding: { x, text: { field: 'label' } } },
      );
    }
    return { title: panel.title, width: PANEL_WIDTH, height: PANEL_HEIGHT,
      data: { values: rows(panel, dashLabels) }, layer: layers };
  });

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: titleLines(fig.title), fontSize: 16, anchor: 'middle' },
    background: 'white',
    padding: 12,
    columns: Math.max(1, fig.columns ?? fig.panels.length),
    concat: panels,
    resolve: { scale: { color: 'shared', strokeDash: 'shared' } },
    config: {
      font: FONT,
      view: { stroke: '#888' },
      axis: { grid: true, gridColor: '#e6e6e6', labelFontSize: 11, titleFontSize: 12 },
      legend: { orient: 'right', labelFontSize: 11, labelLimit: 360, symbolStrokeWidth: 2, symbolSize: 120 },
      title: { fontSize: 13 },
    },
  } as TopLevelSpec;
}

/**
 * A long figure title breaks before its parenthesis: on one line it sets the canvas's width and
 * leaves the panels in a wide blank margin.
 */
export function titleLines(title: string, max = 90): string | string[] {
  const at = title.indexOf(' (');
  return title.length <= max || at < 0 ? title : [title.slice(0, at), title.slice(at + 1)];
}

/** The figure as an SVG document. */
export async function figureSvg(fig: Figure): Promise<string> {
  if (fig.panels.length === 0) throw new Error(`Figure "${fig.title}" has no panels.`);
  return specSvg(figureSpec(fig));
}

/** The figure as a PNG; scale multiplies the SVG's size (2 gives print resolution). */
export async function figurePng(fig: Figure, scale = 2): Promise<Uint8Array> {
  if (fig.panels.length === 0) throw new Error(`Figure "${fig.title}" has no panels.`);
  return specPng(figureSpec(fig), scale);
}
