import { App } from './app/app';
import { relayUrlOfPage } from './app/invite-link';
import { Preferences } from './app/preferences';
import { detectHostApi } from './host-api';
import './styles/app.css';
import { registerTerminalPanel } from './terminal/register';

registerTerminalPanel();

/**
 * Starts the renderer in whichever shell it runs in: Electron or the web shell (with a
 * HostApi: may create sessions, defaults to the embedded relay) or a plain browser
 * (a guest on the page a relay served: join only, defaults to that relay).
 */
async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('index.html has no #app element');
  const hostApi = await detectHostApi();
  const prefs = await Preferences.load(hostApi);
  let defaultRelay = '';
  if (hostApi) {
    try {
      defaultRelay = (await hostApi.localRelay())?.url ?? '';
    } catch (error) {
      console.warn('duet: no local relay', error);
    }
  } else {
    defaultRelay = relayUrlOfPage(window.location);
  }
  const app = new App(root, hostApi, prefs, defaultRelay);

  // A reloaded host tab picks its session back up; otherwise Home.
  if (!app.restore()) app.homeFromPage();
}

void main().catch((error: unknown) => {
  console.error('duet: failed to start', error);
  const root = document.getElementById('app');
  if (root) root.textContent = `Duet could not start: ${error instanceof Error ? error.message : String(error)}`;
});
