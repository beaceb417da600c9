// Queries built directly (filters from CLI options), as opposed to parsed from text.
#include "ShimInternal.hpp"

// A fresh match-all query each time, never a copy of the static Xapian::Query::MatchAll: a
// Query's reference count is not atomic, so copies of that one shared object made and dropped
// on several threads at once (parallel searches) can free it under another thread.
extern "C" int cx_query_match_all(cx_query **out, cx_error *error) noexcept {
    CX_GUARD(error, { *out = new cx_query{Xapian::Query(std::string())}; })
}

extern "C" int cx_query_term(const char *term, size_t length, cx_query **out, cx_error *error) noexcept {
    CX_GUARD(error, { *out = new cx_query{Xapian::Query(cxshim::str(term, length))}; })
}

extern "C" int cx_query_combine(int op, cx_query *left, cx_query *right, cx_query **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        Xapian::Query::op xop;
        switch (op) {
            case CX_OP_AND: xop = Xapian::Query::OP_AND; break;
            case CX_OP_OR: xop = Xapian::Query::OP_OR; break;
            case CX_OP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
            case CX_OP_FILTER: xop = Xapian::Query::OP_FILTER; break;
            case CX_OP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
            default: throw Xapian::InvalidArgumentError("unknown query operator");
        }
        *out = new cx_query{Xapian::Query(xop, left->query, right->query)};
    })
}

extern "C" void cx_query_free(cx_query *query) noexcept {
    try { delete query; } catch (...) {}
}


extern "C" int cx_query_is_empty(cx_query *query) noexcept {
    try { return query->query.empty() ? 1 : 0; } catch (...) { return 1; }
}

extern "C" int cx_query_terms_each(cx_query *query, cx_term_visitor visitor, void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        for (auto it = query->query.get_unique_terms_begin(); it != query->query.get_unique_terms_end(); ++it) {
            const std::string term = *it;
            visitor(context, term.data(), term.size(), 0);
        }
    })
}
