"""Every registered result declares the physical inputs it rests on, and every declaration
names a registered result and a defined postulate."""

import importlib

import pytest

from dickeheat.derivations import PAPERS, registry


@pytest.mark.parametrize("paper", [p for p in PAPERS], ids=lambda p: p.key)
def test_every_result_declares_its_postulates(paper):
    declared = importlib.import_module(f"{paper.module}.postulates")
    names = {r.name.split(".", 1)[1] for r in registry() if r.paper == paper.key}
    assert names, paper.key
    assert sorted(names - set(declared.USES)) == [], "results without a postulates entry"
    assert sorted(set(declared.USES) - names) == [], "entries naming no registered result"
    for short, ids in declared.USES.items():
        unknown = [i for i in ids if i not in declared.POSTULATES]
        assert not unknown, (short, unknown)
    used = {i for ids in declared.USES.values() for i in ids}
    assert sorted(set(declared.POSTULATES) - used) == [], "postulates no result rests on"


def test_postulates_reach_the_records():
    r = registry().get("andolina2024.gamma")
    assert any("Caldeira-Leggett" in p for p in r.postulates)
    assert r.to_dict()["postulates"] == list(r.postulates)
