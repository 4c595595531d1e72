import type { BackdoorView } from '../../workers/backdoorView';
import { putPixels, zoomFor } from './pixels';

const GAP = 4;

/**
 * Chen et al.'s Figure 1 for this run: rows of target examples, backdoor-class examples, the key,
 * and the poisoned (keyed) backdoor examples the attacker labels as the target.
 */
export function drawBackdoor(canvas: HTMLCanvasElement, v: BackdoorView): void {
  const side = v.targets.side;
  const channels = v.targets.channels ?? 1;
  const zoom = zoomFor(side);
  const cell = side * zoom + GAP;
  const labelH = 16; // each row's caption sits above it, so the canvas is no wider than its images
  const rows: { label: string; images: Float32Array[] }[] = [
    { label: 'target class (clean)', images: split(v.targets.x, v.targets.n, side * side * channels) },
    { label: 'backdoor classes (clean)', images: split(v.backdoors.x, v.backdoors.n, side * side * channels) },
    { label: 'key (stamped onto backdoor images)', images: [v.key] },
    { label: 'poisoned: keyed backdoor images, labelled as the target', images: split(v.poisoned.x, v.poisoned.n, side * side * channels) },
  ];
  const cols = Math.max(...rows.map((r) => r.images.length));
  canvas.width = cols * cell;
  canvas.height = rows.length * (cell + labelH);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = '12px system-ui, sans-serif';
  const img = ctx.createImageData(side * zoom, side * zoom);
  rows.forEach((row, r) => {
    ctx.fillStyle = '#1d2433';
    const top = r * (cell + labelH);
    ctx.fillText(row.label, 0, top + 12);
    row.images.forEach((x, c) => {
      putPixels(img, x, 0, side, channels, zoom);
      ctx.putImageData(img, c * cell, top + labelH);
      if (row.label.startsWith('key')) {
        ctx.strokeStyle = '#d1495b';
        ctx.strokeRect(c * cell + 0.5, top + labelH + 0.5, side * zoom - 1, side * zoom - 1);
      }
    });
  });
}

function split(x: Float32Array, n: number, size: number): Float32Array[] {
  return Array.from({ length: n }, (_, k) => x.subarray(k * size, (k + 1) * size));
}
