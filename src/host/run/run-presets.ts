import { createRequire } from 'node:module';
import type { Language, RunPresetInfo } from '../../shared/host-api';
import { findOnPath } from '../user-shell';

/** A preset with the command the run wrapper executes (in the workspace). */
export interface RunPreset extends RunPresetInfo {
  /** The command for the language's main file, e.g. `python3 main.py`. */
  command: string;
  /** The command for another entry file of the language, e.g. `python3 test_solution.py`. */
  commandFor(file: string): string;
}

/** What detection looks at: PATH for toolchains, and the tsx CLI this app ships with. */
export interface ToolchainContext {
  pathValue: string;
  tsxCli: string | undefined;
}

interface PresetRecipe {
  language: Language;
  label: string;
  fileName: string;
  /** Alternative tools, first found wins; none means always available. */
  tools: string[];
  command: (tool: string, file: string) => string;
}

/*
 * `node` and `tsx` are shell functions the run wrapper defines (the host's own Node,
 * e.g. Electron's with ELECTRON_RUN_AS_NODE), so JavaScript runs even without Node on PATH.
 */
const RECIPES: readonly PresetRecipe[] = [
  { language: 'javascript', label: 'JavaScript', fileName: 'main.js', tools: [], command: (_, file) => `node ${file}` },
  { language: 'typescript', label: 'TypeScript', fileName: 'main.ts', tools: [], command: (_, file) => `tsx ${file}` },
  { language: 'python', label: 'Python', fileName: 'main.py', tools: ['python3'], command: (tool, file) => `${tool} ${file}` },
  { language: 'go', label: 'Go', fileName: 'main.go', tools: ['go'], command: (tool, file) => `${tool} run ${file}` },
  { language: 'rust', label: 'Rust', fileName: 'main.rs', tools: ['rustc'], command: (tool, file) => `${tool} ${file} -o main && ./main` },
  { language: 'c', label: 'C', fileName: 'main.c', tools: ['cc', 'gcc'], command: (tool, file) => `${tool} ${file} -o main && ./main` },
  { language: 'cpp', label: 'C++', fileName: 'main.cpp', tools: ['c++', 'g++'], command: (tool, file) => `${tool} ${file} -o main && ./main` },
  // Single-file source launch (JDK 11+): no separate javac step, no class files left behind.
  { language: 'java', label: 'Java', fileName: 'Main.java', tools: ['java'], command: (tool, file) => `${tool} ${file}` },
  { language: 'shell', label: 'Bash', fileName: 'main.sh', tools: ['bash'], command: (tool, file) => `${tool} ${file}` },
  { language: 'ruby', label: 'Ruby', fileName: 'main.rb', tools: ['ruby'], command: (tool, file) => `${tool} ${file}` },
];

/** The ten presets in LANGUAGES order, each marked available or missing on this host. */
export function detectRunPresets(context: ToolchainContext): RunPreset[] {
  return RECIPES.map((recipe) => {
    const base = { language: recipe.language, label: recipe.label, fileName: recipe.fileName };
    const commands = (tool: string) => ({ command: recipe.command(tool, recipe.fileName), commandFor: (file: string) => recipe.command(tool, file) });
    if (recipe.language === 'typescript' && !context.tsxCli) {
      return { ...base, available: false, missing: 'tsx not found in node_modules', ...commands('') };
    }
    if (recipe.tools.length === 0) return { ...base, available: true, ...commands('') };
    const tool = recipe.tools.find((name) => findOnPath(name, context.pathValue));
    if (!tool) {
      return { ...base, available: false, missing: `${recipe.tools.join(' or ')} not found`, ...commands(recipe.tools[0]!) };
    }
    return { ...base, available: true, ...commands(tool) };
  });
}

let tsxCli: { path: string | undefined } | undefined;

/** Path of the tsx CLI this app depends on (looked up once), or undefined when it cannot be resolved. */
export function resolveTsxCli(): string | undefined {
  tsxCli ??= { path: lookUpTsxCli() };
  return tsxCli.path;
}

function lookUpTsxCli(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('tsx/cli');
  } catch (error) {
    // Not installed, or no module URL to resolve from in some bundle: the TypeScript preset
    // then says "tsx not found" in the picker instead of the whole host failing to start.
    console.warn(`duet host: TypeScript runs unavailable: ${(error as Error).message}`);
    return undefined;
  }
}
