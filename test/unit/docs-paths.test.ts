import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The written map (README, docs/, the README of each src folder) names files and code. When code
// moves, this test fails on the doc that still points at the old place, so the map cannot go stale.

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|graphql|json)$/.test(entry.name) ? [path] : [];
  });
}

const docs = ['README.md', ...markdownFiles('docs'), ...markdownFiles('src')];

/** Every inline code span of a markdown file (fenced blocks left out: they hold commands and output). */
function codeSpans(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}

const TOP_FOLDERS = /^(src|test|bench|scripts|docs|examples|contract|\.ci)\//;
const FILE_NAME = /^[\w.-]+\.(ts|md|json|graphql|yaml|yml|png)$/;

/** A span that names a file or folder: `src/app.ts`, `test/support/`, `src/schema/*`, `server.ts`. */
function pathOf(span: string): string | null {
  const path = span.replace(/:\d+(-\d+)?$/, '');
  if (/\s/.test(path)) return null;
  if (TOP_FOLDERS.test(path) || FILE_NAME.test(path.replace(/\*/g, 'x'))) return path;
  return null;
}

/** Every file and folder of the repository, relative to its root (dependencies and builds left out). */
function tree(dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', '.git', 'dist', '.build'].includes(entry.name)) return [];
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? [`${path}/`, ...tree(path)] : [path];
  });
}
const files = tree();

/**
 * A path with a folder is read from the root or from the doc's folder; a bare file name (`server.ts`,
 * a README naming its own files) must exist somewhere in the tree. `*` stands for any name.
 */
function exists(path: string, doc: string): boolean {
  const pattern = (text: string) =>
    new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}/?$`);
  if (!path.includes('/'))
    return files.some((file) => pattern(path).test(file.split('/').filter(Boolean).at(-1) ?? ''));
  const fromRoot = pattern(path.replace(/^\.\//, ''));
  const fromDoc = pattern(join(dirname(doc), path).replace(/^\.\//, ''));
  return files.some((file) => fromRoot.test(file) || fromDoc.test(file));
}

/** A span that names code: `startGateway`, `createCriteoClient()`, `CriteoError`, `MAX_UPLOAD_BYTES`. */
function nameOf(span: string): string | null {
  const match = /^([A-Za-z_][A-Za-z0-9_]{3,})(\(\))?$/.exec(span);
  if (!match?.[1]) return null;
  const name = match[1];
  // camelCase, PascalCase with an inner capital, or SCREAMING_SNAKE: plain words are prose.
  return /[a-z][A-Z]|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(name) ? name : null;
}

const corpus = [
  ...sourceFiles('src'),
  // This file names a missing function on purpose.
  ...sourceFiles('test').filter((file) => !file.endsWith('docs-paths.test.ts')),
  ...sourceFiles('bench'),
  ...sourceFiles('scripts'),
  ...sourceFiles('examples'),
  'schema.graphql',
  'package.json',
  'tsconfig.json',
]
  .map((file) => readFileSync(join(root, file), 'utf8'))
  .join('\n');

describe('the docs', () => {
  it('are found: README.md, docs/ and the README of each src folder', () => {
    expect(docs).toContain('README.md');
    expect(docs.length).toBeGreaterThan(1);
  });

  for (const doc of docs) {
    it(`${doc} names only files that exist`, () => {
      const missing = codeSpans(readFileSync(join(root, doc), 'utf8'))
        .map(pathOf)
        .filter((path): path is string => path !== null)
        .filter((path) => !exists(path, doc));
      expect(missing, `${doc} mentions paths that do not exist`).toEqual([]);
    });

    it(`${doc} names only code that exists`, () => {
      const missing = codeSpans(readFileSync(join(root, doc), 'utf8'))
        .map(nameOf)
        .filter((name): name is string => name !== null)
        .filter((name) => !corpus.includes(name));
      expect(missing, `${doc} mentions names found nowhere in the code`).toEqual([]);
    });
  }

  it('catches a stale path and a stale name', () => {
    const spans = codeSpans('See `src/no-such-file.ts` and `noSuchFunction()`; run `npm test`.');
    expect(spans.map(pathOf)).toEqual(['src/no-such-file.ts', null, null]);
    expect(exists('src/no-such-file.ts', 'README.md')).toBe(false);
    expect(exists('no-such-file.ts', 'src/README.md')).toBe(false);
    expect(exists('src/app.ts', 'README.md')).toBe(true);
    expect(exists('app.ts', 'src/plugins/README.md')).toBe(true);
    expect(exists('test/integration/emulator-*.test.ts', 'README.md')).toBe(true);
    expect(spans.map(nameOf)).toEqual([null, 'noSuchFunction', null]);
    expect(corpus.includes('noSuchFunction')).toBe(false);
  });
});
