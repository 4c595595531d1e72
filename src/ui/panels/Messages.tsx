import { controller } from '../runtime/controller';
import { lab, useLab } from '../store/labStore';

/** URL problems and other notices (dismissible), and the run's error with a way out. */
export function Messages() {
  const messages = useLab((s) => s.messages);
  const error = useLab((s) => s.error);
  return (
    <div className="messages" aria-live="polite">
      {error && (
        <div className="message error" role="alert" data-testid="run-error">
          <span>{error}</span>
          <button type="button" onClick={controller.restart}>Restart</button>
        </div>
      )}
      {messages.map((m) => (
        <div key={m.id} className={`message ${m.level}`} data-testid="message">
          <span>{m.text}</span>
          <button type="button" className="small" aria-label="Dismiss" onClick={() => lab.dismiss(m.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
