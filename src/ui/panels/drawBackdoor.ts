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
  const labelH = 16; // each row's caption sits above it, so the canvas is no wider than its images
  const rows: { label: string; images: Float32Array[] }[] = [
    { label: 'target class (clean)', images: split(v.targets.x, v.targets.n, side) },
    { label: 'backdoor classes (clean)', images: split(v.backdoors.x, v.backdoors.n, side) },
    { label: 'key (stamped onto backdoor images)', images: [v.key] },
    { label: 'poisoned: keyed backdoor images, labelled as the target', images: split(v.poisoned.x, v.poisoned.n, side) },
  ];
  const cols = Math.max(...rows.map((r) => r.images.length));
  canvas.width = cols * cell;
  canvas.height = rows.length * (cell + labelH);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = '12px system-ui, sans-serif';
  const img = ctx.createImageData(side * PX, side * PX);
  rows.forEach((row, r) => {
    ctx.fillStyle = '#1d2433';
    const top = r * (cell + labelH);
    ctx.fillText(row.label, 0, top + 12);
    row.images.forEach((x, c) => {
      for (let i = 0; i < side * PX; i++)
        for (let j = 0; j < side * PX; j++) {
          const g = 255 - Math.round(255 * x[Math.floor(i / PX) * side + Math.floor(j / PX)]);
          const o = 4 * (i * side * PX + j);
          img.data[o] = img.data[o + 1] = img.data[o + 2] = g;
          img.data[o + 3] = 255;
        }
      ctx.putImageData(img, c * cell, top + labelH);
      if (row.label.startsWith('key')) {
        ctx.strokeStyle = '#d1495b';
        ctx.strokeRect(c * cell + 0.5, top + labelH + 0.5, side * PX - 1, side * PX - 1);
      }
    });
  });
}

function split(x: Float32Array, n: number, side: number): Float32Array[] {
  return Array.from({ length: n }, (_, k) => x.subarray(k * side * side, (k + 1) * side * side));
}
