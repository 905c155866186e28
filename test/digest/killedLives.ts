/**
 * What the kill tests share (crash.test.ts: one process on SQLite; pgkill.test.ts: two on PostgreSQL): a child
 * process's life, waiting for its nth answered post, and the check that the channel holds every slot's post
 * exactly once (each message once, each article once) and nothing the ledger does not know.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';
import type { LedgerEntry } from '../../src/digest/store.js';
import type { Emulator, RecordedRequest } from '../emulator/index.js';
import { crashArticlesInSlot, crashArticleTitle } from './crashCorpus.js';

export interface Life {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** Starts `node file` with `env` added to ours, collecting its output. */
export function startLife(file: string, env: Record<string, string>): Life {
  const process_ = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  process_.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  process_.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => process_.once('exit', (code) => resolve(code)));
  return { child: process_, exited, output: () => output };
}

export async function kill(life: Life): Promise<void> {
  life.child.kill('SIGKILL');
  await life.exited;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const postRouteOf = (channelId: string) => `POST /channels/${channelId}/messages`;

/** The nth post to the channel answered after request number `seen` (counting from there). */
export function nthPostAfter(emulator: Emulator, channelId: string, seen: number, nth: number, timeoutMs = 120_000): Promise<RecordedRequest> {
  const route = postRouteOf(channelId);
  const posts = new Set<number>();
  return emulator.waitForRequest(
    (request) => {
      if (request.index >= seen && `${request.method} ${request.path}` === route) posts.add(request.index);
      return posts.size >= nth && posts.has(request.index);
    },
    { timeoutMs },
  );
}

/** Whether the channel holds a message that no ledger entry records (only a look at the channel can find it). */
export function hasUnrecorded(emulator: Emulator, channelId: string, entries: readonly LedgerEntry[]): boolean {
  const recorded = new Set(entries.flatMap((entry) => entry.messageIds));
  return emulator.messagesIn(channelId).some((message) => !recorded.has(message.id));
}

/**
 * Digests: every one of `slots` slots has one post. Follows: however the articles were grouped into posts,
 * every one is out once. Either way every message the ledger recorded exists once and nothing else was posted.
 */
export function expectEverySlotOnce(emulator: Emulator, channelId: string, entries: readonly LedgerEntry[], slots: number, kind: 'digest' | 'follow'): void {
  if (kind === 'digest') expect(entries).toHaveLength(slots);
  expect(entries.every((entry) => entry.state === 'sent')).toBe(true);
  const posts = emulator.messagesIn(channelId);
  const recorded = entries.flatMap((entry) => entry.messageIds);
  expect(new Set(recorded).size).toBe(recorded.length);
  expect(posts.map((post) => post.id).sort()).toEqual([...recorded].sort());
  const text = posts.map((post) => post.embeds.map((embed) => `${embed.title}\n${embed.description}`).join('\n')).join('\n');
  for (let k = 0; k < slots; k++) {
    for (let index = 0; index < crashArticlesInSlot(k); index++) {
      const title = crashArticleTitle(k, index);
      expect(text.split(title).length - 1, title).toBe(1);
    }
  }
  const parts = entries.reduce((sum, entry) => sum + entry.messages.length, 0);
  expect(posts).toHaveLength(parts);
  expect(parts).toBeGreaterThan(kind === 'digest' ? slots : entries.length);
  // Restarts looked at the channel before resending.
  expect(emulator.requests.some((request) => request.method === 'GET' && request.path === `/channels/${channelId}/messages`)).toBe(true);
}
