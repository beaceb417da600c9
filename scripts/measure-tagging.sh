#!/bin/sh
# Measures NewsTagger's speed in a release build (by hand; not part of CI).
# Prints microseconds per passage over the seeds and 1,000 Reuters-21578 stories
# (the latter only when the shared corpora are present; see TestSupport.Paths.corpora).
set -e
cd "$(dirname "$0")/.."
DOSSIER_MEASURE_TAGGING=1 swift test -c release -Xswiftc -enable-testing \
    --filter TaggingSpeedTests 2>&1 | grep -E "^tagging|error|failed"
