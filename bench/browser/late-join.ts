import type { DuetSession } from './duet-session';
import { lastClick, lateJoinMarks, stampClicks, watchLateJoin } from './page-probes';
import { documentText, focusEditor, focusTerminal, knock, newPerson, terminalScreen, waitForTerminal } from './people';

/** One late join: from the host's Admit to the document and the terminal fully shown for the joiner, ms. */
export interface LateJoinSample {
  doc: number | undefined;
  terminal: number | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A document of `lines` distinct lines of code, line 1 first. */
export function bigDocument(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `const line${String(i + 1).padStart(5, '0')} = "the quick brown fox jumps over the lazy dog";`).join('\n');
}

/**
 * Fills the host's document (a paste, as a person would) and terminal (`seq`), then lets
 * `joins` people knock one after the other; for each, the host presses Admit and the
 * joiner's page records when its editor holds the whole document with line 1 on screen,
 * and when its terminal shows the host's screen. Each joiner leaves before the next knocks.
 */
export async function measureLateJoins(session: DuetSession, options: { docLines: number; scrollbackLines: number; joins: number }): Promise<LateJoinSample[]> {
  const { host } = session;
  const text = bigDocument(options.docLines);
  await host.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await focusEditor(host.page);
  await host.page.keyboard.press('Control+A');
  await host.page.keyboard.press('Control+V');
  const deadline = performance.now() + 30_000;
  while ((await documentText(host.page)) !== text && performance.now() < deadline) await sleep(200);
  if ((await documentText(host.page)) !== text) throw new Error('the pasted document did not arrive in the host’s Y.Doc');

  await focusTerminal(host.page);
  await host.page.keyboard.type(`clear; seq 1 ${options.scrollbackLines}; echo LATE$((1+1))JOIN\n`);
  await waitForTerminal(host.page, /LATE2JOIN/, 60_000);
  await waitForTerminal(session.guest.page, /LATE2JOIN/, 60_000);
  await sleep(500);
  const screen = await terminalScreen(host.page);
  await host.page.evaluate(stampClicks);

  const samples: LateJoinSample[] = [];
  for (let i = 0; i < options.joins; i++) {
    const joiner = await newPerson(session.browser, `Joiner${i + 1}`);
    try {
      await knock(joiner, session.relayHttpUrl, session.code);
      await joiner.page.evaluate(watchLateJoin, { docLength: text.length, firstLine: 'line00001', screen });
      await host.page.getByRole('button', { name: `Admit ${joiner.name}` }).click();
      const admittedAt = await host.page.evaluate(lastClick);
      const until = performance.now() + 15_000;
      let marks = await joiner.page.evaluate(lateJoinMarks);
      while ((marks.doc === undefined || marks.terminal === undefined) && performance.now() < until) {
        await sleep(50);
        marks = await joiner.page.evaluate(lateJoinMarks);
      }
      samples.push({
        doc: marks.doc !== undefined && admittedAt !== undefined ? marks.doc - admittedAt : undefined,
        terminal: marks.terminal !== undefined && admittedAt !== undefined ? marks.terminal - admittedAt : undefined,
      });
    } finally {
      await joiner.context.close();
    }
    await sleep(300);
  }
  return samples;
}
