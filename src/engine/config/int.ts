import { z } from 'zod';

/** An integer field in [min, max] (the schemas' shared helper). */
export const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);
