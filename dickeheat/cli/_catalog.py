"""The catalogue of registered results as plain records, for ``list`` and ``show``.

``list`` and ``show`` need each result's summary (:meth:`Result.to_dict`), not the SymPy
objects. The first run builds the registry (from the on-disk cache of derived results, see
:mod:`dickeheat.derivations.cache`) and stores the summaries as JSON beside it, under the same
source key; later runs read that JSON without importing SymPy or building any chain, so they
answer in well under a second. Any edit to the derivation code changes the key and the
catalogue is rebuilt; with the cache switched off nothing is stored.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from dickeheat.errors import UnknownNameError

__all__ = ["paper_records", "find_record"]

_FORMAT = "dickeheat-catalog-1"


def _catalog_path(paper: str) -> Path | None:
    from dickeheat.derivations.cache import cache_directory, source_key

    directory = cache_directory()
    return None if directory is None else directory / f"{paper}-{source_key()}.records.json"


def _load(path: Path) -> list[dict[str, Any]] | None:
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(obj, dict) or obj.get("format") != _FORMAT:
        return None
    records = obj.get("records")
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        return None
    return records


def _store(path: Path, records: list[dict[str, Any]]) -> None:
    from dickeheat.files import write_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, json.dumps({"format": _FORMAT, "records": records}))
    except (OSError, TypeError, ValueError):  # the catalogue is an optimisation only
        pass


def paper_records(paper: str | None = None) -> list[dict[str, Any]]:
    """The summary record of every result of ``paper`` (default: every paper), in order.

    Raises
    ------
    UnknownNameError
        ``paper`` is not a known paper key (the message lists them).
    """
    from dickeheat.derivations import PAPERS
    from dickeheat.derivations import paper as paper_of

    keys = [p.key for p in PAPERS] if paper is None else [paper_of(paper).key]
    out: list[dict[str, Any]] = []
    for key in keys:
        path = _catalog_path(key)
        records = None if path is None else _load(path)
        if records is None:
            from dickeheat.derivations import registry

            records = [r.to_dict() for r in registry((key,))]
            if path is not None:
                _store(path, records)
        out.extend(records)
    return out


def find_record(name: str) -> dict[str, Any]:
    """The summary record of the result called ``name`` (``"<paper>.<result>"``).

    Raises
    ------
    UnknownNameError
        Unknown paper or result; the message lists close matches.
    """
    from dickeheat.derivations import PAPERS

    paper, _, result = name.partition(".")
    if paper in {p.key for p in PAPERS} and not result:
        raise UnknownNameError(
            f"unknown result {name!r}: a result name is '<paper>.<result>', e.g. "
            f"{paper}.<result> (`dickeheat list --paper {paper}` lists them)"
        )
    if paper not in {p.key for p in PAPERS}:
        raise UnknownNameError(
            f"unknown paper {paper!r} in result name {name!r}: a name starts with a paper "
            f"key, one of {', '.join(p.key for p in PAPERS)} (see `dickeheat list`)"
        )
    records = {r["name"]: r for r in paper_records(paper)}
    if name in records:
        return records[name]
    close = difflib.get_close_matches(name, records, n=5, cutoff=0.5)
    hint = ", ".join(close or list(records)[:10])
    raise UnknownNameError(
        f"unknown result {name!r}; " + ("did you mean: " if close else "known: ") + hint
    )
