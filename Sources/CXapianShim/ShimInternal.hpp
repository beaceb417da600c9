// Internal to CXapianShim: the structs behind the opaque handles, and the helpers every
// entry point uses. Never included by the public header.
#ifndef CXAPIANSHIM_INTERNAL_HPP
#define CXAPIANSHIM_INTERNAL_HPP

#include "CXapianShim.h"

#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <exception>
#include <utility>
#include <unordered_map>
#include <vector>

struct cx_database {
    Xapian::Database db;
    /// The shards of `db`, in order, when its match sets read documents from each shard in
    /// parallel (remote shards, `cx_database_combine`); empty otherwise.
    std::vector<Xapian::Database> shards;
};
struct cx_writable {
    Xapian::WritableDatabase db;
    /// When true, every document added or replaced has its words counted into `spelling`,
    /// which cx_writable_commit adds to the spelling dictionary (see Database.cpp).
    bool collect_spelling = false;
    std::unordered_map<std::string, Xapian::termcount> spelling;
};
struct cx_document { Xapian::Document doc; };
struct cx_query { Xapian::Query query; };

struct cx_indexer {
    Xapian::TermGenerator generator;
    Xapian::Stem stemmer;
    Xapian::SimpleStopper stopper;
    bool positions = true;
};

class SynonymFieldProcessor;

struct cx_queryparser {
    Xapian::QueryParser parser;
    Xapian::Database db;
    Xapian::Stem stemmer;
    Xapian::SimpleStopper stopper;
    // Borrowed: each processor is owned (reference-counted) by `parser` once released to it.
    std::map<std::string, SynonymFieldProcessor *> synonym_fields;
};

/// Splits a multi-valued slot value into its items (empty items are skipped) and calls `each`.
template <typename Each>
void for_each_item(const std::string &value, char separator, Each each) {
    size_t start = 0;
    while (start < value.size()) {
        size_t end = separator ? value.find(separator, start) : std::string::npos;
        if (end == std::string::npos) end = value.size();
        if (end > start) each(value.substr(start, end - start));
        start = end + 1;
    }
}

/// Counts (a, b) pairs of items from two value slots over every document the matcher examines:
/// a document holding actors {A, B} and months {M} counts (A, M) and (B, M) once each.
///
/// Why: `dossier count --by actor --by published-month` is an actor x month matrix. One pass
/// over the matches with this spy gives every cell exactly; the alternative, one filtered
/// query per row, costs a full match per actor. It reads value slots,
/// not term lists. Pairs are stored under "a" + separator + "b" (items never hold the separator).
class PairCountSpy : public Xapian::MatchSpy {
  public:
    PairCountSpy(Xapian::valueno first, Xapian::valueno second, char separator)
        : first_(first), second_(second), separator_(separator) {}

    void operator()(const Xapian::Document &doc, double) override {
        ++total_;
        const std::string a = doc.get_value(first_);
        if (a.empty()) return;
        const std::string b = doc.get_value(second_);
        if (b.empty()) return;
        std::vector<std::string> rights;
        for_each_item(b, separator_, [&](std::string item) { rights.push_back(std::move(item)); });
        for_each_item(a, separator_, [&](const std::string &left) {
            for (const auto &right : rights) ++counts_[left + separator_ + right];
        });
    }

    std::string name() const override { return "Dossier::PairCountSpy"; }

    const std::unordered_map<std::string, uint32_t> &counts() const { return counts_; }
    char separator() const { return separator_; }
    uint32_t total() const { return total_; }

  private:
    Xapian::valueno first_, second_;
    char separator_;
    uint32_t total_ = 0;
    std::unordered_map<std::string, uint32_t> counts_;
};

namespace cxshim {
/// Thrown out of a match by DeadlineSpy; translate_current_exception makes it CX_ERR_TIMED_OUT.
struct MatchTimedOut : std::exception {
    const char *what() const noexcept override { return "the match ran past its time limit"; }
};
}

/// Ends a match that runs past its deadline by throwing out of it. Xapian 1.4's own
/// Enquire::set_time_limit only stops honouring check_at_least, and was not seen to cut an
/// exhaustive count (every Dossier search is one: exact totals and facets), so a spy, which
/// the matcher shows every document it examines, looks at the clock instead.
class DeadlineSpy : public Xapian::MatchSpy {
  public:
    explicit DeadlineSpy(std::chrono::steady_clock::time_point deadline) : deadline_(deadline) {}

    void operator()(const Xapian::Document &, double) override {
        if (!armed_ || (++seen_ & 255) != 0) return;
        if (std::chrono::steady_clock::now() >= deadline_) throw cxshim::MatchTimedOut();
    }

    std::string name() const override { return "Dossier::DeadlineSpy"; }

    void rearm(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; armed_ = true; seen_ = 0; }
    void disarm() { armed_ = false; }

  private:
    std::chrono::steady_clock::time_point deadline_;
    bool armed_ = true;
    uint32_t seen_ = 0;
};

struct cx_facet_spy { Xapian::ValueCountMatchSpy *spy; };
struct cx_pair_spy { PairCountSpy *spy; };

struct cx_enquire {
    Xapian::Enquire enquire;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    std::vector<std::unique_ptr<cx_facet_spy>> handles;
    std::vector<std::unique_ptr<PairCountSpy>> pair_spies;
    std::vector<std::unique_ptr<cx_pair_spy>> pair_handles;
    std::unique_ptr<DeadlineSpy> deadline;
    /// The database's shards for parallel document reads (`cx_database::shards`).
    std::vector<Xapian::Database> shards;
    cx_enquire(const Xapian::Database &db, const std::vector<Xapian::Database> &shards_)
        : enquire(db), shards(shards_) {}
};

