"""Shared pieces of the verbs: JSON output and the registry of the selected papers."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["print_json", "selected_registry"]


def print_json(obj: Any) -> None:
    """Print ``obj`` as JSON (UTF-8, indented)."""
    print(json.dumps(obj, indent=2, ensure_ascii=False, default=str))


def selected_registry(paper: str | None) -> Any:
    """The registry of one paper (``paper``) or of all papers (``None``)."""
    from dickeheat.derivations import registry

    return registry(None if paper is None else (paper,))
