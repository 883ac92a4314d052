#!/usr/bin/env bash
# The audit step of action.yml. Runs in the folder to audit, with the
# action's inputs in AUDIT_* variables, and always exits 0: the audit's exit
# code goes to the step's outputs (exit-code), and the action's last step
# exits with it once the SARIF log is uploaded.
set -u
set -f # paths and args hold globs for the audit, not for this shell

action_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sarif_file=${AUDIT_SARIF_FILE:-securestore-audit.sarif}

# The app's own devDependency when installed, so CI runs what developers run;
# else the version asked for; else this action's own version.
if [ -n "${AUDIT_VERSION:-}" ]; then
  audit=(npx --yes "securestore-audit@${AUDIT_VERSION}")
elif [ -x node_modules/.bin/securestore-audit ]; then
  audit=(node_modules/.bin/securestore-audit)
else
  own_version=$(node -p "require(process.argv[1]).version" "$action_dir/package.json")
  audit=(npx --yes "securestore-audit@${own_version}")
fi

# shellcheck disable=SC2206 # split on spaces and new lines, on purpose
paths=(${AUDIT_PATHS:-.})
# shellcheck disable=SC2206
args=(${AUDIT_ARGS:-})
# Both runs, so the log, the annotations and the exit code hold the same findings.
if [ -n "${AUDIT_CHANGED_SINCE:-}" ]; then
  args+=(--changed-since "$AUDIT_CHANGED_SINCE")
fi

# One analysis: the second run (annotations) is answered from the cache the first one wrote.
cache=(--cache-location "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/securestore-audit-cache")

rm -f -- "$sarif_file"
"${audit[@]}" "${paths[@]}" "${args[@]}" "${cache[@]}" --format sarif --output "$sarif_file"
code=$?

if [ "${AUDIT_ANNOTATE:-true}" = true ] && [ "$code" -ne 2 ]; then
  "${audit[@]}" "${paths[@]}" "${args[@]}" "${cache[@]}" --format github || true
fi

written=''
if [ -s "$sarif_file" ]; then
  # upload-sarif resolves a relative path against the workspace, not this folder.
  written=$(realpath --relative-to="${GITHUB_WORKSPACE:-$PWD}" "$sarif_file")
fi
{
  echo "exit-code=$code"
  echo "sarif-file=$written"
} >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
