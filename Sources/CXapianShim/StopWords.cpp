// Stop words. Xapian's library ships none; this is the Snowball project's English stop list
// (the list omindex users and PostgreSQL's english.stop also use), 127 words. Note that
// "us" is absent, so the query "US" still finds the United States.
#include "ShimInternal.hpp"

#include <sstream>

void cxshim::add_stop_words(Xapian::SimpleStopper &stopper, const std::string &language) {
    if (language != "english" && language != "en") return;
    static const char *const english = "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having do does did doing a an the and but if or because as until while of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don should now ";
    std::istringstream words(english);
    std::string word;
    while (words >> word) stopper.add(word);
}
