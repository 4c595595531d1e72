/**
 * Omniglot alphabets in character-ID order. Character IDs (the XXXX of XXXX_YY.png, 1-based) are
 * contiguous per alphabet, and characterNN = ID - firstId + 1. Taken from the directory listing of
 * the canonical zips (brendenlake/omniglot python/images_{background,evaluation}.zip, identical
 * paths in shared/datasets/omniglot/images_*_rebuilt.zip); the names equal those in the
 * torchmeta Vinyals split JSONs. Used when only the npz arrays (which carry no names) are available;
 * when a zip is available its listing is used and checked against this table.
 */
export interface OmniglotAlphabet {
  name: string;
  /** 1-based character ID of characterNN = 01. */
  firstId: number;
  /** Number of characters. */
  count: number;
  split: 'background' | 'evaluation';
}

export const OMNIGLOT_BACKGROUND_CHARACTERS = 964;
export const OMNIGLOT_EVALUATION_CHARACTERS = 659;
export const OMNIGLOT_DRAWERS = 20;

// [name, firstId, count]
const BACKGROUND: [string, number, number][] = [
  ['Arcadian', 1, 26],
  ['Armenian', 27, 41],
  ['Asomtavruli_(Georgian)', 68, 40],
  ['Balinese', 108, 24],
  ['Bengali', 132, 46],
  ['Blackfoot_(Canadian_Aboriginal_Syllabics)', 178, 14],
  ['Braille', 192, 26],
  ['Cyrillic', 218, 33],
  ['Early_Aramaic', 251, 22],
  ['Syriac_(Estrangelo)', 273, 23],
  ['Anglo-Saxon_Futhorc', 296, 29],
  ['Futurama', 325, 26],
  ['Grantha', 351, 43],
  ['Greek', 394, 24],
  ['Gujarati', 418, 48],
  ['Hebrew', 466, 22],
  ['Japanese_(hiragana)', 488, 52],
  ['Inuktitut_(Canadian_Aboriginal_Syllabics)', 540, 16],
  ['Malay_(Jawi_-_Arabic)', 556, 40],
  ['Japanese_(katakana)', 596, 47],
  ['Korean', 643, 40],
  ['Latin', 683, 26],
  ['Alphabet_of_the_Magi', 709, 20],
  ['Mkhedruli_(Georgian)', 729, 41],
  ['Burmese_(Myanmar)', 770, 34],
  ['N_Ko', 804, 33],
  ['Ojibwe_(Canadian_Aboriginal_Syllabics)', 837, 14],
  ['Sanskrit', 851, 42],
  ['Tagalog', 893, 17],
  ['Tifinagh', 910, 55],
];
const EVALUATION: [string, number, number][] = [
  ['Angelic', 965, 20],
  ['Atemayar_Qelisayer', 985, 26],
  ['Atlantean', 1011, 26],
  ['Aurek-Besh', 1037, 26],
  ['Avesta', 1063, 26],
  ['Ge_ez', 1089, 26],
  ['Glagolitic', 1115, 45],
  ['Gurmukhi', 1160, 45],
  ['Kannada', 1205, 41],
  ['Keble', 1246, 26],
  ['Malayalam', 1272, 47],
  ['Manipuri', 1319, 40],
  ['Mongolian', 1359, 30],
  ['Old_Church_Slavonic_(Cyrillic)', 1389, 45],
  ['Oriya', 1434, 46],
  ['Syriac_(Serto)', 1480, 23],
  ['Sylheti', 1503, 28],
  ['Tengwar', 1531, 25],
  ['Tibetan', 1556, 42],
  ['ULOG', 1598, 26],
];

export const OMNIGLOT_ALPHABETS: readonly OmniglotAlphabet[] = [
  ...BACKGROUND.map(([name, firstId, count]) => ({ name, firstId, count, split: 'background' as const })),
  ...EVALUATION.map(([name, firstId, count]) => ({ name, firstId, count, split: 'evaluation' as const })),
];

/** (alphabet, characterNN) of a 1-based character ID, from the table. */
export function omniglotCharacterName(id: number): { alphabet: string; character: string } {
  for (const a of OMNIGLOT_ALPHABETS) {
    if (id >= a.firstId && id < a.firstId + a.count) {
      return { alphabet: a.name, character: `character${String(id - a.firstId + 1).padStart(2, '0')}` };
    }
  }
  throw new Error(`Omniglot character ID ${id} is out of range 1..1623`);
}
