"""Verification: run each derivation, compare with the print, run the numeric check.

``verify`` never prints; the command line renders its records.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from dickeheat.symbolic.result import Result, Status

__all__ = ["Record", "verify_result", "verify_all"]


@dataclasses.dataclass(frozen=True)
class Record:
    """The outcome of verifying one result."""

    name: str
    paper: str
    equation: str
    status: Status
    discrepancy: dict[str, str] | None
    numeric_check: dict[str, Any] | None
    error: str | None = None
    postulates: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def verify_result(result: Result) -> Record:
    """Compare ``result`` with its printed form and run its numeric check.

    The status is ``failed`` if the comparison or the check raises, if the check does not
    pass, or if a result compared with a second derivation (``consistent`` when they agree)
    disagrees with it; a discrepancy with the print is a finding (``erratum``), not a failure.
    """
    try:
        c = result.compare()
        status: Status = result.status
        discrepancy = {"kind": c.kind, "detail": c.detail} if c.is_erratum else None
    except Exception as err:  # a derivation that cannot be compared is a failure
        return Record(result.name, result.paper, result.equation, "failed", None, None,
                      error=f"comparison raised {type(err).__name__}: {err}",
                      postulates=result.postulates)
    try:
        check = result.run_check()
    except Exception as err:
        tb = traceback.format_exception_only(type(err), err)[-1].strip()
        return Record(result.name, result.paper, result.equation, "failed", discrepancy, None,
                      error=f"numeric check raised {tb}", postulates=result.postulates)
    error = None
    if status == "failed":  # two derivations of the same quantity disagree
        error = f"the second derivation disagrees ({c.kind}: {c.detail})"
    if check is not None and not check.passed:
        status = "failed"
        error = "numeric check did not pass" if error is None else error
    return Record(result.name, result.paper, result.equation, status, discrepancy,
                  None if check is None else check.to_dict(), error=error,
                  postulates=result.postulates)


def verify_all(
    results: Iterable[Result], progress: Callable[[Iterable[Result]], Iterable[Result]] = iter
) -> list[Record]:
    """Verify every result; ``progress`` may wrap the iterable (e.g. with a progress bar)."""
    return [verify_result(r) for r in progress(results)]
