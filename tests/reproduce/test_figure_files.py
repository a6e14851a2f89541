"""Figures fit for a manuscript: vector files, print resolution, metadata, words in the plot."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr
from matplotlib.figure import Figure
from PIL import Image

from dickeheat.errors import ParameterError
from dickeheat.reproduce import compute, figure_ids, get_figure, plot
from dickeheat.reproduce.figure import FigureSpec, reproduce_spec


def _compute(*, version, fast, progress):
    return xr.Dataset({"y": ("x", np.arange(3.0))}, coords={"x": np.arange(3.0)},
                      attrs={"figure": "kloc2021-demo", "beta_h": 0.25, "N": 7})


def _plot(ds):
    fig = Figure(figsize=(2, 2))
    ax = fig.subplots()
    ax.plot(ds.x, ds.y, label="a line")
    fig.suptitle(ds.attrs["title"])
    return fig


SPEC = FigureSpec(id="kloc2021-demo", paper="kloc2021", title="A demo in words",
                  numbers={"paper": "Fig. 9"}, summary="y against x", compute=_compute,
                  plot=_plot)


def test_png_at_300_dpi_pdf_beside_it_and_metadata(tmp_path):
    stages: list[str] = []
    done = reproduce_spec(SPEC, tmp_path, on_stage=stages.append)
    assert stages == ["compute", "plot", "write"]
    assert [p.name for p in done.files] == ["kloc2021-demo.png", "kloc2021-demo.pdf",
                                            "kloc2021-demo.nc"]
    im = Image.open(done.png)
    assert round(im.info["dpi"][0]) == 300 and im.size == (600, 600)
    assert "Kloc" in im.info["Source"] and "beta_h = 0.25" in im.info["Description"]
    assert im.info["Title"] == "A demo in words (Fig. 9)"
    pdf = done.vectors[0].read_bytes()
    assert pdf[:5] == b"%PDF-" and b"A demo in words" in pdf and b"beta_h = 0.25" in pdf
    assert "Fig. 9" in done.caption and "N = 7" in done.caption and "Kloc" in done.caption
    with xr.open_dataset(done.data) as ds:
        assert ds.attrs["caption"] == done.caption


def test_svg_on_request_and_no_file_replaced_without_overwrite(tmp_path):
    done = reproduce_spec(SPEC, tmp_path, vector=("pdf", "svg"))
    svg = done.vectors[1]
    assert svg.suffix == ".svg" and b"A demo in words" in svg.read_bytes()
    before = {p: p.read_bytes() for p in done.files}
    (tmp_path / "kloc2021-demo.png").unlink()  # only the vector file and the data remain
    with pytest.raises(ParameterError, match="kloc2021-demo.pdf' exists"):
        reproduce_spec(SPEC, tmp_path)
    assert not (tmp_path / "kloc2021-demo.png").exists()
    assert done.vectors[0].read_bytes() == before[done.vectors[0]]
    reproduce_spec(SPEC, tmp_path, overwrite=True)
    with pytest.raises(ParameterError, match="vector"):
        reproduce_spec(SPEC, tmp_path / "x", vector=("png",))


@pytest.mark.parametrize("fig_id", [i for i in figure_ids()
                                    if not i.startswith("dasilvasouza2022")])
def test_titles_are_words_not_ids(fig_id):
    spec = get_figure(fig_id)
    assert spec.id not in spec.title and "_" not in spec.title.replace("J_z", "")


def test_fig3_curves_told_apart():
    """The three lowest-T_c curves of Fig. 3 nearly coincide: they differ in line style and
    marker, and an inset shows their differences; the title is in words."""
    ds = compute("andolina2024-fig3", fast=True)
    fig = plot("andolina2024-fig3", ds)
    main = fig.axes[0]
    lines = main.get_lines()[:3]
    assert len({line.get_linestyle() for line in lines}) == 3
    assert len({line.get_marker() for line in lines}) == 3
    inset = main.child_axes
    assert len(inset) == 1 and len(inset[0].get_lines()) == 3
    title = fig.get_suptitle()
    assert "andolina2024-fig3" not in title and "Effective temperature" in title
