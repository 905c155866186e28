/**
 * The catalog's system of record on PostgreSQL: one `articles` row per loaded article (the analysed article
 * as the SQLite store keeps it, its index terms and a weighted tsvector over them), written by the one process
 * that indexes the folder and read, in change order, by every process's local working copy (replica.ts).
 *
 * - change_seq comes from a sequence and is taken under a transaction-level advisory lock, so rows commit in
 *   change_seq order and a reader's cursor (the last change_seq applied) never skips a row committed later.
 * - A removed article stays as a tombstone (deleted, without data), so a follower learns of the removal.
 * - The tsvector is built here from the terms our tokenizer made (tokenize.ts), not by PostgreSQL's parser:
 *   the PostgreSQL engine (postgresEngine.ts) then matches exactly what the embedded engines match.
 */
import type pg from 'pg';
import { inTransaction } from '../lib/postgres/transaction.js';
import type { CatalogSlice, RemoteArticle } from './replicaRows.js';

export const CATALOG_CHANNEL = 'newsdesk_catalog';

export const CATALOG_MIGRATIONS = {
  component: 'catalog',
  migrations: [
    `CREATE SEQUENCE catalog_change_seq;
     CREATE TABLE articles (
       id TEXT PRIMARY KEY,
       hash TEXT,
       size BIGINT NOT NULL DEFAULT 0,
       mtime DOUBLE PRECISION NOT NULL DEFAULT 0,
       added_at TEXT,
       analysis_version INTEGER,
       meta TEXT,
       data TEXT,
       people TEXT,
       title_terms TEXT,
       body_terms TEXT,
       title_length INTEGER NOT NULL DEFAULT 0,
       body_length INTEGER NOT NULL DEFAULT 0,
       date TEXT,
       source TEXT,
       tsv TSVECTOR,
       change_seq BIGINT NOT NULL DEFAULT nextval('catalog_change_seq'),
       deleted BOOLEAN NOT NULL DEFAULT false
     );
     CREATE INDEX articles_tsv ON articles USING GIN (tsv);
     CREATE INDEX articles_change_seq ON articles (change_seq);
     CREATE INDEX articles_date ON articles (date) WHERE NOT deleted;`,
  ],
} as const;

/** A fixed key for the writers' advisory lock: "catalog" in ASCII. */
const WRITE_LOCK = 0x636174616c6f67n.toString();

type Queryable = Pick<pg.Pool, 'query'>;

/** PostgreSQL keeps positions up to this; later occurrences count at this position. */
const MAX_POSITION = 16_383;
/** PostgreSQL keeps at most this many positions per lexeme. */
const MAX_POSITIONS_PER_TERM = 256;
/** A tsvector is limited to 1 MB: an enormous article is indexed by its first terms. */
const MAX_TERMS = 200_000;

/**
 * The tsvector of an article as a literal: every term at its position, title positions weighted A, body D
 * (the default weight, written without a letter). Positions count terms, so a phrase is adjacent positions;
 * one position is left free between title and body.
 */
export function tsvectorLiteral(titleTerms: string, bodyTerms: string): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (terms: string, suffix: string) => {
    for (const term of terms.split(' ')) {
      if (term === '' || position >= MAX_TERMS) continue;
      position += 1;
      const list = positions.get(term) ?? [];
      if (list.length === 0) positions.set(term, list);
      if (list.length < MAX_POSITIONS_PER_TERM && position <= MAX_POSITION) list.push(`${position}${suffix}`);
      else if (list.length === 0) list.push(`${MAX_POSITION}${suffix}`);
    }
  };
  add(titleTerms, 'A');
  // A gap between the fields: a phrase never runs from the title into the body (as in the embedded engines).
  if (position > 0) position += 1;
  add(bodyTerms, '');
  return [...positions].map(([term, list]) => `${quoteLexeme(term)}:${list.join(',')}`).join(' ');
}

/** A lexeme in tsvector/tsquery literal syntax. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The search columns of one article, for the publisher and the engine alike. */
export interface SearchColumns {
  id: string;
  hash: string;
  titleTerms: string;
  bodyTerms: string;
  date: string | null;
  source: string | null;
}

/** The stored-article columns beside the search ones (null for an engine-only row, in tests and benchmarks). */
export interface StoredColumns {
  size: number;
  mtimeMs: number;
  addedAt: string | null;
  analysisVersion: number | null;
  meta: string | null;
  data: string | null;
  people: string | null;
}

const termCount = (terms: string) => (terms === '' ? 0 : terms.split(' ').length);

/**
 * Writes upserts and tombstones in one transaction under the writers' lock and notifies followers on commit.
 * A later entry for the same id wins. Returns the highest change_seq written ('0' if nothing was).
 */
