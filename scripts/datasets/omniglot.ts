/**
 * Assembles the Omniglot dataset: 1623 characters (background IDs 1..964, evaluation 965..1623)
 * × 20 drawers, downsampled 105×105 → size×size by exact area averaging, ink = 255.
 * Class c = character ID c+1, images [c*20, c*20+20).
 */
import type { ClassInfo, ImageDataset } from '../../src/engine/data/types.ts';
import { createAreaResampler } from './downsample.ts';
import {
  OMNIGLOT_BACKGROUND_CHARACTERS, OMNIGLOT_DRAWERS, OMNIGLOT_EVALUATION_CHARACTERS, omniglotCharacterName,
} from './omniglotAlphabets.ts';
import { decodeOmniglotNpz, type OmniglotTarget } from './omniglotNpz.ts';
import { decodeOmniglotPngZip, type OmniglotNames } from './omniglotPng.ts';

export type OmniglotSplit = 'background' | 'evaluation';

export interface OmniglotSplitInput {
  split: OmniglotSplit;
  /** "npz" = images_*.npz arrays; "zip" = zip of PNGs in the canonical layout. */
  kind: 'npz' | 'zip';
  bytes: Uint8Array;
  /** For messages. */
  file: string;
}

export const OMNIGLOT_SOURCE_SIZE = 105;
export const OMNIGLOT_CLASSES = OMNIGLOT_BACKGROUND_CHARACTERS + OMNIGLOT_EVALUATION_CHARACTERS;

const SPLITS: Record<OmniglotSplit, { firstId: number; characters: number }> = {
  background: { firstId: 1, characters: OMNIGLOT_BACKGROUND_CHARACTERS },
  evaluation: { firstId: OMNIGLOT_BACKGROUND_CHARACTERS + 1, characters: OMNIGLOT_EVALUATION_CHARACTERS },
};

export function buildOmniglot(inputs: OmniglotSplitInput[], size = 28): { dataset: ImageDataset; warnings: string[] } {
  const drawers = OMNIGLOT_DRAWERS;
  const target: OmniglotTarget = {
    images: new Uint8Array(OMNIGLOT_CLASSES * drawers * size * size),
    filled: new Uint8Array(OMNIGLOT_CLASSES * drawers),
    drawers,
    resampler: createAreaResampler(OMNIGLOT_SOURCE_SIZE, OMNIGLOT_SOURCE_SIZE, size, size),
  };
  const warnings: string[] = [];
  const zipNames: OmniglotNames = {};
  for (const split of ['background', 'evaluation'] as const) {
    const input = inputs.find((i) => i.split === split);
    if (!input) throw new Error(`Omniglot: no input for the ${split} split`);
    const { firstId, characters } = SPLITS[split];
    if (input.kind === 'npz') {
      decodeOmniglotNpz(input.bytes, firstId - 1, characters, target, input.file);
    } else {
      Object.assign(zipNames, decodeOmniglotPngZip(input.bytes, firstId, characters, target, input.file));
    }
  }
  const missing = target.filled.indexOf(0);
  if (missing >= 0) {
    throw new Error(`Omniglot: character ${Math.floor(missing / drawers)} drawer ${missing % drawers} was not found in the inputs`);
  }

  const classes: ClassInfo[] = [];
  for (let c = 0; c < OMNIGLOT_CLASSES; c++) {
    const id = c + 1;
    const table = omniglotCharacterName(id);
    const fromZip = zipNames[id];
    if (fromZip && (fromZip.alphabet !== table.alphabet || fromZip.character !== table.character)) {
      warnings.push(`character ID ${id}: zip says ${fromZip.alphabet}/${fromZip.character}, built-in table says ${table.alphabet}/${table.character}; using the zip`);
    }
    const { alphabet, character } = fromZip ?? table;
    classes.push({
      id: c,
      name: `${alphabet}/${character}`,
      alphabet,
      origin: id <= OMNIGLOT_BACKGROUND_CHARACTERS ? 'background' : 'evaluation',
      sourceLabel: c,
      start: c * drawers,
      count: drawers,
    });
  }
  return { dataset: { name: 'omniglot', width: size, height: size, images: target.images, classes }, warnings };
}
