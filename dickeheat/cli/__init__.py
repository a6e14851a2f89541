"""The ``dickeheat`` command line: one module per verb.

Each verb module exposes ``add_parser(sub)``, which adds its sub-command and sets
``func(args) -> int``. Library code does not print; the verbs do. Errors of the package
(:class:`dickeheat.errors.DickeheatError`) are reported on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence

from dickeheat import __version__
from dickeheat.errors import DickeheatError

__all__ = ["main", "build_parser", "VERBS"]

#: the verbs, in the order ``--help`` lists them (each a module of this package)
VERBS: tuple[str, ...] = (
    "list", "show", "verify", "latex", "circuit", "sweep", "valve", "reproduce", "bounds",
    "refrigerator",
    "engine",
)


_NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-(inf|nan)$", re.I)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dickeheat",
        description="Derive, code-generate and verify collective quantum thermal machines.",
    )
    parser.add_argument("--version", action="version", version=f"dickeheat {__version__}")
    sub = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    for verb in VERBS:
        verb_parser = importlib.import_module(f"{__name__}.{verb}").add_parser(sub)
        # `--C-T -1e-12` is a (negative) value, not an option: argparse only knows -1 and -.5
        verb_parser._negative_number_matcher = _NEGATIVE_NUMBER
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except DickeheatError as err:
        print(f"dickeheat {args.verb}: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader (e.g. `| head`) closed the pipe: stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
