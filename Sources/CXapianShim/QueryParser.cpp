// The query parser and the processors Dossier adds to it:
//  - AliasFieldProcessor: a boolean field whose value is folded to a slug and, when no such
//    value is indexed, looked up in the index's alias tables (metadata `alias:let` lists
//    `lashkar-e-taiba`), so users type names, not ids: `actor:LeT` -> XAlashkar-e-taiba.
//  - FlexibleDateRangeProcessor: `published:2025-01..2025-03` over YYYYMMDD value slots; either
//    end may be a year, month or day (start rounded down, end rounded up). Xapian's own
//    DateRangeProcessor accepts only whole days and compares one slot, so a date known only
//    to the year would fall in any range touching its first day.
//  - DateTermRangeProcessor: the same syntax over multi-valued date terms (see date_terms_query).
//  - SynonymFieldProcessor: a free-text field whose registered values (actor aliases, matched
//    case-sensitively by the caller) expand to the actor's name phrase and its boolean term.
#include "ShimInternal.hpp"

#include <algorithm>
#include <set>
#include <cctype>

std::string cxshim::slug(const std::string &name) {
    std::string out;
    bool pending_dash = false;
    for (unsigned char c : name) {
        char kept = 0;
        if (c >= 'A' && c <= 'Z') kept = char(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) kept = char(c);
        if (kept) {
            if (pending_dash && !out.empty()) out += '-';
            pending_dash = false;
            out += kept;
        } else {
            pending_dash = true;
        }
    }
    if (out.size() > 200) {
        out.resize(200);
        // Do not cut a UTF-8 sequence in half.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    }
    return out;
}

namespace {

int days_in(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
    return days[month - 1];
}

bool all_digits(const std::string &s) {
    for (char c : s) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return !s.empty();
}

std::string fmt(int y, int m, int d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    return buf;
}

}  // namespace

bool cxshim::parse_date_bound(const std::string &text, bool round_up, std::string &yyyymmdd) {
    std::string digits;
    // Accept YYYY, YYYY-MM, YYYY-MM-DD and the same without dashes.
    if (text.size() == 7 && text[4] == '-') digits = text.substr(0, 4) + text.substr(5, 2);
    else if (text.size() == 10 && text[4] == '-' && text[7] == '-')
        digits = text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
    else digits = text;
    if (!all_digits(digits) || (digits.size() != 4 && digits.size() != 6 && digits.size() != 8)) return false;
    int y = std::stoi(digits.substr(0, 4));
    int m = digits.size() >= 6 ? std::stoi(digits.substr(4, 2)) : (round_up ? 12 : 1);
    if (m < 1 || m > 12 || y < 1) return false;
    int d = digits.size() == 8 ? std::stoi(digits.substr(6, 2)) : (round_up ? days_in(y, m) : 1);
    if (d < 1 || d > days_in(y, m)) return false;
    yyyymmdd = fmt(y, m, d);
    return true;
}

Xapian::Query cxshim::date_terms_query(const std::string &prefix, const std::string &low, const std::string &high) {
    // Decompose [low, high] into the fewest whole years, whole months and single days, as
    // Recoll's daterange.cpp does; a passage indexes the year, month and day terms of each date
    // it mentions at the date's own precision (XD2008, XD200811, XD20081126).
    std::vector<Xapian::Query> parts;
    int y = std::stoi(low.substr(0, 4)), m = std::stoi(low.substr(4, 2)), d = std::stoi(low.substr(6, 2));
    const int end = std::stoi(high);
    auto key = [&](int yy, int mm, int dd) { return yy * 10000 + mm * 100 + dd; };
    while (key(y, m, d) <= end) {
        char buf[16];
        if (m == 1 && d == 1 && key(y, 12, 31) <= end) {
            std::snprintf(buf, sizeof buf, "%04d", y);
            parts.emplace_back(prefix + buf);
            y += 1;
        } else if (d == 1 && key(y, m, days_in(y, m)) <= end) {
            std::snprintf(buf, sizeof buf, "%04d%02d", y, m);
            parts.emplace_back(prefix + buf);
            if (++m > 12) { m = 1; y += 1; }
        } else {
            std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
            parts.emplace_back(prefix + buf);
            if (++d > days_in(y, m)) { d = 1; if (++m > 12) { m = 1; y += 1; } }
        }
        if (parts.size() > 100000) throw Xapian::QueryParserError("date range too long");
    }
    if (parts.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

class AliasFieldProcessor : public Xapian::FieldProcessor {
  public:
    AliasFieldProcessor(std::string prefix, bool slugify, Xapian::Database db)
        : prefix_(std::move(prefix)), slugify_(slugify), db_(std::move(db)) {}
    /// The value's term; with alias tables, a value that is not itself indexed is looked up
    /// in them and becomes the one indexed value they list (an alias or surname shared by
    /// two live values stays as typed, and matches nothing).
    /// The tables are tried in the order they were added (aliases before surnames): the first
    /// that lists exactly one live value decides; one listing several makes the value
    /// ambiguous. A value left unresolved is remembered (see `unresolved`).
    Xapian::Query operator()(const std::string &value) override {
        std::string key = slugify_ ? cxshim::slug(value) : value;
        if (!tables_.empty() && !db_.term_exists(prefix_ + key)) {
            bool resolved = false;
            for (const auto &table : tables_) {
                if (key.empty()) break;
                std::set<std::string> live;
                const std::string listed = db_.get_metadata(table + key);
                size_t start = 0;
                while (start < listed.size()) {
                    size_t end = listed.find('\x1f', start);
                    if (end == std::string::npos) end = listed.size();
                    std::string candidate = listed.substr(start, end - start);
                    if (!candidate.empty() && db_.term_exists(prefix_ + candidate)) live.insert(candidate);
                    start = end + 1;
                }
                if (live.empty()) continue;
                if (live.size() == 1) {
                    key = *live.begin();
                    resolved = true;
                }
                break;
            }
            if (!resolved) unresolved_.push_back(value);
        }
        return Xapian::Query(prefix_ + key);
    }
    void add_alias_table(const std::string &metadata_prefix) { tables_.push_back(metadata_prefix); }
    /// Values of the last parse that name no indexed value (only with alias tables).
    const std::vector<std::string> &unresolved() const { return unresolved_; }
    void forget_unresolved() { unresolved_.clear(); }

  private:
    std::string prefix_;
    bool slugify_;
    Xapian::Database db_;
    /// Metadata key prefixes: key = prefix + slug, value = values joined by U+001F.
    std::vector<std::string> tables_;
    std::vector<std::string> unresolved_;
};

/// Expands registered keys: `field:KEY` becomes the registered text as a phrase, OR the
/// registered name as a phrase, OR the registered boolean term.
///
/// Why not Xapian's synonym table: the QueryParser looks synonyms up by the lower-cased term,
/// so a synonym for the acronym "LeT" would also expand the English word "let". The caller
/// recognises alias tokens with their case and routes only those here, each as an opaque key
/// (`dossieralias:s3`): the parser lower-cases a free-text field's value and passes no quoted
/// or multi-word value to a field processor, so the key must be one plain lower-case word.
/// The phrases are parsed by a private QueryParser (a FieldProcessor must not re-enter the
/// parser that called it).
class SynonymFieldProcessor : public Xapian::FieldProcessor {
  public:
    SynonymFieldProcessor(const Xapian::Stem &stemmer, const Xapian::Stopper *stopper) {
        phrases_.set_stemmer(stemmer);
        phrases_.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
        phrases_.set_stopper(stopper);
    }

    Xapian::Query operator()(const std::string &value) override {
        auto it = entries_.find(value);
        if (it == entries_.end()) return phrase(value);
        const Entry &entry = it->second;
        std::vector<Xapian::Query> parts{phrase(entry.text), Xapian::Query(entry.term)};
        if (entry.name != entry.text) parts.push_back(phrase(entry.name));
        return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }

    void add(const std::string &key, const std::string &text, const std::string &name, const std::string &term) {
        entries_[key] = Entry{text, name, term};
    }

  private:
    struct Entry { std::string text, name, term; };

    Xapian::Query phrase(std::string text) {
        text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
        return phrases_.parse_query("\"" + text + "\"", Xapian::QueryParser::FLAG_PHRASE);
    }

    Xapian::QueryParser phrases_;
    std::map<std::string, Entry> entries_;
};

namespace {

/// Parses both ends of a range; an empty end is open. Throws a QueryParserError naming the field.
void parse_bounds(const std::string &field, const std::string &begin, const std::string &end, std::string &lo,
                  std::string &hi) {
    lo = "00000101";
    hi = "99991231";
    if (!begin.empty() && !cxshim::parse_date_bound(begin, false, lo))
        throw Xapian::QueryParserError(field + " range: '" + begin +
                                       "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    if (!end.empty() && !cxshim::parse_date_bound(end, true, hi))
        throw Xapian::QueryParserError(field + " range: '" + end +
                                       "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    if (lo > hi) throw Xapian::QueryParserError(field + " range: the start " + begin + " is after the end " + end);
}

class FlexibleDateRangeProcessor : public Xapian::RangeProcessor {
  public:
    FlexibleDateRangeProcessor(Xapian::valueno first_slot, Xapian::valueno last_slot, const std::string &field)
        : Xapian::RangeProcessor(first_slot, field + ":"), last_slot_(last_slot), field_(field) {}
    // A date known to the day, month or year covers [first day, last day]; it matches when
    // that span lies inside the range, so `published:2025-01..2025-01` does not match an
    // article dated just "2025" (and the published-month facet, which has no month for such
    // an article, agrees with the filter).
    Xapian::Query operator()(const std::string &begin, const std::string &end) override {
        std::string lo, hi;
        parse_bounds(field_, begin, end, lo, hi);
        Xapian::Query from(Xapian::Query::OP_VALUE_GE, slot, lo);
        if (end.empty()) return from;
        return Xapian::Query(Xapian::Query::OP_AND, from, Xapian::Query(Xapian::Query::OP_VALUE_LE, last_slot_, hi));
    }

  private:
    Xapian::valueno last_slot_;
    std::string field_;
};

class DateTermRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateTermRangeProcessor(const std::string &field, std::string prefix)
        : Xapian::RangeProcessor(Xapian::BAD_VALUENO, field + ":"), field_(field), prefix_(std::move(prefix)) {}
    Xapian::Query operator()(const std::string &begin, const std::string &end) override {
        std::string lo, hi;
        parse_bounds(field_, begin, end, lo, hi);
        if (begin.empty() || end.empty())
            throw Xapian::QueryParserError(field_ + " range needs both ends, e.g. " + field_ + ":2008..2008");
        return cxshim::date_terms_query(prefix_, lo, hi);
    }

  private:
    std::string field_, prefix_;
};

}  // namespace

Xapian::QueryParser::stem_strategy cxshim::parser_strategy(int strategy) {
    switch (strategy) {
        case CX_STEM_NONE: return Xapian::QueryParser::STEM_NONE;
        case CX_STEM_ALL: return Xapian::QueryParser::STEM_ALL;
        case CX_STEM_ALL_Z: return Xapian::QueryParser::STEM_ALL_Z;
        default: return Xapian::QueryParser::STEM_SOME;
    }
}

extern "C" int cx_queryparser_new(cx_database *db, const char *language, int stem_strategy, cx_queryparser **out,
                                  cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string lang = language ? language : "none";
        auto qp = std::make_unique<cx_queryparser>();
        qp->db = db->db;
        qp->stemmer = Xapian::Stem(lang);
        cxshim::add_stop_words(qp->stopper, lang);
        qp->parser.set_database(qp->db);
        qp->parser.set_stemmer(qp->stemmer);
        qp->parser.set_stemming_strategy(cxshim::parser_strategy(stem_strategy));
        qp->parser.set_stopper(&qp->stopper);
        qp->parser.set_default_op(Xapian::Query::OP_AND);
        // A wildcard over a huge vocabulary must not blow up: keep the 1000 most frequent terms.
        qp->parser.set_max_expansion(1000, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        *out = qp.release();
    })
}

extern "C" void cx_queryparser_free(cx_queryparser *qp) noexcept {
    try { delete qp; } catch (...) {}
}

extern "C" int cx_queryparser_add_prefix(cx_queryparser *qp, const char *field, const char *prefix,
                                         cx_error *error) noexcept {
    CX_GUARD(error, { qp->parser.add_prefix(field, prefix); })
}

extern "C" int cx_queryparser_add_boolean_prefix(cx_queryparser *qp, const char *field, const char *prefix,
                                                 int exclusive, int slugify, cx_error *error) noexcept {
    CX_GUARD(error, {
        auto *proc = new AliasFieldProcessor(prefix, slugify != 0, qp->db);
        qp->fields[field] = proc;
        // An empty grouping puts each use in its own group, so repeated filters AND together;
        // the default (the field name) ORs them.
        static const std::string empty_grouping;
        qp->parser.add_boolean_prefix(field, proc->release(), exclusive ? nullptr : &empty_grouping);
    })
}

extern "C" int cx_queryparser_add_alias_table(cx_queryparser *qp, const char *field, const char *metadata_prefix,
                                              cx_error *error) noexcept {
    CX_GUARD(error, {
        auto it = qp->fields.find(field);
        if (it == qp->fields.end())
            throw Xapian::InvalidArgumentError(std::string("no boolean field named ") + field);
        it->second->add_alias_table(metadata_prefix);
    })
}

extern "C" int cx_queryparser_add_date_range(cx_queryparser *qp, const char *field, uint32_t first_slot,
                                             uint32_t last_slot, cx_error *error) noexcept {
    CX_GUARD(error, {
        qp->parser.add_rangeprocessor((new FlexibleDateRangeProcessor(first_slot, last_slot, field))->release());
    })
}

extern "C" int cx_queryparser_add_date_term_range(cx_queryparser *qp, const char *field, const char *prefix,
                                                   cx_error *error) noexcept {
    CX_GUARD(error, { qp->parser.add_rangeprocessor((new DateTermRangeProcessor(field, prefix))->release()); })
}

extern "C" int cx_queryparser_parse(cx_queryparser *qp, const char *text, size_t length, int flags, int default_or,
                                    cx_query **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        unsigned f = 0;
        if (flags & CX_QP_BOOLEAN) f |= Xapian::QueryParser::FLAG_BOOLEAN;
        if (flags & CX_QP_PHRASE) f |= Xapian::QueryParser::FLAG_PHRASE;
        if (flags & CX_QP_LOVEHATE) f |= Xapian::QueryParser::FLAG_LOVEHATE;
        if (flags & CX_QP_BOOLEAN_ANY_CASE) f |= Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;
        if (flags & CX_QP_WILDCARD) f |= Xapian::QueryParser::FLAG_WILDCARD;
        if (flags & CX_QP_PURE_NOT) f |= Xapian::QueryParser::FLAG_PURE_NOT;
        if (flags & CX_QP_PARTIAL) f |= Xapian::QueryParser::FLAG_PARTIAL;
        if (flags & CX_QP_SPELLING_CORRECTION) f |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
        if (flags & CX_QP_SYNONYM) f |= Xapian::QueryParser::FLAG_SYNONYM;
        if (flags & CX_QP_AUTO_SYNONYMS) f |= Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
        if (flags & CX_QP_AUTO_MULTIWORD_SYNONYMS) f |= Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
        qp->parser.set_default_op(default_or ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
        for (auto &field : qp->fields) field.second->forget_unresolved();
        *out = new cx_query{qp->parser.parse_query(cxshim::str(text, length), f)};
    })
}

extern "C" int cx_queryparser_unresolved_each(cx_queryparser *qp, const char *field, cx_term_visitor visitor,
                                              void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        auto it = qp->fields.find(field);
        if (it == qp->fields.end())
            throw Xapian::InvalidArgumentError(std::string("no boolean field named ") + field);
        for (const auto &value : it->second->unresolved()) visitor(context, value.data(), value.size(), 0);
    })
}

