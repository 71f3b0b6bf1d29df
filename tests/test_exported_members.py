"""The public API is exactly what ``__all__`` names (after httpx's test_exported_members)."""

from __future__ import annotations

import peptidebook


def test_all_names_exist_and_public_names_are_listed() -> None:
    exported = set(peptidebook.__all__)
    assert all(hasattr(peptidebook, name) for name in exported)
    public = {name for name in vars(peptidebook) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(peptidebook, name)).__name__ == "module"}
    assert public - modules - {"annotations", "Path"} == exported - {"__version__"}
