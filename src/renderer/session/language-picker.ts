import { LANGUAGES, type HostApi, type Language } from '../../shared/host-api';
import type { CollabDoc } from '../collab/collab-doc';
import { asLanguage, languageLabel } from '../collab/languages';
import { presetAvailability } from '../run/preset-availability';
import { h, type View } from '../ui/dom';
import type { LanguageChoice } from '../workspace/file-language';

/**
 * The language of the open file: changing it changes everyone's highlighting of that file
 * (`choice` decides how; for a workspace file it renames the extension). Languages the host
 * cannot run are marked "not installed" for everyone: the host publishes its toolchains
 * into the shared document.
 */
export function languagePicker(collab: CollabDoc, hostApi: HostApi | null, choice: LanguageChoice): View {
  const options = new Map<Language, HTMLOptionElement>(
    LANGUAGES.map((language) => [language, h('option', { value: language }, languageLabel(language))]),
  );
  // A file in no language of ours (a README, a data file) shows as plain text.
  const plain = h('option', { value: '', disabled: true }, 'Plain text');
  const select = h(
    'select',
    {
      id: 'language-select',
      onchange: () => {
        const language = asLanguage(select.value);
        if (language) choice.choose(language);
        // A refused change (the new name is taken) leaves the file as it was: so does the picker.
        select.value = choice.current() ?? '';
      },
    },
    plain,
    ...options.values(),
  );
  const markRunnable = () => {
    const presets = collab.presets;
    for (const [language, option] of options) {
      const availability = presetAvailability(presets, language);
      option.textContent = availability.badge ? `${languageLabel(language)} (${availability.badge})` : languageLabel(language);
      option.title = availability.title;
    }
    const current = choice.current();
    select.title = current ? presetAvailability(presets, current).title : 'Plain text';
  };
  select.value = choice.current() ?? '';
  markRunnable();
  const offLanguage = choice.onChange(() => {
    select.value = choice.current() ?? '';
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
