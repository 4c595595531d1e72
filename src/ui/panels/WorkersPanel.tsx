import { useLab } from '../store/labStore';

/** Each worker, the tfjs backend it got and why (and, after a lost GPU device, what it fell back to), and what it is doing. */
export function WorkersPanel() {
  const workers = useLab((s) => s.workers);
  const info = useLab((s) => s.prepareInfo);
  const live = workers.filter((w) => w.clientId !== null && w.backend && (w.state === 'ready' || w.state === 'busy')).length;
  return (
    <section className="card workers">
      <h2>Workers</h2>
      <p className="muted">
        <span data-testid="client-worker-count">{live}</span> client worker{live === 1 ? '' : 's'} running
        {workers.length > 0 && ' + 1 coordinator'}; the main thread only draws.
        {info && <> Data: {info.dataset}, {info.classes} classes; each user holds only its own {info.users.map((u) => u.images).join(' / ')} images.</>}
      </p>
      {workers.length === 0 ? (
        <p className="muted">Workers start when you press Start (one per user).</p>
      ) : (
        <table>
          <thead><tr><th>Worker</th><th>Backend</th><th>Why</th><th>State</th></tr></thead>
          <tbody>
            {workers.map((w) => (
              <tr key={w.name} className={`worker-${w.state}`} data-testid={`worker-${w.name.replace(' ', '-')}`}>
                <td>{w.name}</td>
                <td className="backend-name">{w.backend?.name ?? '…'}</td>
                <td className="backend-reason">
                  {w.backend?.reason ?? ''}
                  {w.fellBack && <div className="fell-back" data-testid="fell-back">⚠ {w.fellBack}</div>}
                </td>
                <td><span className={`dot dot-${w.state}`} />{w.state === 'busy' ? 'training' : w.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
