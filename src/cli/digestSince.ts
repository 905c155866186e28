/**
 * `newsdesk digest --since ISO [--filter Q] [--limit N]`: what a digest since then would contain. "Since"
 * means articles *added to the corpus* (first indexed) after that time, whatever date they carry.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { Invocation, StandaloneUse } from '../../commands/index.js';
import { digestSince, type DigestAnswer } from '../answers/digest.js';
import { MAX_ARTICLES_PER_POST } from '../digest/service.js';
import { dateProblem, optionalInteger, optionalString } from '../discord/commandOptions.js';
import type { Catalog } from '../index/types.js';
import { digestJson, digestView } from '../render/digest.js';
import { articleUrls } from './json.js';

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Why `text` is not an ISO date or date-time that exists, or undefined. */
export function instantProblem(name: string, text: string): string | undefined {
  const match = INSTANT.exec(text.trim());
  const [, day = '', hours = '0', minutes = '0', seconds = '0'] = match ?? [];
  const clockOk = Number(hours) < 24 && Number(minutes) < 60 && Number(seconds) < 60;
  if (match && dateProblem(name, day) === undefined && clockOk && !Number.isNaN(Date.parse(isoOf(text)))) return undefined;
  return `${name} needs an ISO date or date-time that exists, e.g. 2026-03-01 or 2026-03-01T09:00:00Z, not "${text}".`;
}

/** A date alone means its midnight UTC; a date-time without a zone is read as UTC. */
function isoOf(text: string): string {
  const trimmed = text.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return `${trimmed}T00:00:00Z`;
  return /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
}

function answerFor({ options }: Invocation, catalog: Catalog): DigestAnswer {
  return digestSince(catalog, {
    since: new Date(Date.parse(isoOf(optionalString(options, 'since') ?? ''))).toISOString(),
    filter: optionalString(options, 'filter'),
    max: optionalInteger(options, 'limit'),
  });
}

export const digestSinceUse: StandaloneUse = {
  options: [
    { type: ApplicationCommandOptionType.String, name: 'since', description: 'articles added to the corpus after this ISO time' },
    { type: ApplicationCommandOptionType.String, name: 'filter', description: 'only articles matching this search' },
    { type: ApplicationCommandOptionType.Integer, name: 'limit', description: 'most articles listed', min_value: 1, max_value: MAX_ARTICLES_PER_POST },
  ],
  check: ({ options }) => {
    const since = optionalString(options, 'since');
    return since === undefined ? 'digest needs --since, e.g. newsdesk digest --since 2026-11-21T09:00:00Z' : instantProblem('since', since);
  },
  answer: (invocation, { catalog }) => digestView(answerFor(invocation, catalog)),
  json: (invocation, { catalog }) => {
    const document = digestJson(answerFor(invocation, catalog));
    const urlOf = articleUrls(catalog);
    return { ...document, articles: document.articles.map((article) => ({ ...article, url: urlOf(article.articleId) })) };
  },
};
