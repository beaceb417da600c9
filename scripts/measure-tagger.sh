#!/usr/bin/env bash
# Measures Dossier's tagger where it can be measured in the repository (Docs/actors.md):
#   1. the shipped learned model on CoNLL-2003 eng.testa (development), eng.testb (test) and
#      WikiGold (out of domain, never trained on), scored by the corpus folder's conlleval.py;
#   2. the whole tagger (learned spans + rules) on the seed fixtures (strict actor F1: every
#      passage's actor set must equal its fixture) and against Reuters-21578's editor tags.
# Needs the corpora at $DOSSIER_CORPORA (default ../shared/corpora).
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${DOSSIER_CORPORA:-../shared/corpora}"
out="${TMPDIR:-/tmp}/dossier-measure-tagger"
swift build -c release --product dossier-train-tagger >/dev/null
.build/release/dossier-train-tagger --corpora "$corpora/ner" --evaluate Sources/Tagger/Resources/name-model.dstg \
    --predictions "$out" | grep -E "^quantised|^model"
for set in testa testb wikigold; do
    echo "== conlleval.py, $set"
    python3 "$corpora/ner/conlleval.py" < "$out/$set.txt"
done
echo "== seed fixtures and Reuters-21578 (whole tagger)"
swift build --build-tests >/dev/null
DOSSIER_CORPORA="$corpora" swift test --skip-build --filter "SeedFixtureTests|ReutersComparisonTests" 2>&1 \
    | grep -E "recall|precision|passed after|failed|✘" | grep -E "recall|precision|Test run|✘" || true
