"""Progress is shown on a terminal only: never when piped, never with --json."""

from __future__ import annotations

import argparse
import io

from dickeheat.cli._progress import Stages, bar, spinner, wanted


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wanted_only_on_a_terminal_without_json():
    assert wanted(argparse.Namespace(json=False), _Tty())
    assert not wanted(argparse.Namespace(json=True), _Tty())
    assert not wanted(argparse.Namespace(json=False), io.StringIO())  # piped
    assert not wanted(None, io.StringIO())


def test_disabled_helpers_print_nothing(capsys):
    items = [1, 2, 3]
    assert bar(items, "x", False) is items
    with Stages("x", False) as stage:
        stage("compute")
    with spinner("x", False):
        pass
    assert capsys.readouterr() == ("", "")


def test_enabled_helpers_write_to_stderr_only(capsys):
    assert list(bar([1, 2], "verify", True)) == [1, 2]
    with Stages("fig", True) as stage:
        stage("plot")
    with spinner("solving", True, interval=0.01):
        pass
    out, err = capsys.readouterr()
    assert out == "" and "verify" in err and "fig" in err and "solving" in err
