/** InnoDB's default innodb_ft_min_token_size: shorter words are not in the index and never match. */
const MIN_TOKEN = 3;
const MAX_TERMS = 8;
/**
 * InnoDB's default stopwords of 3+ letters: never indexed, so a required `+the*` would not be
 * ignored but become a prefix that only other words ("then", "there") satisfy. Dropped instead.
 */
const STOPWORDS = new Set([
  "about",
  "are",
  "com",
  "for",
  "from",
  "how",
  "that",
  "the",
  "this",
  "was",
  "what",
  "when",
  "where",
  "who",
  "will",
  "with",
  "und",
  "www",
]);

/**
 * A search box's text as a MATCH … AGAINST (… IN BOOLEAN MODE) expression: every word required,
 * matched as a prefix (`+appoint*` finds "appointment"). The user's own boolean operators
 * (+ - < > ( ) ~ * " @) are stripped, so input cannot change the query's meaning or make it fail.
 * Null when no word is long enough to be indexed and not a stopword.
 */
export function fullTextTerms(q: string): string | null {
  const words = q
    .replace(/[^\p{L}\p{N}_]+/gu, " ")
    .split(" ")
    .filter((w) => w.length >= MIN_TOKEN && !STOPWORDS.has(w.toLowerCase()))
    .slice(0, MAX_TERMS);
  return words.length > 0 ? words.map((w) => `+${w}*`).join(" ") : null;
}

/** The digits of a query that looks like a phone number (at least 4 digits, no letters), else null. */
export function phoneDigits(q: string): string | null {
  if (/\p{L}/u.test(q)) return null;
  const digits = q.replace(/\D/g, "");
  return digits.length >= 4 ? digits : null;
}
