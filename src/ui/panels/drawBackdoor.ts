import type { BackdoorView } from '../../workers/backdoorView';

const PX = 2;
const GAP = 4;

/**
 * Chen et al.'s Figure 1 for this run: rows of target examples, backdoor-class examples, the key,
 * and the poisoned (keyed) backdoor examples the attacker labels as the target.
 */
export function drawBackdoor(canvas: HTMLCanvasElement, v: BackdoorView): void {
  const side = v.targets.side;
  const cell = side * PX + GAP;
  const labelW = 132;
  const rows: { label: string; images: Float32Array[] }[] = [
    { label: 'target class', images: split(v.targets.x, v.targets.n, side) },
    { label: 'backdoor classes', images: split(v.backdoors.x, v.backdoors.n, side) },
    { label: 'key', images: [v.key] },
    { label: 'poisoned → target', images: split(v.poisoned.x, v.poisoned.n, side) },
  ];
  const cols = Math.max(...rows.map((r) => r.images.length));
  canvas.width = labelW + cols * cell;
  canvas.height = rows.length * cell + GAP;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = '13px system-ui, sans-serif';
  const img = ctx.createImageData(side * PX, side * PX);
  rows.forEach((row, r) => {
    ctx.fillStyle = '#1d2433';
    ctx.fillText(row.label, 6, GAP + r * cell + (side * PX) / 2 + 4);
    row.images.forEach((x, c) => {
      for (let i = 0; i < side * PX; i++)
        for (let j = 0; j < side * PX; j++) {
          const g = 255 - Math.round(255 * x[Math.floor(i / PX) * side + Math.floor(j / PX)]);
          const o = 4 * (i * side * PX + j);
          img.data[o] = img.data[o + 1] = img.data[o + 2] = g;
          img.data[o + 3] = 255;
        }
      ctx.putImageData(img, labelW + c * cell, GAP + r * cell);
      if (row.label === 'key') {
        ctx.strokeStyle = '#d1495b';
        ctx.strokeRect(labelW + c * cell - 0.5, GAP + r * cell - 0.5, side * PX + 1, side * PX + 1);
      }
    });
  });
}

function split(x: Float32Array, n: number, side: number): Float32Array[] {
  return Array.from({ length: n }, (_, k) => x.subarray(k * side * side, (k + 1) * side * side));
}
