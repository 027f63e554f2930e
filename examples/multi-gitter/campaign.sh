#!/usr/bin/env bash
# An organisation-wide migration with multi-gitter (https://github.com/lindell/multi-gitter):
# one pull request per repository that uses a retired DeepSeek model ID, then one audit of what
# is left for review.
#
#   examples/multi-gitter/campaign.sh my-org --dry-run     # first: see what would change
#   examples/multi-gitter/campaign.sh my-org               # then: open the pull requests
#
# Needs multi-gitter, Node.js 20+, and a token (GITHUB_TOKEN; for GitLab, Gitea or Bitbucket pass
# --platform and its token, see multi-gitter's documentation). Extra arguments go to multi-gitter.
set -euo pipefail

ORG="${1:?usage: campaign.sh ORG [multi-gitter options...]}"
shift
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DEEPSEEK_MIGRATE="${DEEPSEEK_MIGRATE:-deepseek-migrate@0.1}"
export REPORT_DIR="${REPORT_DIR:-$PWD/deepseek-migrate-reports}"
mkdir -p "$REPORT_DIR"

multi-gitter run "$HERE/migrate.sh" \
  --org "$ORG" \
  --branch deepseek-v4-migration \
  --pr-title "Migrate retired DeepSeek model IDs to DeepSeek V4" \
  --pr-body "$(cat "$HERE/pr-body.md")" \
  --commit-message "Migrate deepseek-chat/deepseek-reasoner to DeepSeek V4 (deepseek-migrate --write)" \
  --concurrent 4 \
  "$@"

# One audit of every repository: what was fixed and what still needs a human.
shopt -s nullglob
reports=("$REPORT_DIR"/*.json)
if [ "${#reports[@]}" -gt 0 ]; then
  npx --yes "$DEEPSEEK_MIGRATE" merge-reports "${reports[@]}" --output deepseek-migrate-audit.md
  echo "audit: $PWD/deepseek-migrate-audit.md (${#reports[@]} repositories)"
fi
