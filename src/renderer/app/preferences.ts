import type { HostApi, Settings } from '../../shared/host-api';

const NAME_KEY = 'duet.displayName';
const RELAY_KEY = 'duet.relayUrl';

/**
 * Display name and relay address, remembered between launches: in the shell's settings
 * when there is a HostApi, else in this origin's localStorage (browser guests).
 * An empty relay address means "the default one" (embedded relay, or the page's relay).
 */
export class Preferences {
  private constructor(
    private readonly hostApi: HostApi | null,
    private settings: Settings,
  ) {}

  /** Reads the remembered values. */
  static async load(hostApi: HostApi | null): Promise<Preferences> {
    if (hostApi) {
      try {
        return new Preferences(hostApi, await hostApi.getSettings());
      } catch (error) {
        console.warn('duet: could not read settings', error);
      }
    }
    return new Preferences(hostApi, { displayName: readLocal(NAME_KEY), relayUrl: readLocal(RELAY_KEY) });
  }

  get displayName(): string {
    return this.settings.displayName;
  }

  get relayUrl(): string {
    return this.settings.relayUrl;
  }

  /** Remembers new values; failures are reported, never fatal. */
  async save(patch: Partial<Settings>): Promise<void> {
    this.settings = { ...this.settings, ...patch };
    if (this.hostApi) {
      try {
        this.settings = await this.hostApi.setSettings(patch);
      } catch (error) {
        console.warn('duet: could not save settings', error);
      }
      return;
    }
    if (patch.displayName !== undefined) writeLocal(NAME_KEY, patch.displayName);
    if (patch.relayUrl !== undefined) writeLocal(RELAY_KEY, patch.relayUrl);
  }
}

function readLocal(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? '';
  } catch (error) {
    console.warn('duet: localStorage unavailable', error);
    return '';
  }
}

function writeLocal(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch (error) {
    console.warn('duet: localStorage unavailable', error);
  }
}