extern "C" int cx_queryparser_add_synonym_field(cx_queryparser *qp, const char *field, cx_error *error) noexcept {
    CX_GUARD(error, {
        auto *proc = new SynonymFieldProcessor(qp->stemmer, &qp->stopper);
        qp->synonym_fields[field] = proc;
        qp->parser.add_prefix(field, proc->release());
    })
}

extern "C" int cx_queryparser_add_phrase_synonym(cx_queryparser *qp, const char *field, const char *key,
                                                 size_t key_length, const char *text, size_t text_length,
                                                 const char *name, size_t name_length, const char *term,
                                                 size_t term_length, cx_error *error) noexcept {
    CX_GUARD(error, {
        auto it = qp->synonym_fields.find(field);
        if (it == qp->synonym_fields.end())
            throw Xapian::InvalidArgumentError(std::string("no synonym field named ") + field);
        it->second->add(cxshim::str(key, key_length), cxshim::str(text, text_length), cxshim::str(name, name_length),
                        cxshim::str(term, term_length));
    })
}

extern "C" int cx_queryparser_corrected(cx_queryparser *qp, char **out, size_t *out_length, cx_error *error) noexcept {
    CX_GUARD(error, { cxshim::copy_out(qp->parser.get_corrected_query_string(), out, out_length); })
}
