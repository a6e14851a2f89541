"""The layer rules of docs/architecture.md, read from the import statements of every module.

Every ``import``/``from … import`` counts, at module level or inside a function: a lazy import
is still a dependency.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import dickeheat
from dickeheat.derivations import PAPERS

ROOT = Path(dickeheat.__file__).parent
#: layers from the bottom up; a module may import its own layer and the ones below it
LAYERS = ("errors", "files", "symbolic", "numeric", "derivations", "reproduce", "cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def imported_modules(name: str) -> Iterator[tuple[str, int]]:
    """The dickeheat modules ``name`` imports, with line numbers (``from pkg import mod``
    resolves to the module ``pkg.mod`` when it is one, else to ``pkg``)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "dickeheat":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "dickeheat":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in MODULES else target), node.lineno


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


EDGES = {name: sorted(set(imported_modules(name))) for name in MODULES}


def test_every_module_is_parsed():
    assert "dickeheat.symbolic.result" in MODULES and len(MODULES) > 50


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_go_down_the_layers(name):
    own = layer(name)
    if own is None:
        return
    upward = [(t, line) for t, line in EDGES[name]
              if layer(t) is not None and LAYERS.index(layer(t)) > LAYERS.index(own)]
    assert not upward, f"{name} imports a higher layer: {upward}"


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    graph = {n: [t for t, _ in EDGES[n] if t in MODULES and t != n] for n in MODULES}
    cycles = [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_the_cycle_finder_finds_a_cycle():
    assert _strongly_connected({"a": ["b"], "b": ["a"], "c": []})[0] in (["a", "b"], ["b", "a"])


def _is_check_module(name: str) -> bool:
    return re.fullmatch(r"dickeheat\.derivations\.\w+\.checks(\.\w+)?", name) is not None


@pytest.mark.parametrize("name", [n for n in sorted(MODULES) if _is_check_module(n)])
def test_checks_do_not_import_their_derivations(name):
    paper = name.split(".")[2]
    bad = []
    for target, line in EDGES[name]:
        parts = target.split(".")
        if len(parts) < 4 or parts[1] != "derivations":
            continue  # the registry door (dickeheat.derivations) and lower layers are allowed
        if parts[2] != paper or (parts[3] != "checks" and not parts[3].startswith("symbols")):
            bad.append((target, line))
    assert not bad, f"{name} imports derivation modules: {bad}"


def test_every_paper_has_a_checks_package():
    for p in PAPERS:
        assert f"dickeheat.derivations.{p.key}.checks" in MODULES, p.key


@pytest.mark.parametrize("name", [n for n in sorted(MODULES) if layer(n) == "reproduce"])
def test_reproduce_reaches_derivations_only_through_the_registry(name):
    bad = [(t, line) for t, line in EDGES[name]
           if layer(t) == "derivations" and t not in ("dickeheat.derivations",
                                                     "dickeheat.derivations.verify")]
    assert not bad, f"{name} imports derivation modules instead of registry(): {bad}"


@pytest.mark.parametrize("name", [n for n in sorted(MODULES)
                                  if layer(n) in ("symbolic", "numeric")])
def test_lower_layers_know_no_paper(name):
    text = MODULES[name].read_text(encoding="utf-8")
    named = [p.key for p in PAPERS if p.key in text]
    assert not named, f"{name} names paper(s) {named}"
