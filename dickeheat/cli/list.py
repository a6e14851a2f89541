"""The ``dickeheat list`` verb: every registered result, one per line."""

from __future__ import annotations

import argparse

from dickeheat.cli._catalog import paper_records

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``list`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser("list", help="list every registered result")
    p.add_argument("--paper", metavar="KEY", help="only this paper's results")
    p.set_defaults(func=_cmd_list)
    return p


def _cmd_list(args: argparse.Namespace) -> int:
    for r in paper_records(args.paper):
        print(f"{r['name']:<40} {r['equation']:<26} {r['title']}")
    return 0
