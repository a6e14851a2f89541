"""Users of the registered results: each paper's figures, tables and proposals.

One subpackage per paper (``dickeheat/reproduce/<paper>/``) lists its figures in a tuple
``FIGURES`` of :class:`~dickeheat.reproduce.figure.FigureSpec`. Figures compute through the
registry (``registry().get(name).numpy_function``) and the numeric backends; they never type a
closed form again and never import a derivation module.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Any

from dickeheat.errors import UnknownNameError
from dickeheat.reproduce.figure import FigureSpec, ReproducedFigure, label_dataset, reproduce_spec

__all__ = ["FIGURE_PACKAGES", "figures", "figure_ids", "get_figure", "compute", "plot",
           "reproduce"]

#: the subpackages that register figures, in listing order
FIGURE_PACKAGES: tuple[str, ...] = ("andolina2024", "kamimura2023", "kloc2021",
                                    "dasilvasouza2022")


def figures() -> dict[str, FigureSpec]:
    """Every registered figure by id (imports the per-paper figure modules, computes nothing)."""
    out: dict[str, FigureSpec] = {}
    for pkg in FIGURE_PACKAGES:
        for spec in importlib.import_module(f"{__name__}.{pkg}").FIGURES:
            out[spec.id] = spec
    return out


def figure_ids() -> list[str]:
    """The ids of every registered figure, in order."""
    return list(figures())


def get_figure(fig_id: str) -> FigureSpec:
    """The :class:`FigureSpec` of ``fig_id``; :class:`UnknownNameError` lists the known ids."""
    known = figures()
    try:
        return known[fig_id]
    except (KeyError, TypeError):
        raise UnknownNameError(
            f"unknown figure {fig_id!r}; known figures: {', '.join(known)}"
        ) from None


def compute(fig_id: str, *, version: str | None = None, fast: bool = False,
            progress: bool = False) -> Any:
    """The labelled data (:class:`xarray.Dataset`) of figure ``fig_id``."""
    spec = get_figure(fig_id)
    version = spec.check_version(version)
    data = spec.compute(version=version, fast=fast, progress=progress)
    return label_dataset(spec, data, version, fast)


def plot(fig_id: str, data: Any) -> Any:
    """Draw figure ``fig_id`` from its dataset (no computation)."""
    spec = get_figure(fig_id)
    if hasattr(data, "attrs") and "title" not in data.attrs:
        label_dataset(spec, data, data.attrs.get("version", spec.default_version))
    return spec.plot(data)


def reproduce(fig_id: str, out_dir: str | os.PathLike[str] = ".", *,
              version: str | None = None, fast: bool = False, progress: bool = False,
              overwrite: bool = False, vector: tuple[str, ...] = ("pdf",),
              on_stage: Callable[[str], None] | None = None) -> ReproducedFigure:
    """Compute figure ``fig_id``, plot it, and write ``<id>.png`` (300 dpi), the vector files
    (``<id>.pdf``; ``vector=("pdf", "svg")`` adds SVG) and ``<id>.nc`` (existing files only
    with ``overwrite=True``); see :func:`~dickeheat.reproduce.figure.reproduce_spec`."""
    return reproduce_spec(get_figure(fig_id), out_dir, version=version, fast=fast,
                          progress=progress, overwrite=overwrite, vector=vector,
                          on_stage=on_stage)