/// Threads joined when the owner goes, also when an exception (a thread that could not be
/// started) leaves the scope early: a joinable std::thread destroyed unjoined ends the process.
struct JoiningThreads {
    std::vector<std::thread> threads;
    template <typename F, typename... A> void start(F &&f, A &&...a) {
        threads.emplace_back(std::forward<F>(f), std::forward<A>(a)...);
    }
    void join() {
        for (auto &thread : threads)
            if (thread.joinable()) thread.join();
    }
    ~JoiningThreads() { join(); }
};

/// A match set and the documents of its items, each read once. Over remote shards every
/// document read is a round trip to its server, and Xapian 1.4's MSet kept no document it read
/// for an item: each value read of a hit read its document again (seen with strace: two round
/// trips per batch hit, for its article and paragraph). `Xapian::MSet::fetch()` would keep
/// them, but it crashed here (in `Enquire::Internal::request_doc`, debug build, local indexes)
/// and 1.4's remote backend reads the documents it requests one at a time anyway; so the page
/// keeps the document last read itself (a hit's reads come one after another, and an export's
/// memory stays one document, not one page of them).
///
/// Over remote shards (`shards` not empty) the page reads all its documents at the first one
/// asked for, from every shard at once: one thread per shard, each reading its own shard's
/// documents through that shard's own database (its own connection; Xapian objects are not
/// thread-safe, so no two threads share one), while the caller waits. A combined database
/// numbers documents round-robin over its shards: docid `d` is document `(d - 1) / n + 1` of
/// shard `(d - 1) % n`.
struct cx_mset {
    Xapian::MSet mset;
    std::vector<Xapian::Database> shards;
    std::vector<Xapian::Document> documents;  // by item: over remote shards, the whole page
    bool read_page = false;
    Xapian::doccount last_index = Xapian::doccount(-1);
    Xapian::Document last_document;

    cx_mset(const Xapian::MSet &mset_, const std::vector<Xapian::Database> &shards_) : mset(mset_), shards(shards_) {}

    /// The document of item `index`, read once.
    Xapian::Document document(uint32_t index) {
        if (index >= mset.size()) throw Xapian::RangeError("match set index out of range");
        if (!read_page && shards.size() > 1 && mset.size() > 1) {
            read_in_parallel();
            read_page = true;
        }
        if (!documents.empty()) return documents[index];
        if (index != last_index) {
            last_document = mset[index].get_document();
            last_index = index;
        }
        return last_document;
    }

private:
    void read_in_parallel() {
        const size_t n = shards.size();
        std::vector<std::vector<std::pair<size_t, Xapian::docid>>> work(n);
        for (Xapian::doccount i = 0; i < mset.size(); ++i) {
            const Xapian::docid d = *mset[i];
            work[(d - 1) % n].emplace_back(i, (d - 1) / n + 1);
        }
        std::vector<Xapian::Document> read(mset.size());
        std::vector<std::exception_ptr> errors(n);
        auto read_shard = [&](size_t s) {
            try {
                for (const auto &item : work[s]) read[item.first] = shards[s].get_document(item.second);
            } catch (...) {
                errors[s] = std::current_exception();
            }
        };
        JoiningThreads threads;
        size_t inline_shard = n;
        for (size_t s = 0; s < n; ++s) {
            if (work[s].empty()) continue;
            if (inline_shard == n) {
                inline_shard = s;  // the calling thread reads one shard itself
                continue;
            }
            threads.start(read_shard, s);
        }
        if (inline_shard < n) read_shard(inline_shard);
        threads.join();
        for (const auto &error : errors) {
            if (error) std::rethrow_exception(error);
        }
        documents = std::move(read);
    }
};

namespace cxshim {

/// Classifies the exception in flight into `error` and returns its code. Call only from a
/// catch block. The single place where Xapian's error classes become cx_error_code values.
int translate_current_exception(cx_error *error) noexcept;

/// Copies bytes into a malloc'ed buffer (NUL-terminated for convenience) for the caller.
void copy_out(const std::string &value, char **out, size_t *out_length);

/// Builds a std::string from a (pointer, length) pair; a null pointer is the empty string.
inline std::string str(const char *bytes, size_t length) {
    return bytes ? std::string(bytes, length) : std::string();
}

/// The stop words Dossier removes, per language (English: Xapian's own list from omindex).
void add_stop_words(Xapian::SimpleStopper &stopper, const std::string &language);

/// Maps CX_STEM_* to Xapian's strategy enums.
Xapian::TermGenerator::stem_strategy generator_strategy(int strategy);
Xapian::QueryParser::stem_strategy parser_strategy(int strategy);

/// Parses a date bound (YYYY, YYYY-MM, YYYY-MM-DD, YYYYMM, YYYYMMDD) into YYYYMMDD, rounding
/// down (start) or up (end). Returns false for text that is not such a date.
bool parse_date_bound(const std::string &text, bool round_up, std::string &yyyymmdd);

/// The OR of date terms (`prefix`YYYY, YYYYMM, YYYYMMDD) covering [low, high] (YYYYMMDD).
Xapian::Query date_terms_query(const std::string &prefix, const std::string &low, const std::string &high);

}  // namespace cxshim

/// Runs `body`; any exception becomes a status code and a filled-in error.
#define CX_GUARD(error, ...)                                         \
    try {                                                            \
        __VA_ARGS__;                                                 \
        return CX_OK;                                                \
    } catch (...) {                                                  \
        return cxshim::translate_current_exception(error);          \
    }

#endif
