/**
 * The production layout: `npm run build` (tsc -p tsconfig.build.json) to dist/, run with `node dist/src/main.js`
 * in the image. A full tsc build takes minutes on a loaded machine, so the test lays out the same files with
 * tsc's transpiler (types removed, one file at a time) and starts that with plain node: what it checks is that
 * the compiled entry starts and finds the compiled commands, not the type check (npm run typecheck does that).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, spawnNode } from './spawned.js';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const buildConfig = JSON.parse(read('tsconfig.build.json')) as { compilerOptions: Record<string, unknown>; include: string[] };
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const outDir = buildConfig.compilerOptions.outDir as string;

const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Every .ts file of the build's folders, transpiled to outDir under a fresh folder; returns that folder. */
function layOutBuild(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-build-'));
  temporary.push(root);
  fs.writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }\n');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'junction');
  for (const folder of buildConfig.include) {
    for (const file of fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))) {
      const source = path.join(ROOT, folder, file);
      const target = path.join(root, outDir, folder, file.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const output = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: true },
        fileName: source,
      });
      fs.writeFileSync(target, output.outputText);
    }
    // JSON modules (the summary model's weights) are emitted beside the compiled files, as tsc does.
    for (const file of fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'))) {
      const target = path.join(root, outDir, folder, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(ROOT, folder, file), target);
    }
  }
  return root;
}

describe('production build', { timeout: 60_000 }, () => {
  it('compiles src and commands to dist/ keeping their folders, which start:prod and the image run', () => {
    expect(buildConfig.compilerOptions).toMatchObject({ noEmit: false, outDir: 'dist', rootDir: '.' });
    expect(buildConfig.include.sort()).toEqual(['commands', 'src']);
    expect(packageJson.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(packageJson.scripts['start:prod']).toBe('node dist/src/main.js');
    expect(read('Dockerfile')).toContain('CMD ["node", "dist/src/main.js"]');
  });

  it('starts the console from compiled JavaScript with plain node, with every command loaded', async () => {
    const root = layOutBuild();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-build-data-'));
    temporary.push(dataDir);
    const app = spawnNode([path.join(root, outDir, 'src', 'main.js')], { DISCORD_TOKEN: '', CORPUS_DIR: path.join(ROOT, 'seeds'), DATA_DIR: dataDir, WATCH_CORPUS: 'false' });
    try {
      await app.waitFor(/Commands: \/articles \/digest \/follow \/help \/people \/quotes \/search \/summary /);
      app.send('/search sanctions');
      await app.waitFor(/Search: sanctions\n2 articles matching/);
      app.send('/exit');
      expect(await app.exited).toBe(0);
    } finally {
      await app.stop();
    }
  });
});

interface Mount {
  type: string;
  source: string;
  target: string;
  read_only?: boolean;
}

describe('docker compose', () => {
  const compose = parse(read('compose.yaml')) as {
    services: Record<string, { build: string; env_file: string; environment: Record<string, string>; volumes: Mount[]; restart: string }>;
    volumes: Record<string, unknown>;
  };
  const bot = compose.services.newsdesk!;

  it('runs the bot from this folder, with settings from .env and restarted when it exits', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['newsdesk', 'postgres']);
    expect(bot.build).toBe('.');
    expect(bot.env_file).toBe('.env');
    expect(bot.restart).toBe('unless-stopped');
    expect(bot.environment).toMatchObject({ CORPUS_DIR: '/corpus', DATA_DIR: '/data', HEALTH_HOST: '0.0.0.0' });
  });

  it('starts PostgreSQL beside the bot and points DATABASE_URL at it', () => {
    expect(bot.environment.DATABASE_URL).toMatch(/^postgres:\/\/newsdesk:.*@postgres:5432\/newsdesk$/);
    expect(Object.keys(compose.volumes)).toContain('newsdesk-pg');
  });

  it('keeps its state in a named volume and reads the corpus read-only', () => {
    const data = bot.volumes.find((mount) => mount.target === '/data');
    expect(data?.type).toBe('volume');
    expect(Object.keys(compose.volumes)).toContain(data?.source);
    expect(bot.volumes.find((mount) => mount.target === '/corpus')).toMatchObject({ type: 'bind', read_only: true });
  });

  it('keeps secrets, local data and node_modules out of the image build', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', 'data', 'dist']));
  });
});
