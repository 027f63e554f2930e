#!/usr/bin/env bash
# Run by `multi-gitter run` in the root of each cloned repository (multi-gitter sets REPOSITORY to
# owner/name). When it exits 0 and files changed, multi-gitter commits them on a branch and opens
# one pull request for that repository; a repository with nothing to migrate gets no pull request.
#
# It applies the safe fixes only (renames in model positions, with the thinking flags written where
# the request is visible). What needs a human (unsafe and none findings) is listed in a JSON report
# written OUTSIDE the repository, so it is not committed: merge the reports afterwards with
# `deepseek-migrate merge-reports "$REPORT_DIR"/*.json`.
set -euo pipefail

DEEPSEEK_MIGRATE="${DEEPSEEK_MIGRATE:-deepseek-migrate@0.1}"
REPORT_DIR="${REPORT_DIR:-${TMPDIR:-/tmp}/deepseek-migrate-reports}"
mkdir -p "$REPORT_DIR"
name="${REPOSITORY:-$(basename "$PWD")}"
report="$REPORT_DIR/${name//\//__}.json" # owner/name → owner__name.json

# A fresh clone is clean, so --write's guard against uncommitted changes never gets in the way.
# Exit code: 0 when the fixes were applied (or there were none); 1 if a file could not be written,
# which makes multi-gitter skip this repository rather than commit a partial migration.
npx --yes "$DEEPSEEK_MIGRATE" --write --format json --output "$report"
