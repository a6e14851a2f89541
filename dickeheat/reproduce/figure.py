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

__all__ = ["PNG_DPI", "VECTOR_FORMATS", "FigureSpec", "ReproducedFigure", "caption", "citation",
           "file_metadata", "label_dataset", "output_paths", "parameters", "reproduce_spec"]


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


#: resolution of the written PNG (print quality)
PNG_DPI = 300
#: vector formats ``reproduce`` can write beside the PNG (PDF by default)
VECTOR_FORMATS: tuple[str, ...] = ("pdf", "svg")
#: dataset attributes that are bookkeeping, not parameters of the figure
_NOT_PARAMETERS = frozenset({"figure", "title", "paper_numbering", "paper_version", "fast_grid",
                             "caption", "citation", "version", "units"})


@dataclasses.dataclass(frozen=True)
class ReproducedFigure:
    """What :func:`reproduce_spec` wrote, and how long it took."""

    id: str
    version: str
    png: Path
    data: Path
    compute_seconds: float
    plot_seconds: float
    vectors: tuple[Path, ...] = ()
    caption: str = ""

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file written: the PNG, the vector files, the data."""
        return (self.png, *self.vectors, self.data)


def citation(paper: str) -> str:
    """The citation of paper key ``paper`` (the key itself for a paper not registered)."""
    from dickeheat.derivations import PAPERS

    return next((p.citation for p in PAPERS if p.key == paper), paper)


def parameters(data: Any) -> dict[str, Any]:
    """The figure's parameters: the scalar attributes of its dataset, bookkeeping left out."""
    out: dict[str, Any] = {}
    for key, value in getattr(data, "attrs", {}).items():
        if key in _NOT_PARAMETERS:
            continue
        if isinstance(value, (bool, int, float)) or (isinstance(value, str) and len(value) <= 80):
            out[key] = value
        elif hasattr(value, "item") and getattr(value, "size", 2) == 1:
            out[key] = value.item()
    return out


def caption(spec: FigureSpec, data: Any, version: str, fast: bool = False) -> str:
    """The caption text: what the figure is, from which paper, with which parameters."""
    where = ("a figure beyond the paper" if spec.beyond_paper else spec.numbering)
    params = ", ".join(f"{k} = {v:.6g}" if isinstance(v, float) else f"{k} = {v}"
                       for k, v in parameters(data).items())
    text = (f"{spec.title} ({where}; {citation(spec.paper)}). {spec.summary.rstrip('.')}. "
            f"Parameters of the {version} version")
    text += f" (reduced preview grid): {params}." if fast else f": {params}."
    return text.replace(": .", ".")


def label_dataset(spec: FigureSpec, data: Any, version: str, fast: bool = False) -> Any:
    """Put the title, numbering, version and caption into ``data.attrs`` (the plot reads them)."""
    if hasattr(data, "attrs"):
        data.attrs.update({"title": spec.title, "paper_numbering": spec.numbering,
                           "paper_version": version, "fast_grid": int(fast),
                           "citation": citation(spec.paper)})
        data.attrs["caption"] = caption(spec, data, version, fast)
    return data


def file_metadata(spec: FigureSpec, text: str, fmt: str) -> dict[str, Any]:
    """The ``metadata=`` of :meth:`matplotlib.figure.Figure.savefig` for format ``fmt``."""
    from dickeheat import __version__

    title = f"{spec.title} ({spec.numbering})"
    creator = f"dickeheat {__version__} reproduce {spec.id}"
    if fmt == "pdf":
        return {"Title": title, "Subject": text, "Keywords": citation(spec.paper),
                "Creator": creator, "CreationDate": None}
    if fmt == "svg":
        return {"Title": title, "Description": text, "Source": citation(spec.paper),
                "Creator": creator, "Date": None}
    return {"Title": title, "Description": text, "Source": citation(spec.paper),
            "Software": creator}


def output_paths(spec: FigureSpec, out_dir: Path,
                 vector: tuple[str, ...] = ("pdf",)) -> tuple[Path, ...]:
    """The files :func:`reproduce_spec` writes: PNG, vector files, NetCDF data."""
    return (out_dir / f"{spec.id}.png", *(out_dir / f"{spec.id}.{f}" for f in vector),
            out_dir / f"{spec.id}.nc")


def _check_vector(vector: Any) -> tuple[str, ...]:
    if isinstance(vector, str):
        vector = (vector,)
    try:
        formats = tuple(vector)
    except TypeError:
        formats = (vector,)
    bad = [f for f in formats if f not in VECTOR_FORMATS]
    if bad or len(set(formats)) != len(formats):
        raise ParameterError(f"vector must be a subset of {list(VECTOR_FORMATS)} without "
                             f"repeats, got {vector!r}")
    return formats


def reproduce_spec(spec: FigureSpec, out_dir: str | os.PathLike[str] = ".", *,
                   version: str | None = None, fast: bool = False, progress: bool = False,
                   overwrite: bool = False, vector: tuple[str, ...] = ("pdf",),
                   on_stage: Callable[[str], None] | None = None) -> ReproducedFigure:
    """Compute ``spec``, plot it, and write ``<id>.png`` (300 dpi), the vector files
    (``<id>.pdf`` by default; ``vector=("pdf", "svg")`` adds SVG) and ``<id>.nc``.

    The title, paper and parameters go into every file's metadata and into the caption
    (returned, and stored as the dataset's ``caption`` attribute). The version and the output
    files are checked before anything is computed: existing files are replaced only with
    ``overwrite=True``. ``on_stage`` is called with ``"compute"``, ``"plot"`` and ``"write"`` as
    each stage begins (a progress hook; this function prints nothing).
    """
    version = spec.check_version(version)
    if not isinstance(fast, bool):
        raise ParameterError(f"fast must be True or False, got {fast!r}")
    formats = _check_vector(vector)
    out = writable_directory(out_dir)
    paths = output_paths(spec, out, formats)
    for path in paths:
        check_output_file(path, name="out_dir", overwrite=overwrite)
    stage = on_stage or (lambda name: None)
    t0 = time.perf_counter()
    stage("compute")
    data = spec.compute(version=version, fast=fast, progress=progress)
    label_dataset(spec, data, version, fast)
    t1 = time.perf_counter()
    stage("plot")
    fig = spec.plot(data)
    text = data.attrs["caption"]
    stage("write")
    png, nc = paths[0], paths[-1]
    replace_atomically(png, lambda p: fig.savefig(p, dpi=PNG_DPI, format="png",
                                                  metadata=file_metadata(spec, text, "png")))
    for path, fmt in zip(paths[1:-1], formats):
        replace_atomically(path, lambda p, fmt=fmt: fig.savefig(
            p, format=fmt, metadata=file_metadata(spec, text, fmt)))
    t2 = time.perf_counter()
    replace_atomically(nc, lambda p: data.to_netcdf(p))
    return ReproducedFigure(spec.id, version, png, nc, t1 - t0, t2 - t1, paths[1:-1], text)
