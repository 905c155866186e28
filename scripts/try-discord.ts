/**
 * `npm run try-discord`: try the bot by hand without Discord. Starts the Discord emulator of the tests on
 * 127.0.0.1, registers the commands there, logs the real bot in to it, and sends what you type as slash
 * commands from an emulated user; prints what that user would see. Nothing contacts discord.com.
 *
 *   /search sanctions        a command, typed as in the console (`name:value` options, subcommands)
 *   /quotes person:pu?       a trailing `?` asks for the autocomplete choices of the last option
 *   click 2 · click next     press a button of the last answer (by number, label or custom_id)
 *   posts #news-digest       messages everyone sees in a channel (digest posts)
 *   requests 10              the last REST requests the bot made, with the emulator's answers
 *   drop                     drop the bot's gateway connection (it should resume)
 *   help · exit
 *
 * Digests work as with `npm start` (`/digest add channel:#news-digest …`, `/digest now`, `posts`). The corpus is
 * CORPUS_DIR (default ./seeds), watched for changes; state goes to a temporary DATA_DIR, removed on exit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ApplicationCommandOptionType, type APIEmbed } from 'discord.js';
import type { Command } from '../commands/index.js';
import { startFailureText } from '../src/app/errors.js';
import { openRuntime } from '../src/app/runtime.js';
import { startServices } from '../src/app/services.js';
import { loadConfig } from '../src/config.js';
import { parseCommandLine } from '../src/console/parseCommandLine.js';
import { deployCommands } from '../src/discord/deploy.js';
import { createLogger } from '../src/log.js';
import { startEmulator, type Emulator, type EmulatedMessage, type InteractionHandle } from '../test/emulator/index.js';

const USAGE = `Type a command as in Discord: /search sanctions, /quotes person:Putin, /summary, /help.
  /quotes person:pu?   autocomplete choices for the last option
  click <n|label|id>   press a button of the last answer
  posts [#channel]     messages in a channel (default #news-digest)
  requests [n]         last REST requests (default 10)
  drop                 drop the gateway connection; the bot resumes
  exit                 stop`;

function embedText(embed: APIEmbed): string[] {
  const lines = [embed.title, embed.description, ...(embed.fields ?? []).map((f) => `• ${f.name}: ${f.value}`), embed.footer?.text]
    .filter((line): line is string => Boolean(line))
    .flatMap((text) => text.split('\n'));
  return lines.map((line) => `┃ ${line}`);
}

interface Button {
  label: string;
  customId: string;
}

function buttonsOf(message: EmulatedMessage): Button[] {
  const rows = message.components as { components?: { type: number; label?: string; custom_id?: string; disabled?: boolean }[] }[];
  return rows.flatMap((row) => row.components ?? []).filter((c) => c.type === 2 && c.custom_id && !c.disabled).map((c) => ({ label: c.label ?? '', customId: c.custom_id! }));
}

function show(message: EmulatedMessage, heading: string): string {
  const buttons = buttonsOf(message);
  return [
    `── ${heading}${message.ephemeral ? ' · only you can see this' : ''} ──`,
    ...(message.content ? [message.content] : []),
    ...message.embeds.flatMap(embedText),
    ...(buttons.length > 0 ? [buttons.map((b, i) => `[${i + 1}] ${b.label}`).join('   ')] : []),
  ].join('\n');
}

/** Maps `#news-digest`, `news-digest` or an id to the channel id, for channel options. */
function channelOptions(command: Command, subcommand: string | undefined, options: Record<string, unknown>, emu: Emulator): void {
  const top = command.data.options ?? [];
  const leaf = subcommand ? ((top.find((o) => o.name === subcommand) as { options?: typeof top } | undefined)?.options ?? []) : top;
  for (const option of leaf) {
    if (option.type === ApplicationCommandOptionType.Channel && typeof options[option.name] === 'string') {
      options[option.name] = emu.channelId(options[option.name] as string);
    }
  }
}

async function answerOf(handle: InteractionHandle, started: number): Promise<string> {
  const reply = await handle.waitForReply({ timeoutMs: 20_000 });
  const deferred = handle.acknowledgedWith === 5 || handle.acknowledgedWith === 6;
  return show(reply, `answer after ${Date.now() - started} ms${deferred ? ' (deferred)' : ''}`);
}

