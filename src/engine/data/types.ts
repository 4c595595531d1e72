/**
 * In-memory image dataset shared by every part of the engine.
 * Images are greyscale uint8, row-major, 255 = ink (strokes) and 0 = background,
 * stored back to back; each class occupies one contiguous block.
 */
export interface ClassInfo {
  /** Index of this class within `ImageDataset.classes`. */
  id: number;
  /** Human readable name, e.g. "Greek/character03" or "7". */
  name: string;
  /** Omniglot alphabet, when known. */
  alphabet?: string;
  /** Where the class came from: "background" | "evaluation" (Omniglot), "train" | "test" (MNIST), "synthetic". */
  origin: string;
  /** Original label in the source dataset (Omniglot character id 0..1622, MNIST digit). */
  sourceLabel: number;
  /** Offset of the first image of the class, in images. */
  start: number;
  /** Number of images in the class. */
  count: number;
}

export interface ImageDataset {
  name: string;
  width: number;
  height: number;
  /** count * width * height bytes. */
  images: Uint8Array;
  classes: ClassInfo[];
}

export const imageSize = (d: ImageDataset): number => d.width * d.height;
