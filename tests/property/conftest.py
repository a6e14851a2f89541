"""Print, at the end of a run, the number of samples and the worst margin of every property."""

from __future__ import annotations

from property_support import MARGINS


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001
    if not MARGINS:
        return
    tr = terminalreporter
    tr.section("property tests: samples and worst margins")
    total = sum(e["count"] for e in MARGINS.values())
    for name in sorted(MARGINS):
        e = MARGINS[name]
        worst = "n/a" if e["worst"] is None else f"{e['worst']:.6g}"
        tr.write_line(f"{name:<48} n = {e['count']:>6}  {e['sense']} = {worst:<14} {e['where']}")
    tr.write_line(f"{'total samples':<48} n = {total:>6}")
