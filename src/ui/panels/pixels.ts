/**
 * Model inputs (values in [0, 1], NHWC) to canvas pixels. Greyscale images are ink on paper,
 * so they are drawn inverted (dark strokes on white); RGB images are drawn as they are.
 */

/** Screen pixels per image pixel: 2 for glyph-sized images, 1 from 56 pixels up (84×84 mini-ImageNet). */
export const zoomFor = (side: number): number => (side >= 56 ? 1 : 2);

/** Writes image `k` of `x` (side × side × channels) into `img`, each image pixel a zoom × zoom square. */
export function putPixels(img: ImageData, x: Float32Array, k: number, side: number, channels: number, zoom: number): void {
  const w = side * zoom;
  const at = k * side * side * channels;
  for (let i = 0; i < w; i++)
    for (let j = 0; j < w; j++) {
      const p = at + (Math.floor(i / zoom) * side + Math.floor(j / zoom)) * channels;
      const o = 4 * (i * w + j);
      for (let c = 0; c < 3; c++) {
        const v = x[p + (channels === 1 ? 0 : c)];
        img.data[o + c] = channels === 1 ? 255 - Math.round(255 * v) : Math.round(255 * v);
      }
      img.data[o + 3] = 255;
    }
}
