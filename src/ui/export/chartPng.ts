/**
 * A chart as a PNG: the recharts SVG is serialised (with its computed text styles inlined, so
 * the picture matches the page), drawn onto a 2× canvas over a white background, with a title.
 */
export async function svgToPng(svg: SVGSVGElement, title: string): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const font = getComputedStyle(svg).fontFamily || 'sans-serif';
  clone.setAttribute('style', `font-family: ${font}; font-size: 12px`);
  const xml = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([xml], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be rendered as an image'));
      img.src = url;
    });
    const scale = 2;
    const head = 28;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil((height + head) * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height + head);
    ctx.fillStyle = '#1d2433';
    ctx.font = `600 14px ${font}`;
    ctx.fillText(title, 12, 19);
    ctx.drawImage(img, 0, head, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas export failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
