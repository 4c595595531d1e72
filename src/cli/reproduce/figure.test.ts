import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { figurePng, figureSvg, titleLines, type Figure, type Point } from './figure';

const rounds = (f: (r: number) => number, sd?: number): Point[] =>
  Array.from({ length: 10 }, (_, i) => ({ x: i + 1, y: f(i + 1), ...(sd === undefined ? {} : { sd }) }));

const figure: Figure = {
  title: 'Backdoor accuracy over rounds',
  columns: 2,
  panels: [
    {
      title: 'Omniglot', xLabel: 'Round', yLabel: 'Accuracy (%)', markX: { x: 5, label: 'attack' },
      series: [
        { name: 'FedAvg', points: rounds((r) => 20 + 6 * r, 4) },
        { name: 'FedAvg', dashed: true, points: rounds((r) => 15 + 5 * r) },
        { name: 'Krum', points: rounds((r) => 90 - 3 * r) },
      ],
    },
    {
      title: 'MiniImageNet', xLabel: 'Round', yLabel: 'Accuracy (%)', yDomain: [40, 70],
      series: [{ name: 'Krum', points: rounds((r) => 50 + r, 2) }],
    },
  ],
};

function decode(png: Uint8Array) {
  const img = PNG.sync.read(Buffer.from(png));
  const colours = new Set<number>();
  let nonWhite = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
    colours.add((r << 16) | (g << 8) | b);
    if (r < 250 || g < 250 || b < 250) nonWhite++;
  }
  return { width: img.width, height: img.height, colours: colours.size, nonWhite };
}

describe('figure', () => {
  it('breaks a long title before its parenthesis, so that it does not widen the figure', async () => {
    expect(titleLines('Fig. 5: short (note)')).toBe('Fig. 5: short (note)');
    const long = 'Fig. 5: Experiment 2, fine-tuning (benign users\' mean; mean ± sd over seeds; dashed: benign twin)';
    expect(titleLines(long)).toEqual(['Fig. 5: Experiment 2, fine-tuning', '(benign users\' mean; mean ± sd over seeds; dashed: benign twin)']);
    const unbreakable = long.replace(' (', ' - ');
    expect(titleLines(unbreakable)).toBe(unbreakable);
    const width = async (title: string) => decode(await figurePng({ ...figure, title }, 1)).width;
    const [broken, oneLine, short] = [await width(long), await width(unbreakable), await width('Backdoor accuracy')];
    expect(broken).toBe(short);
    expect(oneLine).toBeGreaterThan(short);
  });

  it('writes the titles and series names into the SVG', async () => {
    const svg = await figureSvg(figure);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Backdoor accuracy over rounds', 'Omniglot', 'MiniImageNet', 'FedAvg', 'Krum',
      'Round', 'Accuracy (%)', 'attack', 'benign twin']) {
      expect(svg).toContain(text);
    }
  });

  it('gives a series the same colour in every panel, its benign twin dashed', async () => {
    const svg = await figureSvg(figure);
    const lines = [...svg.matchAll(/aria-label="[^"]*name: ([^;"]+); style: ([^;"]+);[^"]*"[^>]*aria-roledescription="line mark"[^>]*stroke="(#[0-9a-f]{6})"[^>]*stroke-dasharray="([\d,]+)"/gi)]
      .map((m) => ({ name: m[1], style: m[2], stroke: m[3], dash: m[4] }));
    expect(lines.map((l) => `${l.name}/${l.style}`)).toEqual(['FedAvg/attacked', 'FedAvg/benign twin', 'Krum/attacked', 'Krum/attacked']);
    const colourOf = new Map<string, Set<string>>();
    for (const l of lines) colourOf.set(l.name, (colourOf.get(l.name) ?? new Set()).add(l.stroke));
    expect(colourOf.get('FedAvg')?.size).toBe(1);
    expect(colourOf.get('Krum')?.size).toBe(1);
    expect([...colourOf.get('FedAvg')!][0]).not.toBe([...colourOf.get('Krum')!][0]);
    expect(lines.map((l) => l.dash)).toEqual(['1,0', '6,4', '1,0', '1,0']);
    // Both series with an sd get a band.
    expect(svg.match(/aria-roledescription="area mark"/g)).toHaveLength(2);
  });

  it('renders a non-blank PNG that pngjs decodes, the same every time', async () => {
    const png = await figurePng(figure, 1);
    const img = decode(png);
    expect(img.width).toBeGreaterThan(300);
    expect(img.height).toBeGreaterThan(300);
    expect(img.colours).toBeGreaterThan(2);
    expect(img.nonWhite).toBeGreaterThan(1000);
    expect(Buffer.from(await figurePng(figure, 1)).equals(Buffer.from(png))).toBe(true);

    const big = decode(await figurePng(figure));
    expect(big.width).toBe(2 * img.width);
  });

  it('copes with empty series, empty panels and one row by default', async () => {
    const empty: Figure = {
      title: 'Nothing yet',
      panels: [
        { title: 'No points', xLabel: 'Round', yLabel: 'Accuracy (%)', series: [{ name: 'Empty', points: [] }] },
        { title: 'No series', xLabel: 'Round', yLabel: 'Accuracy (%)', series: [] },
      ],
    };
    const svg = await figureSvg(empty);
    for (const text of ['Nothing yet', 'No points', 'No series', 'Empty']) expect(svg).toContain(text);
    const img = decode(await figurePng(empty, 1));
    expect(img.width).toBeGreaterThan(img.height); // both panels side by side
    expect(img.nonWhite).toBeGreaterThan(0);
    await expect(figureSvg({ title: 'none', panels: [] })).rejects.toThrow(/no panels/);
  });
});
