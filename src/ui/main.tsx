import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { labSearch, pageMode } from './classroom/mode';
import { StudentView } from './classroom/StudentView';
import { student } from './classroom/student';
import { TeacherView } from './classroom/TeacherView';
import { controller } from './runtime/controller';
import { labStore } from './store/labStore';
import { syncUrl } from './runtime/syncUrl';
import './styles.css';

// Classroom pages (?classroom=teach, ?join=CODE) read the run from the URL but leave it alone.
const mode = pageMode(location.search);
if (mode.kind === 'join') student.init(mode.code);
else if (mode.kind === 'teach') syncUrl(false, labSearch(location.search));
else syncUrl();

// A handle for the console and the end-to-end tests.
(window as unknown as { backdoorLab: unknown }).backdoorLab = { store: labStore, controller, classroom: student.hooks };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {mode.kind === 'teach' ? <TeacherView /> : mode.kind === 'join' ? <StudentView /> : <App />}
  </StrictMode>,
);
