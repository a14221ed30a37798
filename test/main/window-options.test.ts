import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../src/main/window-options';

describe('main window options', () => {
  const options = mainWindowOptions('/opt/duet/out/preload/index.cjs');
  const web = options.webPreferences!;

  it('isolate and sandbox the page, with no Node anywhere', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keep web security on and everything risky off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('load our preload and show the window only once it is painted', () => {
    expect(web.preload).toBe('/opt/duet/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.title).toBe('Duet');
  });

  it('open where the window was last time, never below the minimum size, with the same hardening', () => {
    const placed = mainWindowOptions('/opt/duet/out/preload/index.cjs', { x: 40, y: 30, width: 1000, height: 700 });
    expect(placed).toMatchObject({ x: 40, y: 30, width: 1000, height: 700, minWidth: 760, minHeight: 520 });
    expect(placed.webPreferences).toEqual(web);
  });
});
