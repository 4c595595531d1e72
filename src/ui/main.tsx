import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { controller } from './runtime/controller';
import { labStore } from './store/labStore';
import { syncUrl } from './runtime/syncUrl';
import './styles.css';

syncUrl();

// A handle for the console and the end-to-end tests.
(window as unknown as { backdoorLab: unknown }).backdoorLab = { store: labStore, controller };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
