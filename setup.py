"""Build hook: compile the book-language catalogs into the wheel.

All project metadata is in ``pyproject.toml``; this file only replaces the ``build_py`` command so
that every ``peptidebook/locales/<lang>/LC_MESSAGES/peptidebook.po`` copied into the build folder
gets its compiled ``peptidebook.mo`` beside it (babel, a build requirement). The ``.mo`` files are
build products and stay out of git; a checkout (or an editable install) compiles a ``.po`` in
memory instead (``peptidebook.i18n``).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

DOMAIN = "peptidebook"


class BuildPyWithCatalogs(build_py):
    """``build_py`` that also compiles the gettext catalogs it copied."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # files stay in src/: nothing was copied, nothing to compile
            return
        for po in self._copied_catalogs():
            mo = po.with_suffix(".mo")
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=po.parent.parent.name, domain=DOMAIN)
            with mo.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            self.announce(f"compiled {po} -> {mo.name}", level=2)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not self.editable_mode:
            known = set(outputs)
            outputs += [str(mo) for mo in (po.with_suffix(".mo") for po in self._copied_catalogs())
                        if str(mo) not in known]
        return outputs

    def _copied_catalogs(self) -> list[Path]:
        locales = Path(self.build_lib) / "peptidebook" / "locales"
        return sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


setup(cmdclass={"build_py": BuildPyWithCatalogs})
