// @ts-check
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * `duet/layering`: the layering table of ARCHITECTURE.md as allow-lists. Each row names a
 * folder and everything files in it may import (folders, packages, Node builtins); whatever
 * a row does not list is an error. Relative specifiers are resolved to the file actually
 * imported, so `../host` is `src/host` however it is spelled; a package subpath counts as its
 * package (`electron/main` is `electron`, `node:fs` and `fs/promises` are Node builtins).
 *
 * A local rule rather than eslint-plugin-boundaries or import-x's no-restricted-paths: the
 * first needs a TypeScript resolver plugin and import-x's no-unresolved besides to do what this
 * file does, and the second is deny-list zones of paths that cannot name packages or builtins.
 */

/**
 * @typedef {object} Row
 * @property {string} folder project-relative folder ('.' = files directly in the project root)
 * @property {string[]} [folders] other folders its files may import (its own is always allowed)
 * @property {string[]} [packages] npm packages its files may import, by package name
 * @property {boolean} [node] may import Node builtins
 * @property {boolean} [anything] may import anything (tests, tooling); imports must still resolve
 */

/**
 * @typedef {object} Options
 * @property {string} root absolute path of the project root the folders are relative to
 * @property {Row[]} rows
 */

/** What one specifier refers to. */
/** @typedef {{ kind: 'path', path: string, resolved: boolean } | { kind: 'package', name: string } | { kind: 'node', name: string }} Target */

const TS_FOR_JS = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];

/** @param {string} file */
const isFile = (file) => existsSync(file) && statSync(file).isFile();

/**
 * The file a relative or absolute specifier loads, the way TypeScript's bundler resolution and
 * Vite find it (extensionless, `.js` naming a `.ts`, a folder's index), or undefined.
 * @param {string} absolute
 * @returns {string | undefined}
 */
function resolveFile(absolute) {
  if (isFile(absolute)) return absolute;
  for (const [js, tsList] of Object.entries(TS_FOR_JS)) {
    if (!absolute.endsWith(js)) continue;
    for (const ts of tsList) if (isFile(absolute.slice(0, -js.length) + ts)) return absolute.slice(0, -js.length) + ts;
  }
  for (const extension of EXTENSIONS) if (isFile(absolute + extension)) return absolute + extension;
  for (const extension of EXTENSIONS) if (isFile(`${absolute}/index${extension}`)) return `${absolute}/index${extension}`;
  return undefined;
}

/**
 * @param {string} specifier
 * @param {string} importer absolute path of the importing file
 * @returns {Target}
 */
