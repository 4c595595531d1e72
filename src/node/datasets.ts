import type { ExperimentConfig } from '../engine/config/schema';
import { datasetForConfig } from '../engine/data/forConfig';
import type { ImageDataset } from '../engine/data/types';
import { loadDataset } from './loadDataset';

/** The config's dataset in Node: synthetic from the seed, named ones from public/datasets. */
export const loadDatasetForConfig = (c: ExperimentConfig): Promise<ImageDataset> => datasetForConfig(c, (name) => loadDataset(name));
