/**
 * Vega-Lite to PNG without a browser, for the reports' figures and heatmaps: Vega renders the
 * compiled spec to SVG headlessly and resvg rasterises it with the system fonts (DejaVu Sans on Debian).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export const FONT = 'DejaVu Sans';

/** A Vega-Lite spec as an SVG document. */
export async function specSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A Vega-Lite spec as a PNG; scale multiplies the SVG's size (2 gives print resolution). */
export async function specPng(spec: TopLevelSpec, scale = 2): Promise<Uint8Array> {
  const resvg = new Resvg(await specSvg(spec), {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
  });
  return new Uint8Array(resvg.render().asPng());
}
