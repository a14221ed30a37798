import type { Language, RunPresetInfo } from '../../shared/host-api';
import { languageLabel } from '../collab/languages';

/** What the language picker (and the Run button) shows about running one language. */
export interface PresetAvailability {
  available: boolean;
  /** Tooltip: what runs, or why it cannot. */
  title: string;
  /** Short badge next to the language's name, e.g. "not installed"; undefined when it runs. */
  badge: string | undefined;
  /** What Run says when pressed anyway, naming the language once; undefined when it runs. */
  problem: string | undefined;
}

/**
 * Whether the host can run `language`, from HostApi.run.presets(). `presets` undefined
 * means nobody can tell here (a browser guest, or the host has not answered yet): the
 * picker then shows nothing special.
 */
export function presetAvailability(presets: readonly RunPresetInfo[] | undefined, language: Language): PresetAvailability {
  if (!presets) return { available: true, title: 'Runs on the host', badge: undefined, problem: undefined };
  const preset = presets.find((candidate) => candidate.language === language);
  const label = languageLabel(language);
  if (!preset) {
    return { available: false, title: 'Duet has no run preset for this language', badge: 'cannot run', problem: `Duet cannot run ${label}.` };
  }
  if (preset.available) return { available: true, title: `Runs ${preset.fileName} on the host`, badge: undefined, problem: undefined };
  const missing = preset.missing ?? 'toolchain not found';
  return { available: false, title: `Cannot run on the host: ${missing}`, badge: 'not installed', problem: `${label} is not installed on the host (${missing}).` };
}
