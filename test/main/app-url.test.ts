import { describe, expect, it } from 'vitest';
import { appUrl, isAppUrl } from '../../src/main/app-url';

describe('the app URL', () => {
  it('is the built index.html, or the dev server when one runs', () => {
    expect(appUrl('/opt/duet/out/renderer/index.html', undefined)).toBe('file:///opt/duet/out/renderer/index.html');
    expect(appUrl('/opt/duet/out/renderer/index.html', 'http://localhost:5173')).toBe('http://localhost:5173/');
  });

  it('matches the same page whatever its hash or query, and nothing else', () => {
    const app = 'file:///opt/duet/out/renderer/index.html';
    expect(isAppUrl('file:///opt/duet/out/renderer/index.html#/join/ABCD', app)).toBe(true);
    expect(isAppUrl('file:///opt/duet/out/renderer/index.html?x=1', app)).toBe(true);
    expect(isAppUrl('file:///opt/duet/out/renderer/other.html', app)).toBe(false);
    expect(isAppUrl('file://evil.example/opt/duet/out/renderer/index.html', app)).toBe(false);
    expect(isAppUrl('https://opt/duet/out/renderer/index.html', app)).toBe(false);
    expect(isAppUrl('not a url', app)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5173.evil.example/', 'http://localhost:5173/')).toBe(false);
  });
});
