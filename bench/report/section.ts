import type { MachineInfo } from '../machine';
import { renderTable, renderTargets, type Column, type TargetCheck } from './table';

/** What one benchmark prints: heading, machine and load, its table, targets and notes. */
export interface Section {
  title: string;
  /** The load in words, e.g. "1,000 sessions × 2 members, 5 msg/s each". */
  load: string[];
  columns: Column[];
  rows: string[][];
  targets: TargetCheck[];
  notes: string[];
}

/** The printed block of one benchmark. */
export function renderSection(section: Section, machine: MachineInfo, loadBefore: readonly number[]): string {
  const lines = [
    '',
    `## ${section.title}`,
    '',
    `machine: ${machineLine(machine)}; load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
    ...section.load.map((l) => `load: ${l}`),
    '',
    renderTable(section.columns, section.rows),
    '',
  ];
  if (section.targets.length > 0) lines.push(renderTargets(section.targets));
  // Other work on the machine takes CPU from the relays and the generators alike, but not
  // evenly: ratios measured under it are not comparable with a quiet machine's.
  if (loadBefore[0]! > machine.cores) lines.push(`warning: load average ${loadBefore[0]!.toFixed(2)} on ${machine.cores} cores before this benchmark: other work was running; treat these figures as indicative only`);
  for (const note of section.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

/** "2 cores (AMD EPYC …), 23.5 GiB, Node v20.20.2, Linux 6.1". */
export function machineLine(machine: MachineInfo): string {
  return `${machine.cores} cores (${machine.cpuModel}), ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}, ${machine.os}`;
}
