// Matching: Enquire, the facet match spies, and match sets.
#include "ShimInternal.hpp"


extern "C" int cx_enquire_new(cx_database *db, cx_query *query, cx_enquire **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        auto enq = std::make_unique<cx_enquire>(db->db, db->shards);
        enq->enquire.set_query(query->query);
        enq->enquire.set_weighting_scheme(Xapian::BM25Weight());
        // Ties (equal BM25 weight) break by ascending docid, so pages are stable and
        // concatenating pages gives the same list as one big page.
        enq->enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        *out = enq.release();
    })
}

extern "C" void cx_enquire_free(cx_enquire *enquire) noexcept {
    try { delete enquire; } catch (...) {}
}

extern "C" int cx_enquire_set_bm25(cx_enquire *enquire, double k1, double b, cx_error *error) noexcept {
    CX_GUARD(error, { enquire->enquire.set_weighting_scheme(Xapian::BM25Weight(k1, 0, 1, b, 0.5)); })
}

extern "C" int cx_enquire_set_ineb2(cx_enquire *enquire, double c, cx_error *error) noexcept {
    CX_GUARD(error, { enquire->enquire.set_weighting_scheme(Xapian::IneB2Weight(c)); })
}

extern "C" int cx_enquire_set_sort(cx_enquire *enquire, int order, uint32_t slot, cx_error *error) noexcept {
    CX_GUARD(error, {
        switch (order) {
            case CX_SORT_VALUE_ASCENDING: enquire->enquire.set_sort_by_value_then_relevance(slot, false); break;
            case CX_SORT_VALUE_DESCENDING: enquire->enquire.set_sort_by_value_then_relevance(slot, true); break;
            default: enquire->enquire.set_sort_by_relevance(); break;
        }
    })
}

extern "C" int cx_enquire_set_collapse(cx_enquire *enquire, uint32_t slot, uint32_t max, cx_error *error) noexcept {
    CX_GUARD(error, { enquire->enquire.set_collapse_key(slot, max); })
}

extern "C" int cx_enquire_set_time_limit(cx_enquire *enquire, double seconds, cx_error *error) noexcept {
    CX_GUARD(error, { enquire->enquire.set_time_limit(seconds); })
}

extern "C" int cx_enquire_set_deadline(cx_enquire *enquire, double seconds, cx_error *error) noexcept {
    CX_GUARD(error, {
        if (seconds < 0) {
            if (enquire->deadline) enquire->deadline->disarm();
            return CX_OK;
        }
        const auto deadline = std::chrono::steady_clock::now()
            + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
        if (enquire->deadline) {
            enquire->deadline->rearm(deadline);
        } else {
            enquire->deadline = std::make_unique<DeadlineSpy>(deadline);
            enquire->enquire.add_matchspy(enquire->deadline.get());
        }
    })
}

extern "C" int cx_enquire_add_facet(cx_enquire *enquire, uint32_t slot, cx_facet_spy **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        enquire->spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        enquire->enquire.add_matchspy(enquire->spies.back().get());
        enquire->handles.push_back(std::make_unique<cx_facet_spy>(cx_facet_spy{enquire->spies.back().get()}));
        *out = enquire->handles.back().get();
    })
}

extern "C" int cx_enquire_add_pair_facet(cx_enquire *enquire, uint32_t first_slot, uint32_t second_slot,
                                         char separator, cx_pair_spy **out, cx_error *error) noexcept {
    CX_GUARD(error, {
        enquire->pair_spies.push_back(std::make_unique<PairCountSpy>(first_slot, second_slot, separator));
        enquire->enquire.add_matchspy(enquire->pair_spies.back().get());
        enquire->pair_handles.push_back(std::make_unique<cx_pair_spy>(cx_pair_spy{enquire->pair_spies.back().get()}));
        *out = enquire->pair_handles.back().get();
    })
}

