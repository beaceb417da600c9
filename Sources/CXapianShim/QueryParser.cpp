// The query parser and the processors Dossier adds to it:
//  - CallbackFieldProcessor: a boolean field whose values become queries in Swift (the caller's
//    rules: slugs, actor names), called through a C function pointer.
//  - DateFieldProcessor: `published:2025-01..2025-03` over YYYYMMDD value slots; either end may
//    be a year, month or day (start rounded down, end rounded up). Xapian's own
//    DateRangeProcessor accepts only whole days and compares one slot, so a date known only
//    to the year would fall in any range touching its first day.
//  - DateTermFieldProcessor: the same syntax over multi-valued date terms (see date_terms_query).
//  - SynonymFieldProcessor: a free-text field whose registered values (actor aliases, matched
//    case-sensitively by the caller) expand to the actor's name phrase and its boolean term.
//
// Why every filter is a boolean field, dates included: Xapian's parser keeps the filters of a
// query in groups keyed by a string, ANDs the groups and ORs within a group. A range processor
// whose query is not a single value range (ours: two slots, or an OR of date terms) gets the
// empty grouping, which is also the grouping of a non-exclusive boolean field (`actor:`); and a
// range appended to a group is always ORed into it. So `actor:OPEC published:1987-03..1987-03`
// meant OPEC OR March, while the swapped order meant both. As boolean fields, each date field
// has a group of its own (its name), so filters AND whatever their order.
#include "ShimInternal.hpp"

#include <algorithm>
#include <cctype>

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

/// A boolean field whose values the caller turns into queries (see cx_field_callback).
class CallbackFieldProcessor : public Xapian::FieldProcessor {
  public:
    CallbackFieldProcessor(cx_field_callback callback, void *context) : callback_(callback), context_(context) {}
    Xapian::Query operator()(const std::string &value) override {
        cx_query *built = nullptr;
        if (callback_(context_, value.data(), value.size(), &built) != 0 || !built)
            throw Xapian::QueryParserError("field value refused");
        return built->query;
    }

  private:
    cx_field_callback callback_;
    void *context_;
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

/// Splits `START..END` (either end may be empty, not both); throws naming the field otherwise.
void split_range(const std::string &field, const std::string &value, std::string &begin, std::string &end) {
    const size_t dots = value.find("..");
    if (dots == std::string::npos || value.size() == 2)
        throw Xapian::QueryParserError(field + ": '" + value + "' is not a date range (use " + field +
                                       ":START..END with dates as YYYY, YYYY-MM or YYYY-MM-DD)");
    begin = value.substr(0, dots);
    end = value.substr(dots + 2);
}

class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    DateFieldProcessor(Xapian::valueno first_slot, Xapian::valueno last_slot, const std::string &field)
        : first_slot_(first_slot), last_slot_(last_slot), field_(field) {}
    // A date known to the day, month or year covers [first day, last day]; it matches when
    // that span lies inside the range, so `published:2025-01..2025-01` does not match an
    // article dated just "2025" (and the published-month facet, which has no month for such
    // an article, agrees with the filter).
    Xapian::Query operator()(const std::string &value) override {
        std::string begin, end, lo, hi;
        split_range(field_, value, begin, end);
        parse_bounds(field_, begin, end, lo, hi);
        Xapian::Query from(Xapian::Query::OP_VALUE_GE, first_slot_, lo);
        if (end.empty()) return from;
        return Xapian::Query(Xapian::Query::OP_AND, from, Xapian::Query(Xapian::Query::OP_VALUE_LE, last_slot_, hi));
    }

  private:
    Xapian::valueno first_slot_, last_slot_;
    std::string field_;
};

class DateTermFieldProcessor : public Xapian::FieldProcessor {
  public:
    DateTermFieldProcessor(const std::string &field, std::string prefix) : field_(field), prefix_(std::move(prefix)) {}
    Xapian::Query operator()(const std::string &value) override {
        std::string begin, end, lo, hi;
        split_range(field_, value, begin, end);
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

extern "C" int cx_queryparser_add_callback_field(cx_queryparser *qp, const char *field, int exclusive,
                                                 cx_field_callback callback, void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        auto *proc = new CallbackFieldProcessor(callback, context);
        // An empty grouping puts each use in the filter group of every non-exclusive field, where
        // uses AND; the default (the field name) ORs repeated uses.
        static const std::string empty_grouping;
        qp->parser.add_boolean_prefix(field, proc->release(), exclusive ? nullptr : &empty_grouping);
    })
}

extern "C" int cx_queryparser_add_date_field(cx_queryparser *qp, const char *field, uint32_t first_slot,
                                             uint32_t last_slot, cx_error *error) noexcept {
    CX_GUARD(error, {
        qp->parser.add_boolean_prefix(field, (new DateFieldProcessor(first_slot, last_slot, field))->release());
    })
}

extern "C" int cx_queryparser_add_date_term_field(cx_queryparser *qp, const char *field, const char *prefix,
                                                  cx_error *error) noexcept {
    CX_GUARD(error, { qp->parser.add_boolean_prefix(field, (new DateTermFieldProcessor(field, prefix))->release()); })
}

extern "C" int cx_queryparser_is_stop_word(cx_queryparser *qp, const char *word, size_t length) noexcept {
    try { return qp->stopper(cxshim::str(word, length)) ? 1 : 0; } catch (...) { return 0; }
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
        *out = new cx_query{qp->parser.parse_query(cxshim::str(text, length), f)};
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
