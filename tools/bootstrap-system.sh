#!/usr/bin/env bash
# Install the system packages peptidebook and its tests need, only those that are missing
# (Debian/Ubuntu, apt-get). Nothing here may rely on what ../shared/tools' checkers install.
#  - python3-venv: to create .venv
#  - WeasyPrint's libraries: Pango (with its FreeType backend), HarfBuzz and HarfBuzz-Subset
#    (without libharfbuzz-subset WeasyPrint warns at import and subsets fonts with fontTools,
#    slowly and noisily), fontconfig
#  - fonts: DejaVu, Noto (Latin, Greek, Cyrillic, Arabic, Hebrew) and Noto CJK, so no text of
#    the twelve book languages renders as tofu
#  - poppler-utils: pdftoppm and pdftotext, which the tests use to look at PDF pages
# After the install it checks that every one of them is really there, and says which is not.
# `tools/selfcheck.py` (run by the Makefile once the venv exists) then imports WeasyPrint with
# warnings as errors and renders a one-line PDF.
set -euo pipefail

# name of the thing checked | Debian package that provides it | how to check it
libs() { ldconfig -p 2>/dev/null || true; }          # a variable, not a pipe: grep -q +
fonts() { fc-list 2>/dev/null || true; }              # pipefail = SIGPIPE

missing() {
  local libs_now fonts_now
  libs_now=$(libs); fonts_now=$(fonts)
  python3 -c "import ensurepip, venv" >/dev/null 2>&1 || echo python3-venv
  grep -q "libpango-1.0.so" <<<"$libs_now" || echo libpango-1.0-0
  grep -q "libpangoft2-1.0.so" <<<"$libs_now" || echo libpangoft2-1.0-0
  grep -q "libharfbuzz.so" <<<"$libs_now" || echo libharfbuzz0b
  grep -q "libharfbuzz-subset.so" <<<"$libs_now" || echo libharfbuzz-subset0
  grep -q "libfontconfig.so" <<<"$libs_now" || echo libfontconfig1
  command -v fc-list >/dev/null 2>&1 || echo fontconfig
  command -v pdftoppm >/dev/null 2>&1 || echo poppler-utils
  command -v pdftotext >/dev/null 2>&1 || echo poppler-utils
  grep -q "DejaVuSerif" <<<"$fonts_now" || echo fonts-dejavu-core
  grep -q "NotoSerif-Regular" <<<"$fonts_now" || echo fonts-noto-core
  grep -q "NotoNaskhArabic-Regular\|NotoSansArabic-Regular" <<<"$fonts_now" || echo fonts-noto-core
  grep -q "NotoSerifHebrew-Regular\|NotoSansHebrew-Regular" <<<"$fonts_now" || echo fonts-noto-core
  grep -qi "NotoSansCJK\|NotoSerifCJK" <<<"$fonts_now" || echo fonts-noto-cjk
}

need=($(missing | sort -u))
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[bootstrap] error: missing ${need[*]} and no apt-get here: install them with your" \
       "system's package manager, then run make again" >&2
  exit 1
fi
echo "[bootstrap] apt-get install ${need[*]}" >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
log=$(mktemp)
if ! { $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq &&
       $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
         install -y -qq --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"
  echo "[bootstrap] error: apt-get could not install ${need[*]} (see above)" >&2
  exit 1
fi
rm -f "$log"
command -v fc-cache >/dev/null 2>&1 && fc-cache -s >/dev/null 2>&1 || true

still=($(missing | sort -u))
if [ ${#still[@]} -ne 0 ]; then
  echo "[bootstrap] error: still missing after apt-get install: ${still[*]}" >&2
  exit 1
fi
