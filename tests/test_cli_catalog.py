"""``list``/``show`` read a JSON catalogue keyed by the source, without building any chain."""

from __future__ import annotations

import pytest

import dickeheat.derivations as derivations
from dickeheat.cli import _catalog
from dickeheat.errors import UnknownNameError


class _Fake:
    def __init__(self, name: str) -> None:
        self.name = name

    def to_dict(self) -> dict:
        return {"name": self.name, "paper": self.name.split(".")[0], "equation": "1",
                "title": "t", "notes": ""}


def test_second_lookup_builds_no_chain(tmp_path, monkeypatch):
    monkeypatch.setenv("DICKEHEAT_CACHE_DIR", str(tmp_path))
    calls: list[tuple] = []

    def fake_registry(papers=None):
        calls.append(papers)
        return [_Fake(f"{papers[0]}.x"), _Fake(f"{papers[0]}.y")]

    monkeypatch.setattr(derivations, "registry", fake_registry)
    first = _catalog.paper_records("kloc2021")
    assert [r["name"] for r in first] == ["kloc2021.x", "kloc2021.y"] and len(calls) == 1

    def must_not_run(papers=None):
        raise AssertionError("the catalogue was not used")

    monkeypatch.setattr(derivations, "registry", must_not_run)
    assert _catalog.paper_records("kloc2021") == first
    assert _catalog.find_record("kloc2021.y")["name"] == "kloc2021.y"
    with pytest.raises(UnknownNameError, match="did you mean: kloc2021.x"):
        _catalog.find_record("kloc2021.xx")
    with pytest.raises(UnknownNameError, match="unknown paper 'nobody'"):
        _catalog.find_record("nobody.x")


def test_corrupt_catalogue_is_rebuilt_and_off_stores_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DICKEHEAT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(derivations, "registry", lambda papers=None: [_Fake("kloc2021.x")])
    _catalog.paper_records("kloc2021")
    (stored,) = tmp_path.glob("kloc2021-*.records.json")
    stored.write_text("{not json")
    assert _catalog.paper_records("kloc2021")[0]["name"] == "kloc2021.x"
    monkeypatch.setenv("DICKEHEAT_CACHE_DIR", "off")
    other = tmp_path / "x"
    assert _catalog.paper_records("kloc2021")[0]["name"] == "kloc2021.x"
    assert not other.exists()
