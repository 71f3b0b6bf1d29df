"""Set-up self-check, run by the Makefile once the venv is installed.

Imports WeasyPrint with every warning turned into an error (a missing HarfBuzz-Subset or Pango
shows up here, not as ten test collection errors) and renders a one-line PDF with the fonts the
book uses. Prints nothing when all is well; otherwise one line saying what is wrong, exit 1.
"""

from __future__ import annotations

import logging
import sys
import warnings


def main() -> int:
    warnings.simplefilter("error")
    problems: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            problems.append(record.getMessage().splitlines()[0])

    logging.getLogger("weasyprint").addHandler(Collect(level=logging.WARNING))
    logging.getLogger("weasyprint").propagate = False
    try:
        import weasyprint
    except Exception as exc:  # noqa: BLE001 - the set-up boundary: say it in one line
        print(f"[selfcheck] error: WeasyPrint cannot be imported: {exc}", file=sys.stderr)
        print("[selfcheck] run: bash tools/bootstrap-system.sh", file=sys.stderr)
        return 1
    html = ('<html lang="en"><body><p style="font-family: \'Noto Serif\'">peptidebook '
            '<span lang="ar" style="font-family: \'Noto Naskh Arabic\'">كتاب</span> '
            '<span lang="ja" style="font-family: \'Noto Serif CJK JP\'">本</span></p>'
            '</body></html>')
    try:
        pdf = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    except Exception as exc:  # noqa: BLE001
        print(f"[selfcheck] error: WeasyPrint cannot render a PDF: {exc}", file=sys.stderr)
        return 1
    if not pdf or not pdf.startswith(b"%PDF"):
        problems.append("the rendered PDF is empty")
    if problems:
        print(f"[selfcheck] error: WeasyPrint reported: {problems[0]} "
              f"({len(problems)} problem(s)); run: bash tools/bootstrap-system.sh",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
