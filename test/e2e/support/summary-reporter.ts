import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints `playwright: N passed, N failed, N skipped` as the run's plain closing line. */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.passed++;
    else if (result.status === 'skipped') this.skipped++;
    else this.failed++;
  }

  onEnd(_result: FullResult): void {
    process.stdout.write(`\nplaywright: ${this.passed} passed, ${this.failed} failed, ${this.skipped} skipped\n`);
  }
}
