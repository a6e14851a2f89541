"""Shared pieces of the verbs: JSON output and the registry of the selected papers."""

from __future__ import annotations

import json
from typing import Any

from dickeheat.errors import NumericalError

__all__ = ["print_json", "selected_registry"]


def print_json(obj: Any) -> None:
    """Print ``obj`` as strict JSON (UTF-8, indented).

    NaN and infinity are not JSON: a record holding one is a numerical failure, reported as
    :class:`~dickeheat.errors.NumericalError` instead of printed.
    """
    try:
        text = json.dumps(obj, indent=2, ensure_ascii=False, default=str, allow_nan=False)
    except ValueError as err:
        raise NumericalError(f"the result holds a number that is not finite (NaN or "
                             f"infinity), so it is not reported: {err}") from None
    print(text)


def selected_registry(paper: str | None) -> Any:
    """The registry of one paper (``paper``) or of all papers (``None``)."""
    from dickeheat.derivations import registry

    return registry(None if paper is None else (paper,))
