import { Charts } from './charts/Charts';
import { FineTuneCharts } from './charts/FineTuneCharts';
import { AllSettings } from './controls/AllSettings';
import { ControlPanel } from './controls/ControlPanel';
import { DataPanel } from './panels/DataPanel';
import { ExportPanel } from './panels/ExportPanel';
import { Messages } from './panels/Messages';
import { ModelSource } from './panels/ModelSource';
import { PresetDescription, PresetPicker } from './panels/PresetPicker';
import { RoundsPanel } from './panels/RoundsPanel';
import { RunBar } from './panels/RunBar';
import { SeedField } from './panels/SeedField';
import { TwinSwitch } from './panels/TwinSwitch';
import { WorkersPanel } from './panels/WorkersPanel';

/** Layout only: every panel subscribes to the slice of the store it shows. */
export function App() {
  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <h1>Backdoor Lab</h1>
          <p>Federated meta-learning (Reptile) with one browser worker per user — and what a backdoor does to it.</p>
        </div>
        <PresetPicker />
      </header>
      <Messages />
      <div className="layout">
        <aside className="controls card" aria-label="Settings">
          <PresetDescription />
          <SeedField />
          <TwinSwitch />
          <ControlPanel />
          <ModelSource />
          <AllSettings />
        </aside>
        <main className="results">
          <RunBar />
          <Charts />
          <FineTuneCharts />
          <RoundsPanel />
          <div className="panels">
            <DataPanel />
            <div className="stack">
              <WorkersPanel />
              <ExportPanel />
            </div>
          </div>
        </main>
      </div>
      <footer className="foot">
        Chen et al. 2020, “Backdoor attacks on federated meta-learning”; Reptile (Nichol et al. 2018). Every run is reproducible from its link.
      </footer>
    </div>
  );
}
