/**
 * In-memory image dataset shared by every part of the engine.
 * Images are uint8, row-major, stored back to back; each class occupies one contiguous block.
 * Greyscale (1 channel): 255 = ink (strokes), 0 = background. RGB (3 channels, mini-ImageNet,
 * coloured glyphs): each pixel's R, G, B bytes side by side (height × width × channels, the
 * NHWC order the models take).
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
  /** 1 (greyscale) or 3 (RGB); absent = 1, as every dataset from before RGB. */
  channels?: number;
  /** count * width * height * channels bytes. */
  images: Uint8Array;
  classes: ClassInfo[];
}

export const channelsOf = (d: Pick<ImageDataset, 'channels'>): number => d.channels ?? 1;

/** Bytes per image: width × height × channels. */
export const imageSize = (d: ImageDataset): number => d.width * d.height * channelsOf(d);
