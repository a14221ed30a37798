/**
 * The browser baseline of benchmark 5: two pages joined by the bare ws relay, with none of
 * Duet's layers (no Yjs, no provider, no session client, no queues). `?kind=editor`: the
 * sending page's own Monaco takes the keystroke and each content change goes out as JSON;
 * the receiving page applies it straight to its Monaco model. `?kind=terminal`: the sending
 * page's xterm `onData` goes out; the receiving page hands it to `xterm.write`. What is left
 * in the figure is the browsers, the relay hop and Monaco's or xterm's own rendering.
 */
import * as monaco from 'monaco-editor';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

const params = new URLSearchParams(location.search);
const kind = params.get('kind');
const socket = new WebSocket(params.get('ws')!);
const status = { open: false };
socket.addEventListener('open', () => (status.open = true));
(window as unknown as { bareStatus: typeof status }).bareStatus = status;

if (kind === 'editor') {
  document.getElementById('terminal')!.remove();
  const model = monaco.editor.createModel('', 'plaintext');
  // The options of Duet's editor that change rendering.
  monaco.editor.create(document.getElementById('editor')!, { model, automaticLayout: true, minimap: { enabled: false }, fontSize: 14, scrollBeyondLastLine: false });
  let applying = false;
  model.onDidChangeContent((event) => {
    if (applying) return;
    socket.send(JSON.stringify(event.changes.map((c) => ({ range: c.range, text: c.text }))));
  });
  socket.addEventListener('message', (message) => {
    const changes = JSON.parse(String(message.data)) as { range: monaco.IRange; text: string }[];
    applying = true;
    model.applyEdits(changes);
    applying = false;
  });
} else {
  document.getElementById('editor')!.remove();
  const term = new Terminal({ cols: 100, rows: 24, fontSize: 13, scrollback: 1000 });
  term.open(document.getElementById('terminal')!);
  term.onData((data) => socket.send(data));
  socket.addEventListener('message', (message) => term.write(String(message.data)));
}
