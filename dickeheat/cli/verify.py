"""The ``dickeheat verify`` verb, the main job: derive, compare with the print, check."""

from __future__ import annotations

import argparse
import sys
import time

from dickeheat.cli._common import print_json, selected_registry

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``verify`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser(
        "verify",
        help="run every derivation, compare with the print, run the numeric checks",
        description="Run every derivation, compare it with the paper's printed form and run its "
        "independent numerical check. Exit status 1 if a derivation or a check fails; a found "
        "erratum is a finding, not a failure.",
    )
    p.add_argument("--paper", metavar="KEY", help="only this paper (e.g. andolina2024)")
    p.add_argument("--json", action="store_true", help="print a list of JSON records")
    p.set_defaults(func=_cmd_verify)
    return p


def _cmd_verify(args: argparse.Namespace) -> int:
    from dickeheat.cli._progress import bar, wanted
    from dickeheat.derivations.verify import verify_all
    from dickeheat.symbolic.result import STATUSES

    t0 = time.perf_counter()
    reg = selected_registry(args.paper)
    show_bar = wanted(args, sys.stderr)
    records = verify_all(reg, progress=lambda it: bar(it, "verify", show_bar, unit="result"))
    elapsed = time.perf_counter() - t0
    failed = [r for r in records if r.failed]
    if args.json:
        print_json([r.to_dict() for r in records])
    else:
        print(f"{'name':<34} {'equation':<22} {'status':<8} "
              f"{'numeric check (rel. error)':<28} discrepancy")
        for r in records:
            nc = r.numeric_check
            check = "—" if nc is None else (
                f"{'pass' if nc['passed'] else 'FAIL'} {nc['max_rel_error']:.1e} "
                f"(tol {nc['tolerance']:.0e})"
            )
            disc = "" if r.discrepancy is None else (
                f"{r.discrepancy['kind']}: {r.discrepancy['detail']}"
            )
            if r.error and r.failed:
                disc = (disc + "  " if disc else "") + f"[{r.error}]"
            print(f"{r.name:<34} {r.equation:<22} {r.status:<8} {check:<28} {disc}")
        counts = {s: sum(r.status == s for r in records) for s in STATUSES}
        print(
            f"\n{len(records)} results: {counts['agrees']} agree, {counts['erratum']} errata, "
            f"{counts['derived']} derived only, {counts['consistent']} consistent, "
            f"{counts['sampled']} sampled, "
            f"{counts['inconclusive']} inconclusive, "
            f"{counts['failed']} failed  ({elapsed:.1f} s)"
        )
        second = [r.name for r in records if r.status == "consistent"]
        if second:
            print("consistent (compared with a second derivation; the paper prints no formula): "
                  + ", ".join(second))
        undecided = [r.name for r in records if r.status == "inconclusive"]
        if undecided:
            print("inconclusive (the comparison with the print could not decide): "
                  + ", ".join(undecided))
    return 1 if failed else 0
