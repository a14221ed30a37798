import { LANGUAGES, type HostApi, type Language } from '../../shared/host-api';
import type { CollabDoc } from '../collab/collab-doc';
import { asLanguage, languageLabel } from '../collab/languages';
import { presetAvailability } from '../run/preset-availability';
import { h, type View } from '../ui/dom';

/**
 * The shared language mode: changing it changes everyone's highlighting. Languages the
 * host cannot run are marked "not installed" for everyone: the host publishes its
 * toolchains into the shared document.
 */
export function languagePicker(collab: CollabDoc, hostApi: HostApi | null): View {
  const options = new Map<Language, HTMLOptionElement>(
    LANGUAGES.map((language) => [language, h('option', { value: language }, languageLabel(language))]),
  );
  const select = h(
    'select',
    {
      id: 'language-select',
      onchange: () => {
        const language = asLanguage(select.value);
        if (language) collab.setLanguage(language);
      },
    },
    ...options.values(),
  );
  const markRunnable = () => {
    const presets = collab.presets;
    for (const [language, option] of options) {
      const availability = presetAvailability(presets, language);
      option.textContent = availability.badge ? `${languageLabel(language)} (${availability.badge})` : languageLabel(language);
      option.title = availability.title;
    }
    select.title = presetAvailability(presets, collab.language).title;
  };
  select.value = collab.language;
  markRunnable();
  const offLanguage = collab.onLanguage((language) => {
    select.value = language;
    markRunnable();
  });
  const offPresets = collab.onPresets(markRunnable);
  if (hostApi) {
    hostApi.run.presets().then(
      (presets) => collab.setPresets(presets),
      (error: unknown) => console.warn('duet: could not list run presets', error),
    );
  }
  const element = h('div', { class: 'language' }, h('label', { for: 'language-select' }, 'Language'), select);
  return {
    element,
    dispose: () => {
      offLanguage();
      offPresets();
    },
  };
}
