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

const LAYOUT_KEY = 'duet.layout';

/** The session screen's sizes a person chose: the editor's share of the editor/terminal split and the sidebar's width. */
export interface LayoutSizes {
  /** Percent of the workspace's height the editor takes (the terminal gets the rest). */
  editorPercent?: number;
  /** Sidebar width in CSS pixels. */
  sidebarWidth?: number;
}

/**
 * The layout sizes remembered in this browser profile (localStorage in every shell: they are
 * about this screen, not about the machine's settings). Values that are not finite numbers
 * are dropped; the caller clamps them to what fits.
 */
export function rememberedLayout(): LayoutSizes {
  const raw = readLocal(LAYOUT_KEY);
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    const sizes: LayoutSizes = {};
    if (typeof value.editorPercent === 'number' && Number.isFinite(value.editorPercent)) sizes.editorPercent = value.editorPercent;
    if (typeof value.sidebarWidth === 'number' && Number.isFinite(value.sidebarWidth)) sizes.sidebarWidth = value.sidebarWidth;
    return sizes;
  } catch (error) {
    console.warn('duet: ignoring unreadable layout sizes', error);
    return {};
  }
}

/** Remembers layout sizes (merged with the ones already remembered). */
export function rememberLayout(patch: LayoutSizes): void {
  writeLocal(LAYOUT_KEY, JSON.stringify({ ...rememberedLayout(), ...patch }));
}
