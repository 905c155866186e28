/** What analysis adds to an article. Plain data: it is persisted as JSON and reloaded unchanged. */

export interface Sentence {
  text: string;
  /** Offsets into bodyText(article). */
  start: number;
  end: number;
  /** Index of the block the sentence is in. */
  block: number;
  /** True for a subheading block (a heading is one "sentence" of its own). */
  heading: boolean;
}

export type Gender = 'male' | 'female' | null;

/** A person named in one article: the fullest name used there, and every form the article uses. */
export interface ArticlePerson {
  /** Fullest name in this article, e.g. "Vladimir Putin". */
  name: string;
  /** Every surface form seen: "Putin", "President Putin", "Russian President Vladimir Putin". */
  aliases: string[];
  /** Titles or roles seen before the name ("President", "Energy Secretary"), lowercased. */
  roles: string[];
  mentions: number;
  gender: Gender;
}

export type QuoteKind = 'direct' | 'indirect' | 'mixed';
export type SpeakerType = 'person' | 'organization' | 'unnamed';

export interface Quote {
  /** The quoted words (direct), or the reported clause (indirect; mixed: with its quoted words in their marks). */
  text: string;
  kind: QuoteKind;
  /** For a person: ArticlePerson.name; for an organisation or unnamed source: the phrase ("the ministry"). */
  speaker: string | null;
  speakerType: SpeakerType;
  /** Offsets of the quote text in bodyText(article). */
  start: number;
  end: number;
}

export interface ArticleAnalysis {
  sentences: Sentence[];
  people: ArticlePerson[];
  quotes: Quote[];
  /** Two or three sentences from the article, in article order. */
  summary: string[];
}

/** One person across the whole corpus: aliases from every article merged under the fullest name. */
export interface DirectoryPerson {
  /** Canonical (fullest) name, e.g. "Vladimir Putin". */
  name: string;
  aliases: string[];
  /** Ids of articles that mention the person. */
  articleIds: string[];
  mentions: number;
  quoteCount: number;
  /** Set for an organisation quoted as such ("the White House said"); people leave it unset. */
  kind?: 'organization';
}

/** How a name typed by a user resolves against the corpus. */
export type PersonLookup =
  | { kind: 'found'; person: DirectoryPerson }
  | { kind: 'ambiguous'; candidates: DirectoryPerson[] }
  | { kind: 'unknown'; suggestions: DirectoryPerson[] };

export interface PeopleDirectory {
  /** Everyone, most quoted first, then most mentioned. */
  list(): DirectoryPerson[];
  /** Quoted organisations ("White House", "Amnesty International"), most quoted first (optional, so stand-in directories need not list any). */
  organizations?(): DirectoryPerson[];
  /** Resolves "Putin", "President Putin", "vladimir putin" or a canonical name; an organisation by its name. */
  lookup(name: string): PersonLookup;
  /** The canonical name an article-level person maps to (article id + ArticlePerson.name). */
  canonicalName(articleId: string, articlePersonName: string): string;
}
