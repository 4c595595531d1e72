import { memo, useMemo, useState } from 'react';
import type { FieldDoc } from '../../engine/config/fields';
import { needsRestart } from '../../engine/config/live';
import { getPath } from '../../engine/config/paths';
import { lab, labStore, useLab } from '../store/labStore';
import { fieldActive, fieldDocs, knobPaths } from './knobs';

/** One field of the schema as a plain input: select, checkbox, number, text or JSON. */
const Field = memo(function Field({ doc }: { doc: FieldDoc }) {
  const value = useLab((s) => getPath(s.config, doc.path));
  const error = useLab((s) => s.fieldErrors[doc.path]);
  const [draft, setDraft] = useState<string | null>(null);
  const isKind = doc.path.endsWith('.kind');
  const parent = doc.path.slice(0, doc.path.lastIndexOf('.'));
  const label = doc.path.split('.').slice(1).join('.') || doc.path; // the path within its section
  let input;
  if (isKind && doc.options) {
    input = (
      <select aria-label={doc.path} value={String(value)} onChange={(e) => lab.setField(parent, { kind: e.target.value })}>
        {doc.options.map((o) => <option key={String(o)} value={String(o)}>{String(o)}</option>)}
      </select>
    );
  } else if (doc.options) {
    input = (
      <select aria-label={doc.path} value={JSON.stringify(value)} onChange={(e) => lab.setField(doc.path, JSON.parse(e.target.value))}>
        {doc.options.map((o) => <option key={JSON.stringify(o)} value={JSON.stringify(o)}>{String(o)}</option>)}
      </select>
    );
  } else if (doc.type === 'boolean') {
    input = <input type="checkbox" aria-label={doc.path} checked={value === true} onChange={(e) => lab.setField(doc.path, e.target.checked)} />;
  } else if (doc.type.startsWith('number') || doc.type.startsWith('integer')) {
    input = (
      <input
        type="number"
        aria-label={doc.path}
        value={draft ?? (value === undefined ? '' : String(value))}
        min={doc.min}
        max={doc.max}
        step={doc.type.startsWith('integer') ? 1 : 'any'}
        placeholder={doc.default === undefined ? 'default' : String(doc.default)}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value === '') { if (lab.setField(doc.path, undefined)) setDraft(null); return; }
          if (lab.setField(doc.path, Number(e.target.value))) setDraft(null);
        }}
        onBlur={() => setDraft(null)}
      />
    );
  } else if (doc.type === 'string') {
    input = <input type="text" aria-label={doc.path} value={String(value ?? '')} onChange={(e) => lab.setField(doc.path, e.target.value)} />;
  } else {
    input = (
      <textarea
        aria-label={doc.path}
        rows={2}
        value={draft ?? JSON.stringify(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={(e) => {
          try { if (lab.setField(doc.path, JSON.parse(e.target.value))) setDraft(null); } catch { lab.setField(doc.path, e.target.value); }
        }}
      />
    );
  }
  return (
    <div className={`field${error ? ' invalid' : ''}`} title={doc.description}>
      <label>
        <span className="field-name">{label}{needsRestart(doc.path) && <span className="badge" title="Changing this needs a restart">restart</span>}</span>
        {input}
      </label>
      {doc.description && <p className="help">{doc.description}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
});

/**
 * Every other setting, generated from the schema: new attack and defense knobs show up here
 * as soon as they are added to src/engine/config/schema.ts. A strategy's knobs show while
 * that strategy is selected.
 */
export function AllSettings() {
  const signature = useLab((s) => fieldDocs().filter((f) => fieldActive(f, s.config)).map((f) => f.path).join('|'));
  const docs = useMemo(() => {
    const skip = knobPaths();
    const c = labStore.getState().config;
    return fieldDocs().filter((f) => fieldActive(f, c) && !skip.has(f.path) && f.path !== 'seed' && !f.path.startsWith('init.'));
  }, [signature]);
  const sections = [...new Set(docs.map((d) => d.path.split('.')[0]))];
  return (
    <details className="all-settings">
      <summary>All settings</summary>
      {sections.map((sec) => (
        <fieldset key={sec}>
          <legend>{sec}</legend>
          {docs.filter((d) => d.path.split('.')[0] === sec).map((d) => <Field key={`${d.path}|${d.when?.kind ?? ''}`} doc={d} />)}
        </fieldset>
      ))}
    </details>
  );
}
