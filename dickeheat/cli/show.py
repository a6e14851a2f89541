"""The ``dickeheat show`` verb: one result's expression, LaTeX, print and status."""

from __future__ import annotations

import argparse

from dickeheat.cli._catalog import find_record
from dickeheat.cli._common import print_json

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``show`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser("show", help="show one result: expression, LaTeX, print, status")
    p.add_argument("name", help="dotted result name, e.g. andolina2024.G")
    p.add_argument("--json", action="store_true", help="print a JSON record")
    p.add_argument("--steps", action="store_true", help="also print the derivation steps")
    p.set_defaults(func=_cmd_show)
    return p


def _cmd_show(args: argparse.Namespace) -> int:
    record = find_record(args.name)
    if args.json:
        print_json(record)
        return 0
    print(f"{record['name']}  —  {record['title']}")
    print(f"paper: {record['paper']}   equation: {record['equation']}   "
          f"status: {record['status']}")
    print(f"args:  {', '.join(record['args'])}")
    print(f"derived: {record['lhs']} = {record['expression']}")
    print(f"latex:   {record['latex']}")
    if record["printed"] is not None:
        print(f"printed: {record['printed']}")
    if record["discrepancy"]:
        print(f"discrepancy ({record['discrepancy']['kind']}): {record['discrepancy']['detail']}")
    if args.steps:
        for i, s in enumerate(record["steps"], 1):
            print(f"  step {i} [{s['label']}] {s['description']}")
            print(f"      {s['latex']}")
    if record.get("postulates"):
        print(f"postulates (inputs, not derived): {'; '.join(record['postulates'])}")
    if record["notes"]:
        print(f"notes: {record['notes']}")
    return 0
