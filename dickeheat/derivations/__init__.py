"""One module (or subpackage) per paper: the derivation chain as ordered, labelled steps.

Each paper's package lists its chain modules in ``SUBMODULES``; each chain module exposes
``results() -> list[Result]``; :func:`registry` collects them.
Derivations run when the registry is first built, not at import, and their outcome is cached
on disk under a hash of the source (:mod:`dickeheat.derivations.cache`).
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dickeheat.errors import UnknownNameError

if TYPE_CHECKING:  # importing the package stays light: PAPERS without SymPy
    from dickeheat.symbolic.registry import Registry
    from dickeheat.symbolic.result import Result

__all__ = ["Paper", "PAPERS", "paper", "paper_results", "registry"]


@dataclass(frozen=True)
class Paper:
    """A paper of the specification: its key, citation and the module deriving it."""

    key: str
    citation: str
    module: str


PAPERS: tuple[Paper, ...] = (
    Paper(
        "andolina2024",
        "Andolina, Erdman, Noé, Pekola, Schirò, Dicke superradiant enhancement of the heat "
        "current in circuit QED, arXiv version and Phys. Rev. Research 6, 043128 (2024)",
        "dickeheat.derivations.andolina2024",
    ),
    Paper(
        "dasilvasouza2022",
        "da Silva Souza, Manzano, Fazio, Iemini, Collective effects on the performance and "
        "stability of quantum heat engines",
        "dickeheat.derivations.dasilvasouza2022",
    ),
    Paper(
        "kamimura2023",
        "Kamimura, Yoshida, Tokura, Matsuzaki, Universal Scaling Bounds on a Quantum Heat "
        "Current, Phys. Rev. Lett. 131, 090401 (2023)",
        "dickeheat.derivations.kamimura2023",
    ),
    Paper(
        "kloc2021",
        "Kloc, Meier, Hadjikyriakos, Schaller, Superradiant many-qubit absorption refrigerator, "
        "arXiv (2021)",
        "dickeheat.derivations.kloc2021",
    ),
)


def paper(key: str) -> Paper:
    """The :class:`Paper` with this key; :class:`UnknownNameError` otherwise."""
    for p in PAPERS:
        if p.key == key:
            return p
    raise UnknownNameError(
        f"unknown paper key {key!r}; known: {', '.join(p.key for p in PAPERS)}"
    )


@functools.cache
def registry(papers: tuple[str, ...] | None = None) -> Registry:
    """Run the derivations of ``papers`` (default: all) and register their results."""
    from dickeheat.derivations.cache import cached_results
    from dickeheat.symbolic.registry import Registry

    selected = PAPERS if papers is None else tuple(paper(k) for k in papers)
    results = []
    for p in selected:
        results.extend(cached_results(p.key, lambda key=p.key: paper_results(key)))
    return Registry(results)


def paper_results(key: str) -> list[Result]:
    """Run every derivation chain of paper ``key`` (the modules its package lists in
    ``SUBMODULES``, in chain order) and return their results, without the cache.

    Each result gets the postulates its paper's ``postulates`` module declares for it (the
    physical inputs the chain starts from and does not derive)."""
    import dataclasses

    module = paper(key).module
    declared = importlib.import_module(f"{module}.postulates")
    out: list[Result] = []
    for name in importlib.import_module(module).SUBMODULES:
        for result in importlib.import_module(f"{module}.{name}").results():
            short = result.name.split(".", 1)[1]
            ids = declared.USES.get(short, ())
            out.append(dataclasses.replace(
                result, postulates=tuple(declared.POSTULATES[i] for i in ids)))
    return out
