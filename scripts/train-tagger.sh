#!/usr/bin/env bash
# Trains Dossier's learned name tagger and writes the shipped model resource.
#
#   scripts/train-tagger.sh [--report-test] [--predictions DIR]
#
# Reads CoNLL-2003 eng.train, the Brown clusters and Dossier's own countries/places/gazetteer
# files; the recipe (epochs, seed, pruning) is TrainingRecipe.standard in
# Sources/Tagger/Learned/TrainingInputs.swift. The same inputs give the same bytes
# (Tests/TaggerTests/ShippedModelTests.swift checks it). Corpora: $DOSSIER_CORPORA/ner,
# default ../shared/corpora/ner.
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${DOSSIER_CORPORA:-../shared/corpora}/ner"
swift build -c release --product dossier-train-tagger
.build/release/dossier-train-tagger --corpora "$corpora" --resources Sources/Tagger/Resources \
    --output Sources/Tagger/Resources/name-model.dstg "$@"
