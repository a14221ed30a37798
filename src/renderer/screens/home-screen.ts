import { inviteCodeFromInput } from '../../shared/invite-link';
import { relayUrlProblem } from '../app/invite-link';
import { h, type View } from '../ui/dom';

export interface HomeOptions {
  /** "New session" is offered only where a HostApi exists (not to browser guests). */
  canCreate: boolean;
  name: string;
  relayUrl: string;
  /** The relay this app uses unless told otherwise (the embedded one, or the page's own); '' when configured. */
  defaultRelayUrl: string;
  /** Prefilled invite code (from an invite link). */
  code?: string;
  /** A problem to show on arrival, e.g. why the last attempt failed. */
  notice?: string;
  /** `starterFolder`: a folder on the host's machine to start the workspace from ('' for none). */
  onCreate(request: { name: string; relayUrl: string; starterFolder: string }): void;
  onJoin(request: { name: string; relayUrl: string; code: string }): void;
}

/** Home: your name, "New session", "Join" with a code or link, and the relay address. */
export function homeScreen(options: HomeOptions): View {
  const nameInput = h('input', { id: 'home-name', type: 'text', autocomplete: 'nickname', maxlength: 64, value: options.name, required: true });
  const codeInput = h('input', {
    id: 'home-code',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'xxxx-xxxx-xxxx or invite link',
    value: options.code ?? '',
  });
  const starterInput = h('input', { id: 'home-starter', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: '/home/you/exercise (optional)' });
  const relayInput = h('input', { id: 'home-relay', type: 'url', autocomplete: 'off', spellcheck: 'false', value: options.relayUrl });
  // A relay typed once is remembered across launches; say when it is not the default, with the way back.
  const useDefault = h(
    'button',
    {
      type: 'button',
      class: 'link-button',
      onclick: () => {
        relayInput.value = options.defaultRelayUrl;
        relayInput.dispatchEvent(new Event('input'));
        relayInput.focus();
      },
    },
    'Use the default relay',
  );
  const relayNote = h('p', { class: 'muted hint', id: 'home-relay-note' }, `Not the default relay (${options.defaultRelayUrl}). `, useDefault);
  const showRelayNote = () => (relayNote.hidden = !options.defaultRelayUrl || relayInput.value.trim() === options.defaultRelayUrl);
  relayInput.addEventListener('input', showRelayNote);
  showRelayNote();
  const problem = h('p', { class: 'form-problem', role: 'alert' }, options.notice ?? '');

  /** Checks the shared fields; returns them or shows what is wrong. */
  const common = (): { name: string; relayUrl: string } | undefined => {
    const name = nameInput.value.trim();
    if (!name) {
      problem.textContent = 'Enter your name so the others know who you are.';
      nameInput.focus();
      return undefined;
    }
    const relayUrl = relayInput.value.trim();
    const relayProblem = relayUrlProblem(relayUrl);
    if (relayProblem) {
      problem.textContent = relayProblem;
      relayInput.focus();
      return undefined;
    }
    return { name, relayUrl };
  };

  const create = () => {
    const fields = common();
    if (fields) options.onCreate({ ...fields, starterFolder: starterInput.value.trim() });
  };
  // Enter in the name field does the obvious thing: join when a code is there, else start a session.
  nameInput.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    if (codeInput.value.trim() || !options.canCreate) codeInput.form?.requestSubmit();
    else create();
  });
  const join = (event: SubmitEvent) => {
    event.preventDefault();
    const code = inviteCodeFromInput(codeInput.value);
    if (!code) {
      problem.textContent = codeInput.value.trim()
        ? 'That is not an invite code. Codes look like ABCD-EFGH-JKMN.'
        : 'Enter the invite code or paste the invite link.';
      codeInput.focus();
      return;
    }
    const fields = common();
    if (fields) options.onJoin({ ...fields, code });
  };

  const element = h(
    'main',
    { class: 'screen home', 'aria-labelledby': 'home-title' },
    h('h1', { id: 'home-title' }, 'Duet'),
    h('p', { class: 'tagline' }, 'Write code together, in real time.'),
    h('div', { class: 'field' }, h('label', { for: 'home-name' }, 'Your name'), nameInput),
    options.canCreate &&
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'home-create' },
        h('h2', { id: 'home-create' }, 'Start a session'),
        h('p', {}, 'You host: you admit people and can end the session.'),
        h('div', { class: 'field' }, h('label', { for: 'home-starter' }, 'Starter folder'), starterInput),
        h('button', { type: 'button', class: 'primary', onclick: create }, 'New session'),
      ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'home-join' },
      h('h2', { id: 'home-join' }, 'Join a session'),
      h(
        'form',
        { class: 'join-form', onsubmit: join },
        h('div', { class: 'field' }, h('label', { for: 'home-code' }, 'Invite code or link'), codeInput),
        h('button', { type: 'submit', class: options.canCreate ? '' : 'primary' }, 'Join'),
      ),
    ),
    h(
      'div',
      { class: 'field relay-field' },
      h('label', { for: 'home-relay' }, 'Relay address'),
      relayInput,
      relayNote,
    ),
    problem,
  );

  // Focus goes where the next step is: your name, else the Join button of an invite link, else
  // New session where you can host, else the code field.
  const createButton = element.querySelector<HTMLButtonElement>('#home-create ~ button');
  const firstStep = !nameInput.value
    ? nameInput
    : options.code
      ? codeInput.form?.querySelector('button')
      : (createButton ?? codeInput);
  queueMicrotask(() => firstStep?.focus());
  return { element, dispose: () => element.remove() };
}
