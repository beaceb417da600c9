// Read-only and writable databases.
//
// A writable database always has a transaction open (begin_transaction(flushed=true)), and
// cx_writable_commit ends it and starts the next. Why: WritableDatabase's destructor commits
// pending changes when no transaction is active but *cancels* an active one, so a writer
// that fails or is freed mid-batch leaves the index exactly at its last commit, never with
// half a batch. Xapian does not auto-flush inside a transaction, so the caller bounds
// memory by committing in batches.
//
// Spelling dictionary: with collect_spelling on, the words (unprefixed terms) of each document
// written are counted in a hash map and added to the dictionary once per word at commit,
// instead of Xapian's TermGenerator::FLAG_SPELLING calling add_spelling for every occurrence
// on the writer's thread. Same counts, a twentieth of the calls, and term generation needs no
// database, so it can run on another thread.
#include "ShimInternal.hpp"

namespace {

void metadata_each(const Xapian::Database &db, const std::string &prefix, cx_metadata_visitor visitor, void *context) {
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        const std::string key = *it;
        const std::string value = db.get_metadata(key);
        visitor(context, key.data(), key.size(), value.data(), value.size());
    }
}

/// Counts the words of `doc` (its unprefixed terms, by wdf: the number of occurrences) for
/// the spelling dictionary. Prefixed terms start with an upper-case ASCII letter.
void count_spelling(cx_writable &w, const Xapian::Document &doc) {
    if (!w.collect_spelling) return;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string term = *it;
        if (term.size() < 2 || (term[0] >= 'A' && term[0] <= 'Z')) continue;
        w.spelling[term] += it.get_wdf();
    }
}

void terms_each(const Xapian::Database &db, const std::string &prefix, cx_term_visitor visitor, void *context) {
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        const std::string term = *it;
        visitor(context, term.data(), term.size(), it.get_termfreq());
    }
}

}  // namespace

// ---------- read-only ----------

extern "C" int cx_database_open(const char *path, cx_database **out, cx_error *error) noexcept {
    CX_GUARD(error, { *out = new cx_database{Xapian::Database(path ? path : "")}; })
}

extern "C" int cx_database_open_remote(const char *host, size_t host_length, unsigned port, unsigned timeout_ms,
                                       cx_database **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        *out = new cx_database{Xapian::Remote::open(cxshim::str(host, host_length), port, timeout_ms, timeout_ms)};
    })
}

extern "C" int cx_database_combine(cx_database *const *shards, size_t count, int read_shards_in_parallel,
                                   cx_database **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        Xapian::Database combined;
        std::vector<Xapian::Database> parts;
        for (size_t i = 0; i < count; ++i) {
            combined.add_database(shards[i]->db);
            if (read_shards_in_parallel && count > 1) parts.push_back(shards[i]->db);
        }
        *out = new cx_database{combined, std::move(parts)};
    })
}

extern "C" void cx_database_free(cx_database *db) noexcept {
    try { delete db; } catch (...) {}
}

extern "C" int cx_database_reopen(cx_database *db, int *changed, cx_error *error) noexcept {
    CX_GUARD(error, {
        bool reopened = db->db.reopen();
        if (changed) *changed = reopened ? 1 : 0;
    })
}

extern "C" int cx_database_doccount(cx_database *db, uint32_t *out, cx_error *error) noexcept {
    CX_GUARD(error, { *out = db->db.get_doccount(); })
}

extern "C" int cx_database_termfreq(cx_database *db, const char *term, size_t length, uint32_t *out,
                                    cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string t = cxshim::str(term, length);
        // Over remote shards (`shards` not empty) a term frequency is one round trip per shard,
        // which Xapian makes one after another: ask every shard at once instead, one thread per
        // shard, each through its own shard's database (see cx_mset), and sum as Xapian does.
        const size_t n = db->shards.size();
        if (n < 2) {
            *out = db->db.get_termfreq(t);
            return CX_OK;
        }
        std::vector<Xapian::doccount> counts(n, 0);
        std::vector<std::exception_ptr> errors(n);
        auto count_shard = [&](size_t s) {
            try {
                counts[s] = db->shards[s].get_termfreq(t);
            } catch (...) {
                errors[s] = std::current_exception();
            }
        };
        JoiningThreads threads;
        for (size_t s = 1; s < n; ++s) threads.start(count_shard, s);
        count_shard(0);
        threads.join();
        for (const auto &e : errors) {
            if (e) std::rethrow_exception(e);
        }
        Xapian::doccount total = 0;
        for (auto c : counts) total += c;
        *out = total;
    })
}

extern "C" int cx_database_metadata(cx_database *db, const char *key, size_t key_length, char **out,
                                    size_t *out_length, cx_error *error) noexcept {
    CX_GUARD(error, { cxshim::copy_out(db->db.get_metadata(cxshim::str(key, key_length)), out, out_length); })
}

extern "C" int cx_database_metadata_each(cx_database *db, const char *prefix, size_t prefix_length,
                                         cx_metadata_visitor visitor, void *context, cx_error *error) noexcept {
    CX_GUARD(error, { metadata_each(db->db, cxshim::str(prefix, prefix_length), visitor, context); })
}

extern "C" int cx_database_metadata_keys_each(cx_database *db, const char *prefix, size_t prefix_length,
                                              cx_term_visitor visitor, void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string p = cxshim::str(prefix, prefix_length);
        for (auto it = db->db.metadata_keys_begin(p); it != db->db.metadata_keys_end(p); ++it) {
            const std::string key = *it;
            visitor(context, key.data(), key.size(), 0);
        }
    })
}

