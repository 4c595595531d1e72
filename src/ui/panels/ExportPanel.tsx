import { useState } from 'react';
import { download } from '../export/download';
import { metricsCsv, metricsJson } from '../export/metricsTable';
import { controller } from '../runtime/controller';
import { lab, labStore, useLab } from '../store/labStore';

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');

/** Share the run's link, export metrics (CSV / JSON with config and seed), save θ_G. */
export function ExportPanel() {
  const hasPoints = useLab((s) => s.points.length > 0);
  const hasModel = useLab((s) => s.prepared !== null && s.status !== 'starting');
  const [copied, setCopied] = useState(false);
  const csv = () => {
    const s = labStore.getState();
    download(`backdoor-lab-metrics-${stamp()}.csv`, metricsCsv(s.points, s.config.mode, s.twin.points), 'text/csv');
  };
  const json = () => {
    const s = labStore.getState();
    download(`backdoor-lab-metrics-${stamp()}.json`, metricsJson({ preset: s.preset, config: s.config, url: location.href, points: s.points, reports: s.reports, fineTune: s.fineTune, twin: s.twin }), 'application/json');
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      lab.message('info', `Copy this link to share the run: ${location.href}`);
    }
  };
  const save = () => controller.saveCheckpoint().catch((e) => lab.message('error', `Saving the checkpoint failed: ${(e as Error).message}`));
  return (
    <section className="card export">
      <h2>Share and export</h2>
      <div className="button-row">
        <button type="button" onClick={copy} data-testid="copy-link">{copied ? 'Link copied' : 'Copy link to this run'}</button>
        <button type="button" onClick={csv} disabled={!hasPoints}>Metrics CSV</button>
        <button type="button" onClick={json} disabled={!hasPoints}>Metrics JSON</button>
        <button type="button" onClick={save} disabled={!hasModel} title="Download θ_G after the last finished round, and keep it in this browser">Save checkpoint</button>
      </div>
      <p className="muted">The link holds the preset, the seed and every changed setting. Each chart has its own PNG button. A paired run exports its benign twin too (<code>twin.…</code> columns, a <code>twin</code> section in the JSON).</p>
    </section>
  );
}
