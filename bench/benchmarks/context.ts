import type { BenchConfig } from '../config';
import type { MachineInfo } from '../machine';
import type { Section } from '../report/section';

/** What every benchmark gets: the loads, the machine, and where to say what it is doing. */
export interface BenchContext {
  config: BenchConfig;
  machine: MachineInfo;
  fileLimit: number;
  /** A progress line on stderr (tables go to stdout). */
  progress(text: string): void;
  /**
   * Prints a section now, before the benchmark's others are measured (a long benchmark's
   * first tables then survive a run stopped before its end).
   */
  report(section: Section): void;
}

/** A benchmark: one or more sections, each printed as a table. */
export interface Benchmark {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<Section[]>;
}