extern "C" int cx_database_terms_each(cx_database *db, const char *prefix, size_t prefix_length,
                                      cx_term_visitor visitor, void *context, cx_error *error) noexcept {
    CX_GUARD(error, { terms_each(db->db, cxshim::str(prefix, prefix_length), visitor, context); })
}

extern "C" int cx_database_value_bounds(cx_database *db, uint32_t slot, char **low, size_t *low_length, char **high,
                                        size_t *high_length, cx_error *error) noexcept {
    CX_GUARD(error, {
        cxshim::copy_out(db->db.get_value_lower_bound(slot), low, low_length);
        try {
            cxshim::copy_out(db->db.get_value_upper_bound(slot), high, high_length);
        } catch (...) {
            std::free(*low);
            throw;
        }
    })
}

extern "C" int cx_database_documents_each(cx_database *db, cx_term_visitor visitor, void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        for (auto it = db->db.postlist_begin(std::string()); it != db->db.postlist_end(std::string()); ++it) {
            visitor(context, nullptr, 0, *it);
        }
    })
}

extern "C" int cx_database_document(cx_database *db, uint32_t docid, cx_document **out, cx_error *error) noexcept {
    CX_GUARD(error, { *out = new cx_document{db->db.get_document(docid)}; })
}

extern "C" int cx_database_compact(cx_database *db, const char *output, cx_error *error) noexcept {
    CX_GUARD(error, { db->db.compact(output ? output : ""); })
}

extern "C" int cx_database_data_for_term(cx_database *db, const char *term, size_t length, char **out,
                                         size_t *out_length, int *found, cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string t = cxshim::str(term, length);
        auto it = db->db.postlist_begin(t);
        if (it == db->db.postlist_end(t)) {
            *found = 0;
            cxshim::copy_out(std::string(), out, out_length);
        } else {
            *found = 1;
            cxshim::copy_out(db->db.get_document(*it).get_data(), out, out_length);
        }
    })
}

// ---------- writable ----------

extern "C" int cx_writable_open(const char *path, cx_writable **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        // DB_RETRY_LOCK is deliberately absent: a second writer fails at once with
        // DatabaseLockError instead of waiting without telling the user.
        auto *w = new cx_writable{Xapian::WritableDatabase(path ? path : "", Xapian::DB_CREATE_OR_OPEN)};
        try {
            w->db.begin_transaction(true);
        } catch (...) {
            delete w;
            throw;
        }
        *out = w;
    })
}

extern "C" void cx_writable_free(cx_writable *db) noexcept {
    // The destructor cancels the open transaction: uncommitted changes are discarded.
    try { delete db; } catch (...) {}
}

extern "C" int cx_writable_set_spelling(cx_writable *db, int on, cx_error *error) noexcept {
    CX_GUARD(error, { db->collect_spelling = on != 0; })
}

extern "C" int cx_writable_commit(cx_writable *db, cx_error *error) noexcept {
    CX_GUARD(error, {
        // The counts leave the map even if Xapian throws: a failed commit ends the run.
        auto counts = std::move(db->spelling);
        db->spelling.clear();
        for (const auto &entry : counts) db->db.add_spelling(entry.first, entry.second);
        db->db.commit_transaction();
        db->db.begin_transaction(true);
    })
}


extern "C" int cx_writable_reader(cx_writable *db, cx_database **out, cx_error *error) noexcept {
    // A Xapian::Database copy of a WritableDatabase shares its internals, uncommitted changes included.
    CX_GUARD(error, { *out = new cx_database{db->db}; })
}

extern "C" int cx_writable_replace(cx_writable *db, const char *unique_term, size_t length, cx_document *doc,
                                   cx_error *error) noexcept {
    CX_GUARD(error, {
        db->db.replace_document(cxshim::str(unique_term, length), doc->doc);
        count_spelling(*db, doc->doc);
    })
}

extern "C" int cx_writable_add(cx_writable *db, cx_document *doc, cx_error *error) noexcept {
    CX_GUARD(error, {
        db->db.add_document(doc->doc);
        count_spelling(*db, doc->doc);
    })
}

extern "C" int cx_writable_delete_term(cx_writable *db, const char *term, size_t length, cx_error *error) noexcept {
    CX_GUARD(error, { db->db.delete_document(cxshim::str(term, length)); })
}

extern "C" int cx_writable_postings_each(cx_writable *db, const char *term, size_t length, cx_term_visitor visitor,
                                         void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string t = cxshim::str(term, length);
        // Collected first: the visitor may replace documents, which must not happen under a live iterator.
        std::vector<Xapian::docid> ids;
        for (auto it = db->db.postlist_begin(t); it != db->db.postlist_end(t); ++it) ids.push_back(*it);
        for (auto id : ids) visitor(context, nullptr, 0, id);
    })
}

extern "C" int cx_writable_document(cx_writable *db, uint32_t docid, cx_document **out, cx_error *error) noexcept {
    CX_GUARD(error, { *out = new cx_document{db->db.get_document(docid)}; })
}

extern "C" int cx_writable_replace_id(cx_writable *db, uint32_t docid, cx_document *doc, cx_error *error) noexcept {
    CX_GUARD(error, { db->db.replace_document(docid, doc->doc); })
}

extern "C" int cx_writable_set_metadata(cx_writable *db, const char *key, size_t key_length, const char *value,
                                        size_t value_length, cx_error *error) noexcept {
    CX_GUARD(error, { db->db.set_metadata(cxshim::str(key, key_length), cxshim::str(value, value_length)); })
}

