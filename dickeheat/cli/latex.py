"""The ``dickeheat latex`` verb: a standalone LaTeX document of the derived results."""

from __future__ import annotations

import argparse
import sys

from dickeheat.cli._common import selected_registry

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``latex`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser(
        "latex",
        help="write a standalone LaTeX document of every derived result",
        description="A standalone LaTeX document (pdflatex) with every derived result, labelled "
        "with its paper equation; where the print disagrees both are shown with the discrepancy.",
    )
    p.add_argument("--paper", metavar="KEY", help="only this paper")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--overwrite", action="store_true",
                   help="with --out: replace FILE if it exists (default: refuse)")
    p.add_argument("--steps", action="store_true", help="include the derivation steps")
    p.set_defaults(func=_cmd_latex)
    return p


def _cmd_latex(args: argparse.Namespace) -> int:
    from dickeheat.errors import ParameterError
    from dickeheat.files import check_output_file, write_text
    from dickeheat.symbolic.latexdoc import render_document

    if args.overwrite and args.out is None:
        raise ParameterError("--overwrite is only valid together with --out")
    target = None if args.out is None else check_output_file(args.out, overwrite=args.overwrite)
    doc = render_document(selected_registry(args.paper), steps=args.steps,
                          title="dickeheat: derived results")
    if target is None:
        sys.stdout.write(doc)
        return 0
    try:
        write_text(target, doc)
    except OSError as err:
        raise ParameterError(f"--out {args.out!r} is not writable: {err.strerror}") from None
    return 0
