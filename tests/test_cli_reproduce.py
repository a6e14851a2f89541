"""``dickeheat reproduce``: listing, files written, exit codes."""

from __future__ import annotations

import json

import pytest
import xarray as xr

from dickeheat.cli import main
from dickeheat.reproduce import figure_ids


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list(capsys):
    code, out, _ = run(capsys, "reproduce", "--list")
    assert code == 0
    assert all(i in out for i in figure_ids())
    assert "arXiv Fig. 4 = published Fig. 3" in out


def test_list_json(capsys):
    code, out, _ = run(capsys, "reproduce", "--list", "--json")
    assert code == 0
    records = json.loads(out)
    assert [r["id"] for r in records] == figure_ids()
    fig6 = records[figure_ids().index("andolina2024-fig6")]
    assert fig6["arxiv"] == "Fig. 6" and fig6["published"] == "Fig. 5"
    assert fig6["versions"] == ["arxiv", "published"]


def test_unknown_figure_exits_2_listing_ids(capsys, tmp_path):
    code, out, err = run(capsys, "reproduce", "andolina2024-fig9", "--out", tmp_path)
    assert code == 2 and out == ""
    assert "andolina2024-fig9" in err and all(i in err for i in figure_ids())
    assert list(tmp_path.iterdir()) == []


def test_unwritable_out_exits_2_naming_out(capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    code, _, err = run(capsys, "reproduce", "andolina2024-fig7", "--out", blocker / "sub")
    assert code == 2
    assert "--out" in err and "a-file" in err


@pytest.mark.parametrize("argv, text", [
    (("andolina2024-fig3", "--version", "published"), "arxiv"),
    ((), "FIGURE"),
    (("andolina2024-fig7", "--json"), "--list"),
])
def test_bad_combinations_exit_2(capsys, tmp_path, argv, text):
    code, _, err = run(capsys, "reproduce", *argv, "--out", tmp_path)
    assert code == 2 and text in err


def test_bad_version_is_a_usage_error(capsys):
    code, out, err = run(capsys, "reproduce", "andolina2024-fig7", "--version", "preprint")
    assert code == 2 and "--version preprint" in err and "arxiv, published" in err


def test_writes_png_and_netcdf(capsys, tmp_path):
    out_dir = tmp_path / "new" / "dir"
    code, out, err = run(capsys, "reproduce", "andolina2024-fig7", "--out", out_dir, "--fast",
                         "--version", "published")
    assert code == 0, err
    png, nc = out_dir / "andolina2024-fig7.png", out_dir / "andolina2024-fig7.nc"
    assert png.read_bytes()[:4] == b"\x89PNG"
    with xr.open_dataset(nc) as ds:
        assert ds.attrs["version"] == "published"
        assert set(ds.data_vars) >= {"jz_a", "minus_jz_b"}
    assert str(png) in out


def test_existing_outputs_are_not_replaced(capsys, tmp_path):
    png = tmp_path / "andolina2024-fig7.png"
    png.write_bytes(b"mine")
    code, out, err = run(capsys, "reproduce", "andolina2024-fig7", "--out", tmp_path, "--fast")
    assert code == 2 and "--overwrite" in err and png.read_bytes() == b"mine"
    code, out, err = run(capsys, "reproduce", "andolina2024-fig7", "--out", tmp_path, "--fast",
                         "--overwrite")
    assert code == 0 and png.read_bytes() != b"mine"
