import { DisposableStore } from '../../shared/lifecycle';
import type { SessionClient } from '../../shared/session-client';
import { CollabDoc } from './collab-doc';
import { DocProvider } from './doc-provider';
import { memberColor, setMemberRoster } from './member-colors';
import { monacoLanguages } from './monaco-languages';
import { PresenceTracker, publishUser } from './presence';
import { OpenFile } from '../workspace/open-file';
import { SharedWorkspace } from '../workspace/shared-workspace';

/**
 * The collaborative state of one session: the shared document, its sync over the
 * session client, and presence. Created together with the client, before the first
 * `welcome`, so the first sync is not missed.
 */
export class CollabSession {
  readonly collab = new CollabDoc();
  /** The files of the session (in `collab`). */
  readonly workspace = new SharedWorkspace(this.collab);
  readonly provider: DocProvider;
  readonly presence: PresenceTracker;
  /** The file this page has open. */
  readonly openFile: OpenFile;
  private readonly listeners = new DisposableStore();

  constructor(client: SessionClient) {
    this.provider = new DocProvider(this.collab.doc, client);
    this.presence = new PresenceTracker(
      this.provider.awareness,
      this.collab.files,
      (type) => this.workspace.ofText(type)?.path,
      (id) => this.provider.memberOfClient(id),
    );
    this.openFile = new OpenFile(this.workspace, this.provider.awareness);
    // Before any view renders the new member list: colours follow the roster.
    this.listeners.add(client.on('members', (members) => setMemberRoster(members.map((member) => member.id))));
    // Who we are is known only once admitted; republished on every welcome (same id on resume).
    this.listeners.add(
      client.on('welcome', ({ you, members }) => {
        setMemberRoster(members.map((member) => member.id));
        publishUser(this.provider.awareness, { name: you.name, color: memberColor(you.id), memberId: you.id });
        // Connected again: highlighting that failed to load while we were away can load now.
        monacoLanguages.retryFailed();
      }),
    );
  }

  /** Stops syncing and frees the document. */
  dispose(): void {
    this.listeners.dispose();
    this.openFile.dispose();
    this.presence.dispose();
    this.workspace.dispose();
    this.provider.dispose();
    this.collab.dispose();
  }
}
