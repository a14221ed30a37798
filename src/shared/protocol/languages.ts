/**
 * Languages Duet offers in the editor and can run when the host has the toolchain. They
 * travel on the wire as these names: in the document's `meta.language`, in run state and in
 * the host's published presets.
 */
export const LANGUAGES = [
  'javascript',
  'typescript',
  'python',
  'go',
  'rust',
  'c',
  'cpp',
  'java',
  'shell',
  'ruby',
] as const;
export type Language = (typeof LANGUAGES)[number];