export async function writeArticles(
  pool: pg.Pool,
  upserts: ReadonlyArray<SearchColumns & Partial<StoredColumns>>,
  removals: readonly string[],
): Promise<string> {
  if (upserts.length + removals.length === 0) return '0';
  const latest = new Map<string, (SearchColumns & Partial<StoredColumns>) | null>();
  for (const id of removals) latest.set(id, null);
  for (const row of upserts) {
    latest.delete(row.id);
    latest.set(row.id, row);
  }
  const rows = [...latest.values()].filter((row) => row !== null);
  const gone = [...latest].filter(([, row]) => row === null).map(([id]) => id);
  return inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
    let highest = '0';
    if (rows.length > 0) {
      const column = <T>(pick: (row: SearchColumns & Partial<StoredColumns>) => T) => rows.map(pick);
      const result = await client.query<{ seq: string }>(
        `INSERT INTO articles (id, hash, size, mtime, added_at, analysis_version, meta, data, people, title_terms, body_terms,
                               title_length, body_length, date, source, tsv, change_seq, deleted)
         SELECT u.id, u.hash, u.size, u.mtime, u.added_at, u.analysis_version, u.meta, u.data, u.people, u.title_terms, u.body_terms,
                u.title_length, u.body_length, u.date, u.source, u.tsv::tsvector, nextval('catalog_change_seq'), false
           FROM unnest($1::text[], $2::text[], $3::bigint[], $4::float8[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[],
                       $10::text[], $11::text[], $12::int[], $13::int[], $14::text[], $15::text[], $16::text[])
             AS u(id, hash, size, mtime, added_at, analysis_version, meta, data, people, title_terms, body_terms,
                  title_length, body_length, date, source, tsv)
         ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, size = EXCLUDED.size, mtime = EXCLUDED.mtime,
           added_at = EXCLUDED.added_at, analysis_version = EXCLUDED.analysis_version, meta = EXCLUDED.meta, data = EXCLUDED.data,
           people = EXCLUDED.people, title_terms = EXCLUDED.title_terms, body_terms = EXCLUDED.body_terms,
           title_length = EXCLUDED.title_length, body_length = EXCLUDED.body_length, date = EXCLUDED.date, source = EXCLUDED.source,
           tsv = EXCLUDED.tsv, change_seq = EXCLUDED.change_seq, deleted = false
         RETURNING change_seq::text AS seq`,
        [
          column((row) => row.id),
          column((row) => row.hash),
          column((row) => row.size ?? 0),
          column((row) => row.mtimeMs ?? 0),
          column((row) => row.addedAt ?? null),
          column((row) => row.analysisVersion ?? null),
          column((row) => row.meta ?? null),
          column((row) => row.data ?? null),
          column((row) => row.people ?? null),
          column((row) => row.titleTerms),
          column((row) => row.bodyTerms),
          column((row) => termCount(row.titleTerms)),
          column((row) => termCount(row.bodyTerms)),
          column((row) => row.date),
          column((row) => row.source?.trim().toLowerCase() ?? null),
          column((row) => tsvectorLiteral(row.titleTerms, row.bodyTerms)),
        ],
      );
      highest = maxSeq(highest, result.rows.map((row) => row.seq));
    }
    if (gone.length > 0) {
      const result = await client.query<{ seq: string }>(
        `UPDATE articles SET deleted = true, data = NULL, meta = NULL, people = NULL, tsv = NULL, title_terms = NULL, body_terms = NULL,
                change_seq = nextval('catalog_change_seq')
          WHERE id = ANY($1::text[]) AND NOT deleted
         RETURNING change_seq::text AS seq`,
        [gone],
      );
      highest = maxSeq(highest, result.rows.map((row) => row.seq));
    }
    if (highest !== '0') await client.query(`SELECT pg_notify('${CATALOG_CHANNEL}', $1)`, [highest]);
    return highest;
  });
}

/** Writes one committed sync slice of the indexing process. */
export function publishSlice(pool: pg.Pool, slice: CatalogSlice): Promise<string> {
  const upserts = slice.upserts.map((row) => {
    const meta = JSON.parse(row.meta ?? '{}') as { date?: string | null; source?: string | null };
    return {
      id: row.id,
      hash: row.hash!,
      titleTerms: row.terms.title,
      bodyTerms: row.terms.body,
      date: meta.date ?? null,
      source: meta.source ?? null,
      size: row.size,
      mtimeMs: row.mtimeMs,
      addedAt: row.addedAt,
      analysisVersion: row.analysisVersion,
      meta: row.meta,
      data: row.data,
      people: row.people,
    };
  });
  return writeArticles(pool, upserts, slice.removals);
}

function maxSeq(current: string, seqs: readonly string[]): string {
  let best = BigInt(current);
  for (const seq of seqs) if (BigInt(seq) > best) best = BigInt(seq);
  return best.toString();
}

/** Rows changed after `cursor`, in change order. */
export async function changesAfter(db: Queryable, cursor: string, limit: number): Promise<RemoteArticle[]> {
  const { rows } = await db.query<RemoteArticle>(
    `SELECT id, deleted, change_seq::text AS "changeSeq", size::float8 AS size, mtime AS "mtimeMs", hash, added_at AS "addedAt",
            analysis_version AS "analysisVersion", data, meta, people, title_terms AS "titleTerms", body_terms AS "bodyTerms"
       FROM articles WHERE change_seq > $1::bigint ORDER BY change_seq LIMIT $2`,
    [cursor, limit],
  );
  return rows;
}

/** The latest change_seq written, and how many articles are live: for lag reports and engine choice. */
export async function catalogHead(db: Queryable): Promise<{ seq: string; articles: number }> {
  const { rows } = await db.query<{ seq: string | null; articles: string }>(
    `SELECT (SELECT max(change_seq)::text FROM articles) AS seq, (SELECT count(*) FROM articles WHERE NOT deleted)::text AS articles`,
  );
  return { seq: rows[0]?.seq ?? '0', articles: Number(rows[0]?.articles ?? 0) };
}

/** Changes after `cursor` not applied yet (an upper bound: sequence numbers can have gaps). */
export async function changesBehind(db: Queryable, cursor: string): Promise<number> {
  const { rows } = await db.query<{ behind: string }>('SELECT count(*)::text AS behind FROM articles WHERE change_seq > $1::bigint', [cursor]);
  return Number(rows[0]?.behind ?? 0);
}
