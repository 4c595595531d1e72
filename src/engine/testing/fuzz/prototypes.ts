/**
 * Fuzz helper: did an input reach a built-in prototype? Snapshots every own property (value or
 * accessor) of the prototypes a `__proto__` / `constructor.prototype` path can reach, and puts
 * them back after a failed check so one finding does not cascade into every later case.
 */
const PROTOTYPES: Record<string, object> = {
  Object: Object.prototype, Array: Array.prototype, Function: Function.prototype,
  String: String.prototype, Number: Number.prototype, Boolean: Boolean.prototype,
};

type Snapshot = Map<string, { proto: object; key: PropertyKey; desc?: PropertyDescriptor }>;

function snapshot(): Snapshot {
  const m: Snapshot = new Map();
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    m.set(`${name}.[[Prototype]]`, { proto, key: '[[Prototype]]', desc: { value: Object.getPrototypeOf(proto) } });
    for (const key of Reflect.ownKeys(proto)) m.set(`${name}.${String(key)}`, { proto, key, desc: Object.getOwnPropertyDescriptor(proto, key) });
  }
  return m;
}

const same = (a?: PropertyDescriptor, b?: PropertyDescriptor) =>
  !!a && !!b && Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable;

/** Names of prototype properties added, removed or changed between two snapshots. */
function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [k, v] of after) if (!same(v.desc, before.get(k)?.desc)) out.push(k);
  for (const k of before.keys()) if (!after.has(k)) out.push(k);
  return out;
}

function restore(before: Snapshot, after: Snapshot): void {
  for (const [k, v] of after) if (!before.has(k) && v.key !== '[[Prototype]]') Reflect.deleteProperty(v.proto, v.key);
  for (const v of before.values()) {
    if (v.key === '[[Prototype]]') Object.setPrototypeOf(v.proto, v.desc!.value as object | null);
    else Object.defineProperty(v.proto, v.key, v.desc!);
  }
}

/** Run `f`; throw (after undoing it) if it changed a built-in prototype, whether it returned or threw. */
export function guardPrototypes<T>(f: () => T): T {
  const before = snapshot();
  const check = () => {
    const after = snapshot();
    const changed = changes(before, after);
    if (changed.length) {
      restore(before, after);
      throw new Error(`prototype polluted: ${changed.join(', ')}`);
    }
  };
  let result: T;
  try {
    result = f();
  } catch (e) {
    check();
    throw e;
  }
  check();
  return result;
}
