"""The catalog template lists exactly the strings the code sends to the book channel."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from .conftest import ROOT


def test_template_is_up_to_date_run_make_catalogs_if_not() -> None:
    in_code = set()
    for _file, _line, message, _comments, _context in extract_from_dir(ROOT / "src"):
        in_code.add(message if isinstance(message, str) else tuple(message))
    with (ROOT / "locales" / "peptidebook.pot").open("rb") as fh:
        template = read_po(fh)
    in_template = {m.id for m in template if m.id}
    assert in_code == in_template
