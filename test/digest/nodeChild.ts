/**
 * Compiles a TypeScript entry file, and the project files it imports, to plain JavaScript once, so that a
 * test starting it dozens of times (the crash test) pays neither tsx's start-up nor its transforms in each
 * child. Only type syntax is removed (transpileModule, no type check: tsc --noEmit checks these files).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/** `from './x.js'`, `import './x.js'`, `import('./x.js')`: the project's own modules (NodeNext spells them .js). */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g;

const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
};

export interface CompiledChild {
  /** The compiled entry: run it with `node FILE`. */
  file: string;
  /** Remove when done. */
  dir: string;
}

/** `entry` and `root` are absolute; `root` holds node_modules (linked, so packages resolve as in the project). */
export function compileForNode(entry: string, root: string): CompiledChild {
  const sources = new Map<string, string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (sources.has(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    sources.set(file, text);
    for (const match of text.matchAll(RELATIVE_IMPORT)) pending.push(path.resolve(path.dirname(file), `${match[1]}.ts`));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-child-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  const target = (file: string) => path.join(dir, path.relative(root, file)).replace(/\.ts$/, '.js');
  for (const [file, text] of sources) {
    fs.mkdirSync(path.dirname(target(file)), { recursive: true });
    fs.writeFileSync(target(file), ts.transpileModule(text, { compilerOptions: OPTIONS, fileName: file }).outputText);
  }
  return { file: target(entry), dir };
}
