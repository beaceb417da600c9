/*
 * CXapianShim: a plain-C API over the Xapian 1.4 C++ library, for Swift.
 *
 * Why it exists: Xapian's headers are C++ and its errors are C++ exceptions. An exception
 * that reaches Swift aborts the process, so every entry point here is `noexcept`, catches
 * everything, and reports failures as a status code plus a `cx_error` filled in by one
 * translator (Error.cpp). No C++ type and no <xapian.h> appear in this header.
 *
 * Conventions (see Docs/shim-conventions.md):
 *  - Functions are `cx_<object>_<verb>`. Fallible ones return 0 on success or a
 *    `cx_error_code`, and write results through out-parameters.
 *  - Every `cx_*_new`/`open` handle is freed by the matching `cx_*_free`, exactly once.
 *    Handles hold independent references to Xapian's reference-counted internals, so they
 *    may be freed in any order.
 *  - Strings passed in are (pointer, length) pairs of UTF-8 bytes and need no terminator.
 *    Strings passed out are malloc'ed by the shim and freed with `cx_free`.
 *  - Handles are not thread-safe: use one from one thread at a time.
 */
#ifndef CXAPIANSHIM_H
#define CXAPIANSHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define CX_NOEXCEPT noexcept
extern "C" {
#else
#define CX_NOEXCEPT
#endif

/* ---------- errors ---------- */

/** Families of Xapian errors; mirrored by XapianError.Code in Swift. */
typedef enum cx_error_code {
    CX_OK = 0,
    CX_ERR_OTHER = 1,
    CX_ERR_DATABASE_NOT_FOUND = 2,
    CX_ERR_DATABASE_LOCKED = 3,
    CX_ERR_DATABASE_CORRUPT = 4,
    CX_ERR_DATABASE_MODIFIED = 5,
    CX_ERR_DATABASE_VERSION = 6,
    CX_ERR_DATABASE = 7,
    CX_ERR_QUERY_PARSE = 8,
    CX_ERR_INVALID_ARGUMENT = 9,
    CX_ERR_NOT_FOUND = 10,
    CX_ERR_OUT_OF_MEMORY = 11,
    CX_ERR_WILDCARD = 12,
    /* 13 and 14 are taken by Swift's own classification (XapianError.Code). */
    CX_ERR_TIMED_OUT = 15,
    /* NetworkError and its NetworkTimeoutError: a remote shard (xapian-tcpsrv) did not answer. */
    CX_ERR_NETWORK = 16
} cx_error_code;

/** What went wrong. `type` and `message` are malloc'ed; release them with cx_error_clear. */
typedef struct cx_error {
    int32_t code;
    char *type;
    char *message;
    /** The operating system's words for the error behind it (Xapian's get_error_string(), e.g.
     * "No space left on device"), or NULL when Xapian recorded none. */
    char *system_error;
} cx_error;

/** Frees the strings of an error filled in by a failed call, and zeroes it. */
void cx_error_clear(cx_error *error) CX_NOEXCEPT;

/** Frees a string returned by the shim. */
void cx_free(void *pointer) CX_NOEXCEPT;

/** Xapian's version string, e.g. "1.4.22" (static; do not free). */
const char *cx_xapian_version(void) CX_NOEXCEPT;

/** Test hook: raises a Xapian error of the given class name inside the shim and reports it
 * like any other failure, so the translation of every family can be tested. */
int cx_test_raise(const char *xapian_class, cx_error *error) CX_NOEXCEPT;

/* ---------- opaque handles ---------- */

typedef struct cx_database cx_database;       /* Xapian::Database, read-only */
typedef struct cx_writable cx_writable;       /* Xapian::WritableDatabase */
typedef struct cx_document cx_document;       /* Xapian::Document being built */
typedef struct cx_indexer cx_indexer;         /* Xapian::TermGenerator + Stem + Stopper */
typedef struct cx_queryparser cx_queryparser; /* Xapian::QueryParser + range processors */
typedef struct cx_query cx_query;             /* Xapian::Query */
typedef struct cx_enquire cx_enquire;         /* Xapian::Enquire + its match spies */
typedef struct cx_mset cx_mset;               /* Xapian::MSet */
typedef struct cx_facet_spy cx_facet_spy;     /* counts the values of one slot (ValueCountMatchSpy) */
typedef struct cx_pair_spy cx_pair_spy;       /* counts (a, b) value pairs of two slots */

/** Receives one (term or key, value or count) pair during an enumeration. */
typedef void (*cx_term_visitor)(void *context, const char *term, size_t term_length, uint32_t frequency);
/** Receives one (a, b, count) cell of a pair count. */
typedef void (*cx_pair_visitor)(void *context, const char *first, size_t first_length, const char *second,
                                size_t second_length, uint32_t count);
typedef void (*cx_metadata_visitor)(void *context, const char *key, size_t key_length,
                                    const char *value, size_t value_length);

/* ---------- read-only database ---------- */

int cx_database_open(const char *path, cx_database **out, cx_error *error) CX_NOEXCEPT;
void cx_database_free(cx_database *db) CX_NOEXCEPT;
/** Opens the database xapian-tcpsrv serves at host:port (Xapian::Remote::open), giving up on
 *  connecting, and on any later operation, after timeout_ms milliseconds (Xapian's default, as a
 *  stub's `remote HOST:PORT` line uses, is 10000). Why: a stub opens every shard or fails, and
 *  a reader that may answer without an unreachable shard (--allow-partial) opens each one. */
int cx_database_open_remote(const char *host, size_t host_length, unsigned port, unsigned timeout_ms,
                            cx_database **out, cx_error *error) CX_NOEXCEPT;
/** One database searching all `count` of `shards` as one, in that order
 *  (Xapian::Database::add_database), as a stub file listing them would be opened. The shards'
 *  handles stay the caller's to free. With `read_shards_in_parallel` (remote shards, where each
 *  document read is a round trip), a match set's page reads its documents from every shard at
 *  once, one thread per shard, instead of one after another. */
int cx_database_combine(cx_database *const *shards, size_t count, int read_shards_in_parallel, cx_database **out,
                        cx_error *error) CX_NOEXCEPT;
/** Moves to the latest committed revision (after DatabaseModifiedError, or to see a newer
 *  commit). `*changed` (if not NULL) is 0 when Xapian says the revision certainly did not change. */
int cx_database_reopen(cx_database *db, int *changed, cx_error *error) CX_NOEXCEPT;
int cx_database_doccount(cx_database *db, uint32_t *out, cx_error *error) CX_NOEXCEPT;
int cx_database_termfreq(cx_database *db, const char *term, size_t length, uint32_t *out,
                         cx_error *error) CX_NOEXCEPT;
/** Writes the metadata value for key (empty when unset). */
int cx_database_metadata(cx_database *db, const char *key, size_t key_length, char **out,
                         size_t *out_length, cx_error *error) CX_NOEXCEPT;
/** Visits every metadata key starting with prefix, with its value. */
int cx_database_metadata_each(cx_database *db, const char *prefix, size_t prefix_length,
                              cx_metadata_visitor visitor, void *context, cx_error *error) CX_NOEXCEPT;
/** Visits every metadata key starting with prefix (frequency 0), without reading the values:
 * over a remote first shard one request, where reading each value is one round trip apiece. */
int cx_database_metadata_keys_each(cx_database *db, const char *prefix, size_t prefix_length,
                                   cx_term_visitor visitor, void *context, cx_error *error) CX_NOEXCEPT;
/** Visits every term starting with prefix, with its document frequency. */
int cx_database_terms_each(cx_database *db, const char *prefix, size_t prefix_length,
                           cx_term_visitor visitor, void *context, cx_error *error) CX_NOEXCEPT;
/** The lowest and highest values stored in slot (empty strings when no document has one). */
int cx_database_value_bounds(cx_database *db, uint32_t slot, char **low, size_t *low_length, char **high,
                             size_t *high_length, cx_error *error) CX_NOEXCEPT;
/** The data of the first document indexed by term; *found = 0 when there is none. */
int cx_database_data_for_term(cx_database *db, const char *term, size_t length, char **out,
                              size_t *out_length, int *found, cx_error *error) CX_NOEXCEPT;

/** Calls visitor(context, NULL, 0, docid) for every document of db, in docid order (over a
 * stub, every shard's, interleaved as Xapian numbers them). */
int cx_database_documents_each(cx_database *db, cx_term_visitor visitor, void *context, cx_error *error) CX_NOEXCEPT;
/** Document `docid` of db (to copy into another database). */
int cx_database_document(cx_database *db, uint32_t docid, cx_document **out, cx_error *error) CX_NOEXCEPT;
/** Writes a compacted copy of db (every database of a stub merged into one) to the new
 * directory `output`, as xapian-compact does: Xapian::Database::compact, metadata duplicated in
 * several shards taken from the first. */
int cx_database_compact(cx_database *db, const char *output, cx_error *error) CX_NOEXCEPT;

/* ---------- writable database ---------- */

/** Opens (creating if needed) an index for writing. Only one writer may hold an index:
 * a second gets CX_ERR_DATABASE_LOCKED at once, never a wait. */
int cx_writable_open(const char *path, cx_writable **out, cx_error *error) CX_NOEXCEPT;
/** Closes the index. Changes not yet committed are discarded, never half-applied. */
void cx_writable_free(cx_writable *db) CX_NOEXCEPT;
/** With on != 0, the words of every document added or replaced from now on are counted and
 * added to the spelling dictionary at the next commit (once per word, with its count). */
int cx_writable_set_spelling(cx_writable *db, int on, cx_error *error) CX_NOEXCEPT;
/** Adds the counted spellings, makes every change durable and starts the next batch. */
int cx_writable_commit(cx_writable *db, cx_error *error) CX_NOEXCEPT;
/** A read-only handle on the same database, which sees this writer's uncommitted changes.
 * Free it with cx_database_free; the writer stays open. */
int cx_writable_reader(cx_writable *db, cx_database **out, cx_error *error) CX_NOEXCEPT;
/** Replaces the document indexed by unique_term (adding it when none is). */
int cx_writable_replace(cx_writable *db, const char *unique_term, size_t length, cx_document *doc,
                        cx_error *error) CX_NOEXCEPT;
/** Adds doc as a new document (no lookup of an existing one). */
int cx_writable_add(cx_writable *db, cx_document *doc, cx_error *error) CX_NOEXCEPT;
/** Deletes every document indexed by term. */
int cx_writable_delete_term(cx_writable *db, const char *term, size_t length, cx_error *error) CX_NOEXCEPT;
/** Visits the id of every document indexed by term (the visitor's frequency is the id). */
int cx_writable_postings_each(cx_writable *db, const char *term, size_t length, cx_term_visitor visitor,
                              void *context, cx_error *error) CX_NOEXCEPT;
/** The stored document `docid`, to change and write back with cx_writable_replace_id. */
int cx_writable_document(cx_writable *db, uint32_t docid, cx_document **out, cx_error *error) CX_NOEXCEPT;
/** Replaces document `docid` with doc. Its words are not counted for the spelling dictionary
 * again (the text of a document read back is unchanged). */
int cx_writable_replace_id(cx_writable *db, uint32_t docid, cx_document *doc, cx_error *error) CX_NOEXCEPT;
int cx_writable_set_metadata(cx_writable *db, const char *key, size_t key_length, const char *value,
                             size_t value_length, cx_error *error) CX_NOEXCEPT;

/* ---------- documents and term generation ---------- */

int cx_document_new(cx_document **out, cx_error *error) CX_NOEXCEPT;
void cx_document_free(cx_document *doc) CX_NOEXCEPT;
int cx_document_add_boolean_term(cx_document *doc, const char *term, size_t length, cx_error *error) CX_NOEXCEPT;
int cx_document_add_value(cx_document *doc, uint32_t slot, const char *value, size_t length,
                          cx_error *error) CX_NOEXCEPT;
int cx_document_set_data(cx_document *doc, const char *data, size_t length, cx_error *error) CX_NOEXCEPT;
/** The document's data. */
int cx_document_data(cx_document *doc, char **out, size_t *out_length, cx_error *error) CX_NOEXCEPT;
/** Removes term from the document; nothing when it has no such term. */
int cx_document_remove_term(cx_document *doc, const char *term, size_t length, cx_error *error) CX_NOEXCEPT;
/** Visits every term of the document starting with prefix (the visitor's frequency is the wdf). */
int cx_document_terms_each(cx_document *doc, const char *prefix, size_t prefix_length, cx_term_visitor visitor,
                           void *context, cx_error *error) CX_NOEXCEPT;
/** Removes the value in slot (nothing when there is none). */
int cx_document_remove_value(cx_document *doc, uint32_t slot, cx_error *error) CX_NOEXCEPT;

/** Flags for cx_indexer_new. */
enum {
    CX_INDEX_POSITIONS = 1   /* record positions (needed for phrase and NEAR queries) */
};
/** Stemming strategies, as Xapian's STEM_NONE / STEM_SOME / STEM_ALL / STEM_ALL_Z / STEM_SOME_FULL_POS. */
enum { CX_STEM_NONE = 0, CX_STEM_SOME = 1, CX_STEM_ALL = 2, CX_STEM_ALL_Z = 3 };

/** A term generator for `language` (e.g. "english", or "none"), with the language's stop words. */
int cx_indexer_new(const char *language, int stem_strategy, int flags, cx_indexer **out, cx_error *error) CX_NOEXCEPT;
void cx_indexer_free(cx_indexer *indexer) CX_NOEXCEPT;
/** Starts indexing into doc; term positions restart at 0. */
int cx_indexer_set_document(cx_indexer *indexer, cx_document *doc, cx_error *error) CX_NOEXCEPT;
/** Indexes free text into the current document, under prefix (may be empty). */
int cx_indexer_index_text(cx_indexer *indexer, const char *text, size_t length, uint32_t wdf_increment,
                          const char *prefix, size_t prefix_length, cx_error *error) CX_NOEXCEPT;
/** Releases the generator's reference to the current document (Xapian's reference counts are
 * not atomic: a document built on one thread must hold no reference from that thread's
 * generator when another thread takes it). */
int cx_indexer_detach(cx_indexer *indexer, cx_error *error) CX_NOEXCEPT;
/** Leaves a gap in term positions so that two fields never match as one phrase. */
int cx_indexer_increase_termpos(cx_indexer *indexer, uint32_t delta, cx_error *error) CX_NOEXCEPT;

/* ---------- queries ---------- */

/** Query-parser flags (the subset Dossier uses), mirroring Xapian::QueryParser::feature_flag. */
enum {
    CX_QP_BOOLEAN = 1, CX_QP_PHRASE = 2, CX_QP_LOVEHATE = 4, CX_QP_BOOLEAN_ANY_CASE = 8,
    CX_QP_WILDCARD = 16, CX_QP_PURE_NOT = 32, CX_QP_PARTIAL = 64, CX_QP_SPELLING_CORRECTION = 128,
    CX_QP_SYNONYM = 256, CX_QP_AUTO_SYNONYMS = 512, CX_QP_AUTO_MULTIWORD_SYNONYMS = 1024
};
/** Query operators for cx_query_combine. */
enum { CX_OP_AND = 0, CX_OP_OR = 1, CX_OP_AND_NOT = 2, CX_OP_FILTER = 3, CX_OP_AND_MAYBE = 4 };

int cx_queryparser_new(cx_database *db, const char *language, int stem_strategy, cx_queryparser **out,
                       cx_error *error) CX_NOEXCEPT;
void cx_queryparser_free(cx_queryparser *qp) CX_NOEXCEPT;
/** A free-text field: `title:word` searches terms indexed under prefix. */
int cx_queryparser_add_prefix(cx_queryparser *qp, const char *field, const char *prefix, cx_error *error) CX_NOEXCEPT;
/** Builds the query for one value of a callback field (see cx_queryparser_add_callback_field):
 * sets *out to a query (still the caller's: it must live until the parse returns; the shim
 * copies it) and returns 0, or returns nonzero when
 * the value is refused; the caller then keeps its own account of why (the parse fails with
 * CX_ERR_QUERY_PARSE and the message "field value refused"). Must not throw. */
typedef int (*cx_field_callback)(void *context, const char *value, size_t value_length, cx_query **out);
/** A boolean filter field whose values become queries through `callback` (which the caller
 * keeps alive as long as the parser). Every filter field is one of these or a date field, so
 * that each lands in its own filter group: `exclusive` = 1 ORs repeated uses of the field
 * (`source:a source:b`), 0 ANDs them (`actor:a actor:b` = both). Either way, different fields
 * AND, whatever their order. */
int cx_queryparser_add_callback_field(cx_queryparser *qp, const char *field, int exclusive,
                                      cx_field_callback callback, void *context, cx_error *error) CX_NOEXCEPT;
/** A date field over two value slots holding the first and the last day (YYYYMMDD) a date
 * covers: `field:2025-01..2025-03`. Either end may be a year, a month or a day (start rounded
 * down, end rounded up) or empty (open). A document matches when its whole span lies inside.
 * A boolean field (not a range processor), so that it always narrows; repeated uses OR. */
int cx_queryparser_add_date_field(cx_queryparser *qp, const char *field, uint32_t first_slot, uint32_t last_slot,
                                  cx_error *error) CX_NOEXCEPT;
/** A date field over multi-valued date terms: each passage indexes `prefix`YYYY, YYYYMM or
 * YYYYMMDD for every date it mentions, at the date's precision; a range becomes the OR of the fewest
 * whole years, months and days that cover it. Both ends are required. Repeated uses OR. */
int cx_queryparser_add_date_term_field(cx_queryparser *qp, const char *field, const char *prefix,
                                       cx_error *error) CX_NOEXCEPT;
/** 1 when `word` (lower case) is one of the parser's stop words, else 0. */
int cx_queryparser_is_stop_word(cx_queryparser *qp, const char *word, size_t length) CX_NOEXCEPT;
int cx_queryparser_parse(cx_queryparser *qp, const char *text, size_t length, int flags, int default_or,
                         cx_query **out, cx_error *error) CX_NOEXCEPT;
/** A free-text field whose values are keys registered with cx_queryparser_add_phrase_synonym:
 * `field:KEY` matches the registered text as a phrase OR the registered name as a phrase OR
 * the registered boolean term. Dossier rewrites actor aliases found case-sensitively in a query
 * to such keys, so `LeT` also finds passages that spell out (or are tagged with)
 * Lashkar-e-Taiba, while the English word `let` is untouched. Xapian lower-cases the value, so
 * keys must be single lower-case words (`s3`). An unregistered key is searched as a word. */
int cx_queryparser_add_synonym_field(cx_queryparser *qp, const char *field, cx_error *error) CX_NOEXCEPT;
/** Registers `key` for a synonym field: it expands to the phrases `text` and `name` and the
 * boolean `term` (e.g. s3 -> "LeT" OR "Lashkar-e-Taiba" OR XAlashkar-e-taiba). */
int cx_queryparser_add_phrase_synonym(cx_queryparser *qp, const char *field, const char *key, size_t key_length,
                                      const char *text, size_t text_length, const char *name, size_t name_length,
                                      const char *term, size_t term_length, cx_error *error) CX_NOEXCEPT;
/** After a parse with CX_QP_SPELLING_CORRECTION: the corrected query, or empty. */
int cx_queryparser_corrected(cx_queryparser *qp, char **out, size_t *out_length, cx_error *error) CX_NOEXCEPT;

int cx_query_match_all(cx_query **out, cx_error *error) CX_NOEXCEPT;
int cx_query_term(const char *term, size_t length, cx_query **out, cx_error *error) CX_NOEXCEPT;
int cx_query_combine(int op, cx_query *left, cx_query *right, cx_query **out, cx_error *error) CX_NOEXCEPT;
void cx_query_free(cx_query *query) CX_NOEXCEPT;
int cx_query_is_empty(cx_query *query) CX_NOEXCEPT;
/** Each distinct term of the query, in term order (frequencies passed are 0). */
int cx_query_terms_each(cx_query *query, cx_term_visitor visitor, void *context, cx_error *error) CX_NOEXCEPT;

/* ---------- matching ---------- */

/** Sort orders for cx_enquire_set_sort. */
enum { CX_SORT_RELEVANCE = 0, CX_SORT_VALUE_ASCENDING = 1, CX_SORT_VALUE_DESCENDING = 2 };

int cx_enquire_new(cx_database *db, cx_query *query, cx_enquire **out, cx_error *error) CX_NOEXCEPT;
void cx_enquire_free(cx_enquire *enquire) CX_NOEXCEPT;
/** BM25's k1 (term-frequency saturation) and b (length normalisation, 0..1); k2 = 0, k3 = 1 and
 * min_normlen = 0.5 stay Xapian's defaults. cx_enquire_new sets Xapian's default (k1 = 1, b = 0.5). */
int cx_enquire_set_bm25(cx_enquire *enquire, double k1, double b, cx_error *error) CX_NOEXCEPT;
/** Xapian's IneB2Weight (divergence from randomness) with normalisation 2's parameter c (> 0;
 * Xapian refuses others with InvalidArgumentError), in place of BM25. */
int cx_enquire_set_ineb2(cx_enquire *enquire, double c, cx_error *error) CX_NOEXCEPT;
/** Relevance (BM25), or by a value slot with relevance breaking ties. */
int cx_enquire_set_sort(cx_enquire *enquire, int order, uint32_t slot, cx_error *error) CX_NOEXCEPT;
/** At most `max` matches per distinct value of slot (e.g. passages per article). */
int cx_enquire_set_collapse(cx_enquire *enquire, uint32_t slot, uint32_t max, cx_error *error) CX_NOEXCEPT;
/** Xapian's Enquire::set_time_limit: after `seconds` (0: never) the matcher stops honouring
 * check_at_least, so an exhaustive count ends early and the totals come back inexact. */
int cx_enquire_set_time_limit(cx_enquire *enquire, double seconds, cx_error *error) CX_NOEXCEPT;
/** Stops the next matches with CX_ERR_TIMED_OUT once `seconds` have passed since this call
 * (a match spy looks at the clock every 256 documents it is shown); a negative `seconds`
 * removes the deadline. Unlike cx_enquire_set_time_limit it cuts an exhaustive count, but it
 * cannot reach a remote database (xapian-tcpsrv knows no such spy): use that one there. */
int cx_enquire_set_deadline(cx_enquire *enquire, double seconds, cx_error *error) CX_NOEXCEPT;
/** Attaches a stock Xapian::ValueCountMatchSpy on slot: it counts each distinct value (the whole
 * stored string) over every match the matcher examines, and works through xapian-tcpsrv.
 * Owned by the enquire. */
int cx_enquire_add_facet(cx_enquire *enquire, uint32_t slot, cx_facet_spy **out, cx_error *error) CX_NOEXCEPT;
/** Counts (a, b) pairs over every match examined: a from first_slot, b from second_slot, each
 * slot multi-valued with `separator`; a document counts each pair once (cross-tabulation, e.g.
 * actor x month). Owned by the enquire. */
int cx_enquire_add_pair_facet(cx_enquire *enquire, uint32_t first_slot, uint32_t second_slot, char separator,
                              cx_pair_spy **out, cx_error *error) CX_NOEXCEPT;
/** Runs the match: ranks [first, first+max) and examines at least check_at_least matches
 * (the document count makes totals and facets exact). */
int cx_enquire_mset(cx_enquire *enquire, uint32_t first, uint32_t max, uint32_t check_at_least,
                    cx_mset **out, cx_error *error) CX_NOEXCEPT;

/** Visits each distinct value the spy counted with its number of matching documents. */
int cx_facet_spy_each(cx_facet_spy *spy, cx_term_visitor visitor, void *context, cx_error *error) CX_NOEXCEPT;
/** How many documents the spy saw. */
uint32_t cx_facet_spy_total(cx_facet_spy *spy) CX_NOEXCEPT;
/** Visits each counted pair with its number of matching documents. */
int cx_pair_spy_each(cx_pair_spy *spy, cx_pair_visitor visitor, void *context, cx_error *error) CX_NOEXCEPT;
/** How many documents the pair spy saw. */
uint32_t cx_pair_spy_total(cx_pair_spy *spy) CX_NOEXCEPT;

void cx_mset_free(cx_mset *mset) CX_NOEXCEPT;
uint32_t cx_mset_size(cx_mset *mset) CX_NOEXCEPT;
/** Match-count estimates; equal when the count is exact. */
void cx_mset_counts(cx_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper) CX_NOEXCEPT;
/** One ranked item: docid, BM25 weight and the document's data. */
int cx_mset_item(cx_mset *mset, uint32_t index, uint32_t *docid, double *weight, char **data,
                 size_t *data_length, cx_error *error) CX_NOEXCEPT;
/** One ranked item's docid and BM25 weight, without reading its document. */
int cx_mset_item_weight(cx_mset *mset, uint32_t index, uint32_t *docid, double *weight, cx_error *error) CX_NOEXCEPT;
/** The value in slot of item index. */
int cx_mset_item_value(cx_mset *mset, uint32_t index, uint32_t slot, char **out, size_t *out_length,
                       cx_error *error) CX_NOEXCEPT;
/** Xapian's snippet of text for this match set's query: the best `length` bytes, matching terms
 * between hi_start and hi_end. Xapian HTML-escapes the text; the caller unescapes it. */
int cx_mset_snippet(cx_mset *mset, const char *text, size_t text_length, size_t length, const char *language,
                    const char *hi_start, const char *hi_end, const char *omit, char **out,
                    size_t *out_length, cx_error *error) CX_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif /* CXAPIANSHIM_H */
