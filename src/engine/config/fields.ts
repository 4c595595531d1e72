import { z } from 'zod';
import { configSchema } from './schema';

export interface FieldDoc {
  path: string;
  type: string;
  default?: unknown;
  description?: string;
  /** Numeric bounds, when the schema has them (for sliders and inputs). */
  min?: number;
  max?: number;
  /** The allowed values of an enum or literal union, or the kinds of a strategy. */
  options?: unknown[];
  /** Set for a strategy's knob: it exists only while the strategy at `path` is of this `kind`. */
  when?: { path: string; kind: string };
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Every config field with its type, default and description (for --help and the UI). */
export function configFields(): FieldDoc[] {
  const root = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: FieldDoc[] = [];
  const walk = (s: JsonSchema, path: string, when?: FieldDoc['when']) => {
    const variants = s.oneOf ?? s.anyOf;
    if (s.properties && !variants) {
      for (const [k, v] of Object.entries(s.properties)) walk(v, path ? `${path}.${k}` : k, when);
      return;
    }
    if (variants?.every((v) => v.properties?.kind)) {
      const kinds = variants.map((v) => String(v.properties!.kind.const ?? v.properties!.kind.enum?.[0]));
      out.push({ path: `${path}.kind`, type: kinds.join(' | '), default: (s.default as { kind?: string })?.kind, description: s.description, options: kinds, ...(when ? { when } : {}) });
      variants.forEach((v, i) => {
        for (const [k, f] of Object.entries(v.properties!)) if (k !== 'kind') walk(f, `${path}.${k}`, { path, kind: kinds[i] });
      });
      return;
    }
    out.push({ path, type: typeOf(s), default: s.default, description: s.description, ...bounds(s), ...(when ? { when } : {}) });
  };
  walk(root, '');
  return out;
}

function bounds(s: JsonSchema): Pick<FieldDoc, 'min' | 'max' | 'options'> {
  const out: Pick<FieldDoc, 'min' | 'max' | 'options'> = {};
  const min = s.minimum ?? s.exclusiveMinimum;
  if (min !== undefined) out.min = min;
  const max = s.maximum ?? s.exclusiveMaximum;
  if (max !== undefined && max < Number.MAX_SAFE_INTEGER) out.max = max;
  const variants = s.anyOf ?? s.oneOf;
  if (s.enum) out.options = s.enum;
  else if (variants?.every((v) => v.const !== undefined)) out.options = variants.map((v) => v.const);
  return out;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' | ');
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeOf).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const lo = s.exclusiveMinimum !== undefined ? `>${s.exclusiveMinimum}` : s.minimum !== undefined ? `≥${s.minimum}` : '';
  const hi = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? `≤${s.maximum}` : '';
  const range = [lo, hi].filter(Boolean).join(', ');
  return `${Array.isArray(s.type) ? s.type.join('|') : (s.type ?? 'any')}${range ? ` (${range})` : ''}`;
}
