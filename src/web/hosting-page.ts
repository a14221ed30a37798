import { HostApiError } from '../shared/host-api';

/**
 * Which page of this web shell hosts a session. There is one shell per web shell, so only
 * one page may drive it: a second tab starting its own session must not take over (and
 * wipe) the first interview's terminal, nor see its output. The page that claims the
 * shell keeps it until it closes it (its session ended) or goes away (closed, reloading).
 */
export class HostingPage<Page> {
  private page: Page | undefined;
  /** The host's session is closing its shell: a claim waits for that instead of being refused. */
  private closing: Promise<unknown> | undefined;

  /** The page that hosts right now, if any: host events go only to it. */
  current(): Page | undefined {
    return this.page;
  }

  /**
   * Makes `page` the host; refused with a message a person can act on while another page
   * hosts. A claim made while the host is closing its shell (its session just ended) waits
   * for that, so starting a session right after ending one in another tab just works.
   */
  async claim(page: Page): Promise<void> {
    if (this.page !== undefined && this.page !== page && this.closing !== undefined) await this.closing.catch(() => undefined);
    if (this.page !== undefined && this.page !== page) {
      throw new HostApiError(
        'unavailable',
        'This Duet is already hosting a session in another tab. End that session (or close its tab) to host here.',
      );
    }
    this.page = page;
  }

  /** The host is closing its shell (`closed` settles when done); claims by other pages wait for it. */
  closingBy(page: Page, closed: Promise<unknown>): void {
    if (this.page !== page) return;
    this.closing = closed;
    void closed.finally(() => {
      if (this.closing === closed) this.closing = undefined;
    });
  }

  /** Lets go when `page` is the host (its session ended, or the page went away). */
  release(page: Page): void {
    if (this.page === page) this.page = undefined;
  }
}
