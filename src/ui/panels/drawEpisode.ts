import type { EpisodeView } from '../../workers/episodeView';
import { putPixels, zoomFor } from './pixels';

const GAP = 4;

/**
 * Draws an episode as a grid: one row per label, its K support images, a divider, then its
 * query image(s). Greyscale ink is dark on white, as on paper; RGB images are drawn as they are.
 */
export function drawEpisode(canvas: HTMLCanvasElement, v: EpisodeView): void {
  const side = v.support.side;
  const channels = v.support.channels ?? 1;
  const zoom = zoomFor(side);
  const cell = side * zoom + GAP;
  const queriesPer = Math.max(1, Math.ceil(v.query.n / v.ways));
  const cols = v.shots + 1 + queriesPer;
  const labelW = 28;
  canvas.width = labelW + cols * cell;
  canvas.height = v.ways * cell + 18;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#5b6475';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText('support', labelW, 11);
  ctx.fillText('query', labelW + (v.shots + 1) * cell, 11);
  const img = ctx.createImageData(side * zoom, side * zoom);
  const put = (x: Float32Array, k: number, col: number, row: number) => {
    putPixels(img, x, k, side, channels, zoom);
    ctx.putImageData(img, labelW + col * cell, 18 + row * cell);
  };
  const used = new Array(v.ways).fill(0);
  for (let k = 0; k < v.support.n; k++) put(v.support.x, k, used[v.support.y[k]]++, v.support.y[k]);
  const q = new Array(v.ways).fill(0);
  for (let k = 0; k < v.query.n; k++) put(v.query.x, k, v.shots + 1 + q[v.query.y[k]]++, v.query.y[k]);
  ctx.fillStyle = '#1d2433';
  for (let l = 0; l < v.ways; l++) ctx.fillText(String(l), 8, 18 + l * cell + (side * zoom) / 2 + 4);
  ctx.strokeStyle = '#c9ced8';
  const x = labelW + v.shots * cell + cell / 2;
  ctx.beginPath();
  ctx.moveTo(x, 16);
  ctx.lineTo(x, canvas.height);
  ctx.stroke();
}