function targetOf(specifier, importer) {
  // Vite's `?worker`, `?raw`, `?url` and a `#fragment` are not part of the path.
  const bare = specifier.replace(/[?#].*$/, '');
  if (bare.startsWith('.') || isAbsolute(bare)) {
    const absolute = resolve(dirname(importer), bare);
    const file = resolveFile(absolute);
    // realpath: a symlink inside an allowed folder must not smuggle in another layer.
    return { kind: 'path', path: file ? realpathSync(file) : absolute, resolved: file !== undefined };
  }
  if (bare.startsWith('node:') || isBuiltin(bare)) return { kind: 'node', name: bare.replace(/^node:/, '').split('/')[0] ?? bare };
  const parts = bare.split('/');
  return { kind: 'package', name: bare.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? bare) };
}

/**
 * @param {string} path absolute
 * @param {string} root absolute
 */
function projectPath(path, root) {
  return relative(root, path).split(sep).join('/');
}

/**
 * Whether a project-relative file lies in a folder ('.' holds only the root's own files).
 * @param {string} file
 * @param {string} folder
 */
function inFolder(file, folder) {
  if (folder === '.') return !file.includes('/') && !file.startsWith('..');
  return file === folder || file.startsWith(`${folder}/`);
}

/**
 * The row of a project-relative file: the longest folder that holds it.
 * @param {string} file
 * @param {Row[]} rows
 */
function rowOf(file, rows) {
  /** @type {Row | undefined} */
  let best;
  for (const row of rows) if (inFolder(file, row.folder) && (!best || row.folder.length > best.folder.length)) best = row;
  return best;
}

/**
 * A short name for what was imported, for the message.
 * @param {Target} target
 * @param {string} root
 * @param {Row[]} rows
 */
function describe(target, root, rows) {
  if (target.kind === 'node') return `Node builtin ${target.name}`;
  if (target.kind === 'package') return `package ${target.name}`;
  const file = projectPath(target.path, root);
  const row = rowOf(file, rows);
  return row && row.folder !== '.' && file !== row.folder ? `${row.folder} (${file})` : file;
}

/**
 * @param {Row} row
 * @param {Target} target
 * @param {string} root
 */
function allows(row, target, root) {
  if (row.anything) return true;
  if (target.kind === 'node') return row.node === true;
  if (target.kind === 'package') return (row.packages ?? []).includes(target.name);
  const file = projectPath(target.path, root);
  return [row.folder, ...(row.folders ?? [])].some((folder) => inFolder(file, folder));
}

/** @type {import('eslint').Rule.RuleModule} */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only what its row of the layering table (ARCHITECTURE.md) allows' },
    schema: [
      {
        type: 'object',
        required: ['root', 'rows'],
        additionalProperties: false,
        properties: {
          root: { type: 'string' },
          rows: {
            type: 'array',
            items: {
              type: 'object',
              required: ['folder'],
              additionalProperties: false,
              properties: {
                folder: { type: 'string' },
                folders: { type: 'array', items: { type: 'string' } },
                packages: { type: 'array', items: { type: 'string' } },
                node: { type: 'boolean' },
                anything: { type: 'boolean' },
              },
            },
          },
        },
      },
    ],
    messages: {
      notAllowed:
        "{{folder}} may not import {{what}} ('{{specifier}}'): it is not in {{folder}}'s row of the layering table (ARCHITECTURE.md; the rows are in eslint.config.js)",
      unresolved: "{{folder}} imports '{{specifier}}', which resolves to no file, so its layer cannot be checked",
      computed: '{{folder}} imports a computed specifier, which the layering table cannot check: import a string literal',
      noRow: '{{file}} is in no row of the layering table: give its folder a row in eslint.config.js (see ARCHITECTURE.md)',
    },
  },

  create(context) {
    const { root, rows } = /** @type {Options} */ (context.options[0]);
    const importer = context.filename;
    const file = projectPath(importer, root);
    const found = rowOf(file, rows);
    if (!found) {
      return {
        Program(node) {
          context.report({ node, messageId: 'noRow', data: { file } });
        },
      };
    }
    const row = found;
    const folder = row.folder === '.' ? 'the project root' : row.folder;

    /**
     * @param {import('estree').Node} node
     * @param {string} specifier
     */
    function check(node, specifier) {
      const target = targetOf(specifier, importer);
      // A disallowed layer is reported as such even when the file is missing (a moved module
      // is still the wrong layer); only an allowed path has to resolve as well.
      if (!allows(row, target, root)) {
        context.report({ node, messageId: 'notAllowed', data: { folder, what: describe(target, root, rows), specifier } });
      } else if (target.kind === 'path' && !target.resolved) {
        context.report({ node, messageId: 'unresolved', data: { folder, specifier } });
      }
    }

    /**
     * A string literal, or a template literal without expressions; undefined when computed.
     * @param {any} node
     * @returns {string | undefined}
     */
    function literal(node) {
      if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
      if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
      return undefined;
    }

    /**
     * @param {import('estree').Node} node
     * @param {any} source
     */
    function checkSource(node, source) {
      const specifier = literal(source);
      if (specifier !== undefined) check(node, specifier);
      else if (!row.anything) context.report({ node, messageId: 'computed', data: { folder } });
    }

    return {
      Program(node) {
        // `/// <reference types="…" />` and `<reference path="…" />` are dependencies too.
        for (const comment of context.sourceCode.getAllComments()) {
          const match = /^\/\s*<reference\s+(types|path)\s*=\s*["']([^"']+)["']/.exec(comment.value);
          if (!match?.[2]) continue;
          // `types="node"` is @types/node, i.e. Node's builtins; a `path` is relative even unprefixed.
          if (match[1] === 'types') check(node, match[2] === 'node' ? 'node:*' : match[2]);
          else check(node, match[2].startsWith('.') || isAbsolute(match[2]) ? match[2] : `./${match[2]}`);
        }
      },
      ImportDeclaration: (node) => checkSource(node, node.source),
      ExportNamedDeclaration: (node) => node.source && checkSource(node, node.source),
      ExportAllDeclaration: (node) => checkSource(node, node.source),
      ImportExpression: (node) => checkSource(node, node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length > 0) {
          checkSource(node, node.arguments[0]);
        }
      },
      // TypeScript-only forms, which estree's types do not name: `import x = require('…')` and
      // `type T = import('…').T`.
      /** @param {any} node */
      TSExternalModuleReference: (node) => checkSource(node, node.expression),
      /** @param {any} node */
      TSImportType: (node) => checkSource(node, node.source ?? node.argument?.literal),
    };
  },
};

export default { meta: { name: 'duet' }, rules: { layering } };