extern "C" int cx_enquire_mset(cx_enquire *enquire, uint32_t first, uint32_t max, uint32_t check_at_least,
                               cx_mset **out, cx_error *error) noexcept {
    CX_GUARD(error, { *out = new cx_mset(enquire->enquire.get_mset(first, max, check_at_least), enquire->shards); })
}

extern "C" int cx_facet_spy_each(cx_facet_spy *spy, cx_term_visitor visitor, void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        for (auto it = spy->spy->values_begin(); it != spy->spy->values_end(); ++it) {
            const std::string value = *it;
            visitor(context, value.data(), value.size(), it.get_termfreq());
        }
    })
}

extern "C" uint32_t cx_facet_spy_total(cx_facet_spy *spy) noexcept {
    try { return spy->spy->get_total(); } catch (...) { return 0; }
}

extern "C" int cx_pair_spy_each(cx_pair_spy *spy, cx_pair_visitor visitor, void *context, cx_error *error) noexcept {
    CX_GUARD(error, {
        const char separator = spy->spy->separator();
        for (const auto &entry : spy->spy->counts()) {
            const std::string &key = entry.first;
            const size_t split = key.find(separator);
            if (split == std::string::npos) continue;
            visitor(context, key.data(), split, key.data() + split + 1, key.size() - split - 1, entry.second);
        }
    })
}

extern "C" uint32_t cx_pair_spy_total(cx_pair_spy *spy) noexcept { return spy->spy->total(); }

extern "C" void cx_mset_free(cx_mset *mset) noexcept {
    try { delete mset; } catch (...) {}
}

extern "C" uint32_t cx_mset_size(cx_mset *mset) noexcept { return mset->mset.size(); }

extern "C" void cx_mset_counts(cx_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper) noexcept {
    *lower = mset->mset.get_matches_lower_bound();
    *estimated = mset->mset.get_matches_estimated();
    *upper = mset->mset.get_matches_upper_bound();
}

extern "C" int cx_mset_item(cx_mset *mset, uint32_t index, uint32_t *docid, double *weight, char **data,
                            size_t *data_length, cx_error *error) noexcept {
    CX_GUARD(error, {
        const Xapian::Document doc = mset->document(index);
        auto it = mset->mset[index];
        *docid = *it;
        *weight = it.get_weight();
        cxshim::copy_out(doc.get_data(), data, data_length);
    })
}

extern "C" int cx_mset_item_weight(cx_mset *mset, uint32_t index, uint32_t *docid, double *weight,
                                   cx_error *error) noexcept {
    CX_GUARD(error, {
        if (index >= mset->mset.size()) throw Xapian::RangeError("match set index out of range");
        auto it = mset->mset[index];
        *docid = *it;
        *weight = it.get_weight();
    })
}

extern "C" int cx_mset_item_value(cx_mset *mset, uint32_t index, uint32_t slot, char **out, size_t *out_length,
                                  cx_error *error) noexcept {
    CX_GUARD(error, {
        cxshim::copy_out(mset->document(index).get_value(slot), out, out_length);
    })
}

extern "C" int cx_mset_snippet(cx_mset *mset, const char *text, size_t text_length, size_t length,
                               const char *language, const char *hi_start, const char *hi_end, const char *omit,
                               char **out, size_t *out_length, cx_error *error) noexcept {
    CX_GUARD(error, {
        Xapian::Stem stemmer(language ? language : "none");
        // No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every other word of the
        // passage in the index to prefer "interesting" windows, which cost about 0.4 ms per
        // hit on the 200k benchmark index (BENCHMARKS.md, `dossier serve` under load), for a
        // choice that only breaks ties between windows with the same query words.
        const std::string s = mset->mset.snippet(cxshim::str(text, text_length), length, stemmer,
                                                 Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                 hi_start ? hi_start : "", hi_end ? hi_end : "", omit ? omit : "");
        cxshim::copy_out(s, out, out_length);
    })
}
