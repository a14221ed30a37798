import type { Language, RunPresetInfo } from '../../shared/host-api';

/** What the language picker (and the Run button) shows about running one language. */
export interface PresetAvailability {
  available: boolean;
  /** Tooltip: what runs, or why it cannot. */
  title: string;
  /** Short badge next to the language's name, e.g. "not installed"; undefined when it runs. */
  badge: string | undefined;
}

/**
 * Whether the host can run `language`, from HostApi.run.presets(). `presets` undefined
 * means nobody can tell here (a browser guest, or the host has not answered yet): the
 * picker then shows nothing special.
 */
export function presetAvailability(presets: readonly RunPresetInfo[] | undefined, language: Language): PresetAvailability {
  if (!presets) return { available: true, title: 'Runs on the host', badge: undefined };
  const preset = presets.find((candidate) => candidate.language === language);
  if (!preset) return { available: false, title: 'Duet has no run preset for this language', badge: 'cannot run' };
  if (preset.available) return { available: true, title: `Runs ${preset.fileName} on the host`, badge: undefined };
  return { available: false, title: `Cannot run on the host: ${preset.missing ?? 'toolchain not found'}`, badge: 'not installed' };
}