async function main(): Promise<void> {
  const base = loadConfig();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-try-'));
  const emu = await startEmulator();
  const config = { ...base, DATA_DIR: dataDir, DISCORD_TOKEN: emu.botToken, DISCORD_API_URL: emu.apiUrl, DISCORD_APPLICATION_ID: emu.applicationId, DISCORD_GUILD_ID: emu.guild.id };
  const logger = createLogger(base.LOG_LEVEL === 'info' ? 'warn' : base.LOG_LEVEL);
  const runtime = await openRuntime({ config, logger, waitForLoad: false });
  await deployCommands(config, runtime.commands);
  // The same services as `npm start` with a token: digests (so /digest works here), the watcher, health.
  const services = await startServices(runtime, { discord: true });
  const channels = [emu.channels.general, emu.channels.announcements, emu.channels.readOnly];
  let last: EmulatedMessage | undefined;

  const run = async (line: string): Promise<string> => {
    const [word = '', ...args] = line.split(/\s+/);
    switch (word.toLowerCase()) {
      case 'help':
        return USAGE;
      case 'drop': {
        const since = Date.now();
        await emu.dropGateway();
        await emu.waitForResume({ since });
        return `Dropped the gateway connection; the bot resumed session ${emu.gateway.sessionId} after ${Date.now() - since} ms.`;
      }
      case 'requests':
        return emu.requests.slice(-Number(args[0] ?? 10)).map((r) => `${r.method} ${r.path.slice(0, 90)} → ${r.status}${r.error ? ` (${r.error.code} ${r.error.message})` : ''}`).join('\n') || 'No requests yet.';
      case 'posts': {
        const posts = emu.messagesIn(emu.channelId(args[0] ?? '#news-digest'));
        return posts.map((m) => show(m, `${m.source} message ${m.id}`)).join('\n') || 'No messages there.';
      }
      case 'click': {
        if (!last) return 'Nothing to click yet: run a command first.';
        const wanted = args.join(' ');
        const buttons = buttonsOf(last);
        const button = buttons[Number(wanted) - 1] ?? buttons.find((b) => b.label.toLowerCase().includes(wanted.toLowerCase()) || b.customId === wanted);
        if (!button) return `No such button; there are: ${buttons.map((b, i) => `[${i + 1}] ${b.label}`).join(' ') || 'none'}.`;
        const started = Date.now();
        const handle = emu.interact.button(button.customId, last, { user: 'admin' });
        const text = await answerOf(handle, started);
        last = handle.original() ?? last;
        return text;
      }
    }
    if (!line.startsWith('/')) return `Commands start with /. ${USAGE}`;
    const autocomplete = line.endsWith('?');
    const text = autocomplete ? line.slice(0, -1) : line;
    const parsed = parseCommandLine(text, runtime.commands.map((c) => c.data));
    if (!parsed.ok) return parsed.error;
    const command = runtime.commands.find((c) => c.data.name === parsed.command)!;
    const options = Object.fromEntries(Object.entries(parsed.invocation.options).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
    channelOptions(command, parsed.invocation.subcommand, options, emu);
    const name = [parsed.command, parsed.invocation.subcommand].filter(Boolean).join(' ');
    if (autocomplete) {
      const focused = [...text.matchAll(/(\w+):/g)].at(-1)?.[1] ?? Object.keys(options).at(-1);
      if (!focused) return 'Say which option to complete, e.g. /quotes person:pu?';
      const { [focused]: typed, ...others } = options;
      const choices = await emu.interact.autocomplete(name, { name: focused, value: String(typed ?? '') }, others, { user: 'admin' }).waitForChoices();
      return choices.map((c) => `  ${c.name}${c.value !== c.name ? `  → ${c.value}` : ''}`).join('\n') || '  (no choices)';
    }
    const before = new Set(channels.flatMap((id) => emu.messagesIn(id).map((m) => m.id)));
    const started = Date.now();
    const handle = emu.interact.command(name, options, { user: 'admin' });
    const answer = await answerOf(handle, started);
    last = handle.original();
    const posted = channels.flatMap((id) => emu.messagesIn(id)).filter((m) => !before.has(m.id) && m.interactionId !== handle.id);
    return [answer, ...posted.map((m) => show(m, `posted in ${m.channelId === emu.channels.announcements ? '#news-digest' : m.channelId}`))].join('\n');
  };

  console.log(`Newsdesk on an emulated Discord at ${emu.url} (nothing leaves this machine).`);
  console.log(`Corpus: ${config.CORPUS_DIR} (${runtime.catalog.size} articles loaded so far; loading continues in the background).`);
  console.log(USAGE);
  const lines = createInterface({ input: process.stdin, output: process.stdout, prompt: 'discord> ', terminal: process.stdout.isTTY === true });
  lines.prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === 'exit' || line === '/exit' || line === 'quit') break;
    if (line !== '') {
      try {
        console.log(await run(line));
      } catch (error) {
        console.log(`✗ ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    lines.prompt();
  }
  lines.close();
  await services.stop();
  await runtime.catalog.close();
  await emu.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

try {
  await main();
} catch (error) {
  console.error(startFailureText(error));
  process.exit(1);
}
