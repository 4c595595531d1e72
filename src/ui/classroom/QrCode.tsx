import QRCode from 'qrcode';
import { useMemo } from 'react';

/** A QR code drawn as one SVG path from the library's module matrix (no markup strings). */
export function QrCode({ text, size = 180 }: { text: string; size?: number }) {
  const { n, d } = useMemo(() => {
    const m = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    let path = '';
    for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.get(r, c)) path += `M${c + 4} ${r + 4}h1v1h-1z`;
    return { n: m.size + 8, d: path };
  }, [text]);
  return (
    <svg width={size} height={size} viewBox={`0 0 ${n} ${n}`} role="img" aria-label={`QR code for ${text}`} data-testid="join-qr" shapeRendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
