import { LANGUAGES } from '../../shared/host-api';
import type { CollabDoc } from '../collab/collab-doc';
import { asLanguage, languageLabel } from '../collab/languages';
import { h, type View } from '../ui/dom';

/** The shared language mode: changing it changes everyone's highlighting. */
export function languagePicker(collab: CollabDoc): View {
  const select = h(
    'select',
    {
      id: 'language-select',
      onchange: () => {
        const language = asLanguage(select.value);
        if (language) collab.setLanguage(language);
      },
    },
    ...LANGUAGES.map((language) => h('option', { value: language }, languageLabel(language))),
  );
  select.value = collab.language;
  const off = collab.onLanguage((language) => (select.value = language));
  const element = h('div', { class: 'language' }, h('label', { for: 'language-select' }, 'Language'), select);
  return { element, dispose: off };
}
