"""What a reproduced figure is, and how one is written to disk: shared by every paper.

A paper's figures live in ``dickeheat/reproduce/<paper>/`` and are listed there in a tuple
``FIGURES`` of :class:`FigureSpec`. ``compute`` returns labelled data (an
:class:`xarray.Dataset`) and reaches closed forms only through the registry
(``registry().get(name)``); ``plot`` draws a dataset and never computes.

>>> spec = FigureSpec(id="demo-fig1", paper="demo", title="t", numbers={"paper": "Fig. 1"},
...                   summary="s", compute=lambda **kw: None, plot=lambda ds: None)
>>> spec.numbering, spec.default_version
('Fig. 1', 'paper')
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from dickeheat.errors import ParameterError
from dickeheat.files import check_output_file, replace_atomically, writable_directory

__all__ = ["FigureSpec", "ReproducedFigure", "reproduce_spec"]


@dataclasses.dataclass(frozen=True)
class FigureSpec:
    """One reproducible figure.

    Parameters
    ----------
    id
        Stable id, ``"<paper>-fig<k>"`` or ``"<paper>-<name>"`` for figures beyond the paper.
    paper
        The paper key (``"kloc2021"``).
    title
        A title in words a reader understands.
    numbers
        The figure's number in each version of the paper, e.g. ``{"arxiv": "Fig. 4",
        "published": "Fig. 3"}`` or ``{"paper": "Fig. 2"}``; ``None`` where that version has
        no such figure. Empty for a figure beyond the paper.
    summary
        What is plotted, against what, with which parameters (the caption text).
    compute
        ``compute(*, version, fast, progress) -> xarray.Dataset``.
    plot
        ``plot(dataset) -> matplotlib.figure.Figure`` (no computation).
    versions
        The parameter sets the figure accepts; the first is the default.
    slow
        The full (not ``fast``) computation takes more than about 20 s.
    """

    id: str
    paper: str
    title: str
    numbers: Mapping[str, str | None]
    summary: str
    compute: Callable[..., Any]
    plot: Callable[[Any], Any]
    versions: tuple[str, ...] = ("paper",)
    slow: bool = False

    @property
    def default_version(self) -> str:
        return self.versions[0]

    @property
    def beyond_paper(self) -> bool:
        return not any(self.numbers.values())

    @property
    def numbering(self) -> str:
        """E.g. ``"arXiv Fig. 4 = published Fig. 3"``, ``"Fig. 2"`` or ``"beyond the paper"``."""
        if self.beyond_paper:
            return "beyond the paper"
        if list(self.numbers) == ["paper"]:
            return str(self.numbers["paper"])
        label = {"arxiv": "arXiv", "published": "published"}
        have = [f"{label.get(k, k)} {v}" for k, v in self.numbers.items() if v]
        missing = [f"not in the {label.get(k, k)} version" for k, v in self.numbers.items()
                   if not v]
        return " = ".join(have) if not missing else "; ".join(have + missing)

    def check_version(self, version: str | None) -> str:
        """``version`` (default: the first) if this figure has it, else :class:`ParameterError`."""
        if version is None:
            return self.default_version
        if version not in self.versions:
            raise ParameterError(
                f"version: {self.id} ({self.numbering}) has no {version!r} version; version "
                f"must be one of {list(self.versions)}"
            )
        return version

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "paper": self.paper, "title": self.title, **dict(self.numbers),
                "numbering": self.numbering, "summary": self.summary,
                "versions": list(self.versions), "beyond_paper": self.beyond_paper,
                "slow": self.slow}


@dataclasses.dataclass(frozen=True)
class ReproducedFigure:
    """What :func:`reproduce_spec` wrote, and how long it took."""

    id: str
    version: str
    png: Path
    data: Path
    compute_seconds: float
    plot_seconds: float


def reproduce_spec(spec: FigureSpec, out_dir: str | os.PathLike[str] = ".", *,
                   version: str | None = None, fast: bool = False, progress: bool = False,
                   overwrite: bool = False) -> ReproducedFigure:
    """Compute ``spec``, plot it, and write ``<id>.png`` and ``<id>.nc`` to ``out_dir``.

    The version and the output files are checked before anything is computed: existing files
    are replaced only with ``overwrite=True``.
    """
    version = spec.check_version(version)
    if not isinstance(fast, bool):
        raise ParameterError(f"fast must be True or False, got {fast!r}")
    out = writable_directory(out_dir)
    for suffix in (".png", ".nc"):
        check_output_file(out / f"{spec.id}{suffix}", name="out_dir", overwrite=overwrite)
    t0 = time.perf_counter()
    data = spec.compute(version=version, fast=fast, progress=progress)
    data.attrs.update({"paper_numbering": spec.numbering, "fast_grid": int(fast)})
    t1 = time.perf_counter()
    fig = spec.plot(data)
    png, nc = out / f"{spec.id}.png", out / f"{spec.id}.nc"
    replace_atomically(png, lambda p: fig.savefig(p, dpi=110, format="png"))
    t2 = time.perf_counter()
    replace_atomically(nc, lambda p: data.to_netcdf(p))
    return ReproducedFigure(spec.id, version, png, nc, t1 - t0, t2 - t1)
