#!/usr/bin/env bash
# The peers `make bench` compares peptidebook with, installed only if missing (Debian, apt-get):
#  - pandoc: HTML → EPUB, the reference for the EPUB path
#  - calibre: ebook-convert HTML → PDF (untagged), the reference for the PDF path
# Only the benchmark needs them: `make book` and `make test` never do. A machine without apt
# still runs the benchmark; the missing peers' columns then say so.
set -uo pipefail
need=()
command -v pandoc >/dev/null 2>&1 || need+=(pandoc)
command -v ebook-convert >/dev/null 2>&1 || need+=(calibre)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "bench: ${need[*]} not installed and no apt-get here: those comparisons are skipped" >&2
  exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "bench: installing ${need[*]} (apt-get)" >&2
$SUDO apt-get update -qq >/dev/null && \
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" \
  >/dev/null || echo "bench: could not install ${need[*]}: those comparisons are skipped" >&2
