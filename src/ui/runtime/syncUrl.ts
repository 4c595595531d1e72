import { isBackendPreference } from '../../workers/backendPreference';
import { lab, labStore } from '../store/labStore';
import { clip, decodeConfigUrl, encodeConfigUrl, type UrlState } from '../url/configUrl';

/** The URL's run; should decoding ever throw (the fuzz tests say it does not), the default run with a message. */
function readUrl(search: string): UrlState {
  try {
    return decodeConfigUrl(search);
  } catch (e) {
    return { ...decodeConfigUrl(''), messages: [`The URL could not be read (${clip(String((e as Error)?.message ?? e), 200)}); using the default run.`] };
  }
}

/**
 * Read the run from the address bar into the store, then keep the address bar in step with the
 * settings (replaceState: moving a slider does not add history entries). `write` false: read only
 * (the classroom's teacher page keeps its own address).
 */
export function syncUrl(write = true, search = location.search): () => void {
  const url = readUrl(search);
  const backend = url.extra.backend;
  const messages = [...url.messages];
  if (backend && !isBackendPreference(backend)) messages.push(`Unknown backend "${clip(backend)}" in the URL (auto, webgpu, webgl, wasm, cpu); using auto.`);
  labStore.setState({ preset: url.preset, config: url.config, paired: url.paired, backend: backend && isBackendPreference(backend) ? backend : 'auto' });
  for (const m of messages) lab.message('warn', m);
  if (!write) return () => undefined;
  const update = () => {
    const s = labStore.getState();
    const search = encodeConfigUrl(s.preset, s.config, s.backend !== 'auto' ? { backend: s.backend } : {}, s.paired);
    if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
  };
  update();
  return labStore.subscribe((s, prev) => {
    if (s.config !== prev.config || s.preset !== prev.preset || s.backend !== prev.backend || s.paired !== prev.paired) update();
  });
}
