#!/usr/bin/env bash
# Install the system packages peptidebook needs, only those that are missing (Debian/Ubuntu).
#  - python3-venv: to create .venv
#  - WeasyPrint's libraries: Pango, HarfBuzz, fontconfig
#  - fonts: Noto (Latin, Arabic, Hebrew, CJK) and DejaVu, so no text renders as tofu
#  - poppler-utils: pdftoppm, to look at PDF pages
# The EPUB/PDF checkers in ../shared/tools install their own tools (Java, Chromium, Node).
set -euo pipefail

need=()
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
libs=$(ldconfig -p 2>/dev/null || true)   # a variable, not a pipe: grep -q + pipefail = SIGPIPE
grep -q "libpango-1.0.so" <<<"$libs" || need+=(libpango-1.0-0)
grep -q "libpangoft2-1.0.so" <<<"$libs" || need+=(libpangoft2-1.0-0)
grep -q "libharfbuzz.so" <<<"$libs" || need+=(libharfbuzz0b)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fonts=$(fc-list 2>/dev/null || true)
grep -q "DejaVuSerif" <<<"$fonts" || need+=(fonts-dejavu-core)
grep -q "NotoSerif-Regular" <<<"$fonts" || need+=(fonts-noto-core)
grep -qi "NotoSansCJK\|NotoSerifCJK" <<<"$fonts" || need+=(fonts-noto-cjk)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "[bootstrap] apt-get install ${need[*]}" >&2
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
  install -y -qq --no-install-recommends "${need[@]}" >&2
