// Facet counting with stock Xapian match spies against Dossier's former custom spy (issue #15).
//
// A bench, not a test: it times, on the same index and the same queries, in one run,
//   custom   a MatchSpy that splits the U+001F-joined actor slugs of slot 2 and counts each
//            (what CXapianShim's MultiValueCountSpy did; a stock xapian-tcpsrv cannot run it),
//   combos   stock Xapian::ValueCountMatchSpy on slot 2 (it counts each distinct joined
//            string), the combinations then split and summed (what XapianStore.FacetCounter does),
//   slotrun  K stock ValueCountMatchSpys on a run of K slots holding one actor each (the last
//            slot holding the rest, joined), split and summed,
// and checks that the three give identical counts for every query.
//
//   g++ -O2 -std=c++17 facet_spies.cpp -lxapian -o facet_spies
//   facet_spies slotrun SRC_DB DST_DB K          # copy of SRC_DB with the slot run added (slots 20..)
//   facet_spies query DB QUERIES.jsonl [K] [REPS] [--remote HOST:PORT]
//
// QUERIES.jsonl: the generator's queries (gen_corpus.py), only "text" and "actor_slug" are used.
#include <xapian.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

using Counts = std::unordered_map<std::string, Xapian::doccount>;
static const Xapian::valueno kJoined = 2, kRunBase = 20;

static double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <class F> static void each_item(const std::string &v, F f) {
    size_t s = 0;
    while (s < v.size()) {
        size_t t = v.find('\x1f', s);
        if (t == std::string::npos) t = v.size();
        if (t > s) f(v.substr(s, t - s));
        s = t + 1;
    }
}

class SplittingSpy : public Xapian::MatchSpy {
  public:
    Counts counts;
    void operator()(const Xapian::Document &doc, double) override {
        each_item(doc.get_value(kJoined), [this](std::string item) { ++counts[std::move(item)]; });
    }
    std::string name() const override { return "bench::SplittingSpy"; }
};

static void add_split(const Xapian::ValueCountMatchSpy &spy, Counts &counts) {
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        const Xapian::doccount n = it.get_termfreq();
        each_item(*it, [&](std::string item) { counts[std::move(item)] += n; });
    }
}

static std::string json_field(const std::string &line, const std::string &key) {
    const std::string needle = "\"" + key + "\": \"";
    size_t p = line.find(needle);
    if (p == std::string::npos) return "";
    p += needle.size();
    size_t e = line.find('"', p);
    return line.substr(p, e - p);
}

static int cmd_slotrun(const char *src, const char *dst, unsigned k) {
    Xapian::Database in(src);
    Xapian::WritableDatabase out(dst, Xapian::DB_CREATE_OR_OVERWRITE);
    for (auto it = in.postlist_begin(""); it != in.postlist_end(""); ++it) {
        Xapian::Document doc = in.get_document(*it);
        std::vector<std::string> items;
        each_item(doc.get_value(kJoined), [&](std::string s) { items.push_back(std::move(s)); });
        for (unsigned i = 0; i < items.size() && i < k; ++i) {
            std::string v = items[i];
            if (i == k - 1)
                for (unsigned j = k; j < items.size(); ++j) v += '\x1f' + items[j];
            doc.add_value(kRunBase + i, v);
        }
        out.add_document(doc);
    }
    out.commit();
    return 0;
}

static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

static int cmd_query(const char *dbpath, const char *qpath, unsigned k, int reps, const char *remote) {
    Xapian::Database db;
    if (remote) {
        std::string hp = remote;
        size_t c = hp.rfind(':');
        db = Xapian::Remote::open(hp.substr(0, c), std::stoi(hp.substr(c + 1)));
    } else {
        db = Xapian::Database(dbpath);
    }
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.add_boolean_prefix("actor", "XA");
    std::vector<Xapian::Query> queries;
    std::ifstream qf(qpath);
    for (std::string line; std::getline(qf, line);) {
        std::string text = json_field(line, "text"), actor = json_field(line, "actor_slug");
        if (!actor.empty()) text += " actor:" + actor;
        queries.push_back(qp.parse_query(text));
    }
    const Xapian::doccount all = db.get_doccount();
    std::vector<double> t_custom, t_combos, t_run;
    size_t mismatches = 0, matches = 0, distinct_combos = 0;
    for (int r = 0; r < reps; ++r) {
        for (const auto &q : queries) {
            Counts a, b, c;
            {
                double t0 = now_ms();
                Xapian::Enquire e(db);
                e.set_query(q);
                SplittingSpy spy;
                if (!remote) e.add_matchspy(&spy);  // a stock server cannot run it
                Xapian::MSet m = e.get_mset(0, 10, all);
                a = std::move(spy.counts);
                t_custom.push_back(now_ms() - t0);
                if (r == 0) matches += m.get_matches_estimated();
            }
            {
                double t0 = now_ms();
                Xapian::Enquire e(db);
                e.set_query(q);
                Xapian::ValueCountMatchSpy spy(kJoined);
                e.add_matchspy(&spy);
                e.get_mset(0, 10, all);
                add_split(spy, b);
                t_combos.push_back(now_ms() - t0);
                if (r == 0)
                    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) ++distinct_combos;
            }
            if (k > 0) {
                double t0 = now_ms();
                Xapian::Enquire e(db);
                e.set_query(q);
                std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
                for (unsigned i = 0; i < k; ++i) {
                    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(kRunBase + i));
                    e.add_matchspy(spies.back().get());
                }
                e.get_mset(0, 10, all);
                for (auto &s : spies) add_split(*s, c);
                t_run.push_back(now_ms() - t0);
            }
            if (!remote && a != b) ++mismatches;
            if (k > 0 && b != c) ++mismatches;
        }
    }
    std::printf("%zu queries x %d, %.0f matches/query, %.0f distinct combinations/query\n", queries.size(), reps,
                double(matches) / queries.size(), double(distinct_combos) / queries.size());
    if (!remote) std::printf("custom  spy, slot 2 split:        median %.2f ms\n", median(t_custom));
    std::printf("stock   ValueCountMatchSpy slot 2: median %.2f ms\n", median(t_combos));
    if (k > 0) std::printf("stock   %u ValueCountMatchSpys:      median %.2f ms\n", k, median(t_run));
    std::printf("count mismatches: %zu\n", mismatches);
    return mismatches ? 1 : 0;
}

int main(int argc, char **argv) {
    try {
        std::string cmd = argc > 1 ? argv[1] : "";
        if (cmd == "slotrun" && argc == 5) return cmd_slotrun(argv[2], argv[3], unsigned(std::stoi(argv[4])));
        if (cmd == "query" && argc >= 4) {
            unsigned k = argc > 4 ? unsigned(std::stoi(argv[4])) : 0;
            int reps = argc > 5 ? std::stoi(argv[5]) : 3;
            const char *remote = nullptr;
            for (int i = 6; i + 1 < argc; ++i)
                if (std::strcmp(argv[i], "--remote") == 0) remote = argv[i + 1];
            return cmd_query(argv[2], argv[3], k, reps, remote);
        }
        std::fprintf(stderr, "usage: %s slotrun SRC DST K | query DB QUERIES [K] [REPS] [--remote HOST:PORT]\n", argv[0]);
        return 64;
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "%s\n", e.get_description().c_str());
        return 1;
    }
}
