import { startDuetSession } from './browser/duet-session';
import { focusTerminal } from './browser/people';
import { startKeystrokeProbe, stopKeystrokeProbe } from './browser/page-probes';
const s = await startDuetSession();
try {
  const { focusEditor } = await import('./browser/people');
  await focusEditor(s.host.page);
  for (let i = 0; i < 30; i++) await s.host.page.keyboard.press('x');
  await focusTerminal(s.host.page);
  await s.host.page.keyboard.type('clear\n');
  await new Promise((r) => setTimeout(r, 500));
  console.log('rows count', await s.host.page.evaluate(() => document.querySelectorAll('.xterm-rows').length));
  await s.host.page.evaluate(startKeystrokeProbe, { selector: '.xterm-rows', char: 'x' });
  for (let i = 0; i < 200; i++) { await s.host.page.keyboard.press('x'); await new Promise((r) => setTimeout(r, 30)); }
  await new Promise((r) => setTimeout(r, 500));
  const st = await s.host.page.evaluate(stopKeystrokeProbe);
  const t0 = st.keydowns[0]!;
  const lat = st.arrivals.map((a, i) => (a - st.keydowns[i]!).toFixed(0)); console.log('lat', lat.join(' ')); console.log(await s.host.page.evaluate(() => document.querySelector('.xterm-rows')!.textContent));
  console.log('keydowns', st.keydowns.map((t) => (t - t0).toFixed(1)).join(' '));
  console.log('arrivals', st.arrivals.map((t) => (t - t0).toFixed(1)).join(' '));
  console.log(await s.host.page.evaluate(() => [performance.timeOrigin, performance.now(), Date.now()]));
} finally { await s.close(); }
