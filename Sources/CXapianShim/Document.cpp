// Documents and the term generator that fills them.
#include "ShimInternal.hpp"

extern "C" int cx_document_new(cx_document **out, cx_error *error) noexcept {
    CX_GUARD(error, { *out = new cx_document{Xapian::Document()}; })
}

extern "C" void cx_document_free(cx_document *doc) noexcept {
    try { delete doc; } catch (...) {}
}

extern "C" int cx_document_add_boolean_term(cx_document *doc, const char *term, size_t length,
                                            cx_error *error) noexcept {
    CX_GUARD(error, { doc->doc.add_boolean_term(cxshim::str(term, length)); })
}

extern "C" int cx_document_add_value(cx_document *doc, uint32_t slot, const char *value, size_t length,
                                     cx_error *error) noexcept {
    CX_GUARD(error, { doc->doc.add_value(slot, cxshim::str(value, length)); })
}

extern "C" int cx_document_set_data(cx_document *doc, const char *data, size_t length, cx_error *error) noexcept {
    CX_GUARD(error, { doc->doc.set_data(cxshim::str(data, length)); })
}

extern "C" int cx_document_data(cx_document *doc, char **out, size_t *out_length, cx_error *error) noexcept {
    CX_GUARD(error, { cxshim::copy_out(doc->doc.get_data(), out, out_length); })
}

extern "C" int cx_document_remove_term(cx_document *doc, const char *term, size_t length, cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string t = cxshim::str(term, length);
        auto it = doc->doc.termlist_begin();
        it.skip_to(t);
        if (it != doc->doc.termlist_end() && *it == t) doc->doc.remove_term(t);
    })
}

extern "C" int cx_document_terms_each(cx_document *doc, const char *prefix, size_t prefix_length, cx_term_visitor visitor,
                                      void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string p = cxshim::str(prefix, prefix_length);
        std::vector<std::pair<std::string, Xapian::termcount>> terms;
        auto it = doc->doc.termlist_begin();
        for (it.skip_to(p); it != doc->doc.termlist_end(); ++it) {
            const std::string term = *it;
            if (term.compare(0, p.size(), p) != 0) break;
            terms.emplace_back(term, it.get_wdf());
        }
        for (const auto &entry : terms) visitor(context, entry.first.data(), entry.first.size(), entry.second);
    })
}

extern "C" int cx_document_remove_value(cx_document *doc, uint32_t slot, cx_error *error) noexcept {
    CX_GUARD(error, { doc->doc.remove_value(slot); })
}

Xapian::TermGenerator::stem_strategy cxshim::generator_strategy(int strategy) {
    switch (strategy) {
        case CX_STEM_NONE: return Xapian::TermGenerator::STEM_NONE;
        case CX_STEM_ALL: return Xapian::TermGenerator::STEM_ALL;
        case CX_STEM_ALL_Z: return Xapian::TermGenerator::STEM_ALL_Z;
        default: return Xapian::TermGenerator::STEM_SOME;
    }
}

extern "C" int cx_indexer_new(const char *language, int stem_strategy, int flags, cx_indexer **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string lang = language ? language : "none";
        auto ix = std::make_unique<cx_indexer>();
        ix->stemmer = Xapian::Stem(lang);
        cxshim::add_stop_words(ix->stopper, lang);
        ix->generator.set_stemmer(ix->stemmer);
        ix->generator.set_stemming_strategy(cxshim::generator_strategy(stem_strategy));
        ix->generator.set_stopper(&ix->stopper);
        // Stop words are kept unstemmed-only (STOP_STEMMED): a phrase like "the Taliban regime"
        // still matches positionally, while "the" adds no stemmed term to rank on.
        ix->generator.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
        // No FLAG_SPELLING: the writer counts the words of each document it writes instead
        // (cx_writable_set_spelling), so a generator needs no database and can run on any thread.
        ix->positions = (flags & CX_INDEX_POSITIONS) != 0;
        *out = ix.release();
    })
}

extern "C" void cx_indexer_free(cx_indexer *indexer) noexcept {
    try { delete indexer; } catch (...) {}
}

extern "C" int cx_indexer_set_document(cx_indexer *indexer, cx_document *doc, cx_error *error) noexcept {
    CX_GUARD(error, {
        indexer->generator.set_document(doc->doc);
        indexer->generator.set_termpos(0);
    })
}

extern "C" int cx_indexer_index_text(cx_indexer *indexer, const char *text, size_t length, uint32_t wdf_increment,
                                     const char *prefix, size_t prefix_length, cx_error *error) noexcept {
    CX_GUARD(error, {
        const std::string t = cxshim::str(text, length), p = cxshim::str(prefix, prefix_length);
        if (indexer->positions) {
            indexer->generator.index_text(t, wdf_increment, p);
        } else {
            indexer->generator.index_text_without_positions(t, wdf_increment, p);
        }
    })
}

extern "C" int cx_indexer_increase_termpos(cx_indexer *indexer, uint32_t delta, cx_error *error) noexcept {
    CX_GUARD(error, { indexer->generator.increase_termpos(delta); })
}

extern "C" int cx_indexer_detach(cx_indexer *indexer, cx_error *error) noexcept {
    CX_GUARD(error, { indexer->generator.set_document(Xapian::Document()); })
}
