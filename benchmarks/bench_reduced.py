"""Benchmark of the ``reduced`` backend (prints its measurements; asserts nothing).

Run from the repository root::

    python benchmarks/bench_reduced.py            # accuracy, PIQS at N = 96, scaling, N = 10 000
    python benchmarks/bench_reduced.py --no-big   # without the N = 10 000 run
    python benchmarks/bench_reduced.py --targets  # the three issue targets (N = 10 000 paper-like,
                                                  # N = 10 000 with gamma_p = 5, T_p = 3, and
                                                  # N = 30 000 peak memory), each in a child
    python benchmarks/bench_reduced.py --stress [--stress-min-N 1000] [--stress-max-N 100]
                                                  # the full stress grid (or part of it)
    python benchmarks/bench_reduced.py --dephasing  # local dephasing: piqs, sparse LU, N to 10 000

Parameters are those of Fig. 5(c, d) of the heat-valve paper (ω0 = 1):
γ_h = γ_c = 1, T_h = 3, T_c = 1/3, γ_p = 0.001, T_p = 1/3.

Every large solve runs in a fresh child process, so its wall time and peak resident memory
(``VmHWM``) are its own; the memory of a child that only imports and solves N = 10 is
reported as the baseline. Exponents are least-squares fits of log(time) and
log(peak memory − baseline) against log N.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import numpy as np

PARAMS = {"gamma_h": 1.0, "gamma_c": 1.0, "T_h": 3.0, "T_c": 1 / 3, "gamma_p": 0.001, "T_p": 1 / 3}
OBS = ("Q_h", "Q_c", "Q_p", "jz", "J2")

CHILD = """
import json, sys, time


def peak_rss():
    # VmHWM of this process image (getrusage's ru_maxrss would include the parent's RSS at fork)
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0

from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.reduced import solve
params = json.loads(sys.argv[2])
t0, c0 = time.perf_counter(), time.process_time()
s = solve(HeatValve(N=int(sys.argv[1]), **params), max_iter=int(sys.argv[3]))
wall = time.perf_counter() - t0
print(json.dumps(dict(wall=wall, cpu=time.process_time() - c0, solve_seconds=s.solve_seconds,
                      iterations=s.rho.iterations,
                      change=s.rho.change, residual=s.residual, reference=s.rho.reference,
                      Q_h=s.Q_h, first_law=s.first_law, trace=s.trace,
                      rss=peak_rss())))
"""


def child(N: int, params: dict = PARAMS, max_iter: int = 2000,
          timeout: float | None = None) -> dict:
    """Solve in a fresh child process; ``{"error": ...}`` if it fails or times out."""
    try:
        out = subprocess.run([sys.executable, "-c", CHILD, str(N), json.dumps(params),
                              str(max_iter)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"no result within {timeout:.0f} s"}
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed_child(N: int, params: dict, timeout: float | None) -> tuple[dict, float]:
    """:func:`child` with a generous sweep limit, and the wall time it took."""
    t0 = time.perf_counter()
    c = child(N, params, max_iter=100_000, timeout=timeout)
    return c, time.perf_counter() - t0


def rel(a: float, b: float, scale: float) -> float:
    return abs(a - b) / max(abs(a), abs(b), scale)


def max_rel(ref, got) -> float:
    q = max(abs(ref.Q_h), abs(ref.Q_c))
    errs = [rel(getattr(ref, k), getattr(got, k), q if k.startswith("Q") else 1.0) for k in OBS]
    errs += [rel(p, got.P_J.get(J, 0.0), 1.0) for J, p in ref.P_J.items()]
    return max(errs)


def fit_exponent(N: list[int], y: list[float]) -> float:
    return float(np.polyfit(np.log(N), np.log(y), 1)[0])


def accuracy() -> None:
    from dickeheat.numeric import qutip_backend
    from dickeheat.numeric.model import HeatValve
    from dickeheat.numeric.reduced import solve

    cases = [PARAMS, dict(PARAMS, gamma_p=0.5, T_p=2.0, T_h=1.0), dict(PARAMS, T_h=0.5, T_c=2.0)]
    worst = 0.0
    for params in cases:
        for N in range(1, 8):
            model = HeatValve(N=N, **params)
            worst = max(worst, max_rel(qutip_backend.solve(model), solve(model)))
    print(f"[accuracy] reduced vs full 2^N space (N = 1..7, 3 parameter sets): "
          f"max relative difference of Q_h, Q_c, Q_p, <J_z>, <J^2>, P_J = {worst:.2e} "
          f"(target 1e-10)")


def sparse_lu_P_J(model) -> dict[float, float]:
    """P_J from a plain double-precision sparse LU of the same rate equation (moderate N)."""
    from dickeheat.numeric import dicke_lattice as lat

    x = lat.sparse_lu_populations(model)
    off = lat.block_offsets(model.N)
    return {float(J): float(x[off[k]:off[k + 1]].sum()) for k, J in enumerate(lat.block_J(model.N))}


def versus_piqs(N: int = 96) -> None:
    from dickeheat.numeric import piqs_backend
    from dickeheat.numeric.model import HeatValve
    from dickeheat.numeric.reduced import solve

    model = HeatValve(N=N, **PARAMS)
    p = piqs_backend.solve(model)
    r = min((solve(model) for _ in range(3)), key=lambda s: s.solve_seconds)
    print(f"[piqs] N = {N}: piqs solve_seconds = {p.solve_seconds:.2f} s, reduced "
          f"solve_seconds = {r.solve_seconds:.4f} s (best of 3): speed-up "
          f"{p.solve_seconds / r.solve_seconds:.0f}x (target >= 100x)")
    print(f"[piqs] N = {N}: max relative difference reduced vs piqs = {max_rel(r, p):.2e} "
          f"(piqs is single precision; its documented accuracy {piqs_backend.PIQS_REL_TOL:.0e})")
    lu = sparse_lu_P_J(model)
    print(f"[piqs] N = {N}: max |P_J - P_J(double-precision sparse LU)|: reduced "
          f"{max(abs(r.P_J[J] - v) for J, v in lu.items()):.1e}, piqs "
          f"{max(abs(p.P_J[J] - v) for J, v in lu.items()):.1e}")


def scaling(Ns: list[int]) -> None:
    base = child(10)["rss"]
    print(f"[scaling] baseline peak memory (import + N = 10) = {base / 1e6:.0f} MB")
    times, mems = [], []
    for N in Ns:
        c = child(N)
        times.append(c["solve_seconds"])
        mems.append(max(c["rss"] - base, 1.0))
        print(f"[scaling] N = {N:6d}: {c['solve_seconds']:7.2f} s, peak {c['rss'] / 1e6:7.0f} MB, "
              f"{c['iterations']} iterations ({c['reference']} reference), "
              f"residual {c['residual']:.1e}")
    print(f"[scaling] time ~ N^{fit_exponent(Ns, times):.2f}, memory above baseline ~ "
          f"N^{fit_exponent(Ns, mems):.2f} (levels ~ N^2)")


def big(N: int = 10_000) -> None:
    t0 = time.perf_counter()
    c = child(N)
    wall = time.perf_counter() - t0
    if "error" in c:
        print(f"[N={N}] failed: {c['error']}")
        return
    print(f"[N={N}] wall (child process, incl. interpreter start) {wall:.1f} s, "
          f"solve {c['solve_seconds']:.1f} s (target <= 4 s), peak memory "
          f"{c['rss'] / 1e9:.2f} GB")
    print(f"[N={N}] {c['iterations']} iterations, last change {c['change']:.1e}, residual "
          f"{c['residual']:.1e}, trace - 1 = {c['trace'] - 1:.1e}, first law "
          f"{c['first_law']:.1e} (Q_h = {c['Q_h']:.6g})")


def load() -> str:
    """The machine's load average (the benchmark shares its cores)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "?"


def targets(timeout: float) -> None:
    """The issue's targets, each in a fresh child (wall time, peak RSS, sweeps)."""
    cases = [("N = 10 000, paper-like", 10_000, PARAMS, "<= 4 s"),
             ("N = 10 000, gamma_p = 5, T_p = 3", 10_000,
              dict(PARAMS, gamma_p=5.0, T_p=3.0), "<= 20 s"),
             ("N = 30 000, paper-like", 30_000, PARAMS, "peak <= 8 GB")]
    print(f"[targets] load average before: {load()} (2 cores)")
    # the loops are compiled on first use and cached on disk: one small solve fills the cache
    warm = child(40, dict(PARAMS, gamma_p=0.1))
    print(f"[targets] cache warm-up (N = 40): {warm.get('wall', float('nan')):.2f} s")
    print("| case | wall (s) | CPU (s) | peak RSS (GB) | sweeps | residual | reference | "
          "target |")
    print("|---|---|---|---|---|---|---|---|")
    for name, N, params, target in cases:
        c, wall = timed_child(N, params, timeout)
        if "error" in c:
            print(f"| {name} | > {wall:.0f} | - | - | - | - | - | {target}: {c['error']} |")
            continue
        print(f"| {name} | {c['solve_seconds']:.1f} | {c['cpu']:.1f} | {c['rss'] / 1e9:.2f} "
              f"| {c['iterations']} | {c['residual']:.1e} | {c['reference']} | {target} |",
              flush=True)
    print(f"[targets] load average after: {load()}")
    # the strong, hot parasitic bath: sweeps and time against N (the lattice is cut above
    # the J where the probability is negligible; the reference says where)
    strong = dict(PARAMS, gamma_p=5.0, T_p=3.0)
    for N in (200, 400, 800, 1600, 3200, 6400):
        c, wall = timed_child(N, strong, timeout)
        if "error" in c:
            print(f"[targets] gamma_p = 5, T_p = 3, N = {N}: after {wall:.0f} s: {c['error']}")
            break
        print(f"[targets] gamma_p = 5, T_p = 3, N = {N}: {c['solve_seconds']:.1f} s wall, "
              f"{c['cpu']:.1f} s CPU, {c['iterations']} sweeps, residual {c['residual']:.1e}, "
              f"reference {c['reference']}", flush=True)
        if c["solve_seconds"] > 60.0:
            break
    # the reference in the same run
    versus_piqs()


def stress(max_N: int, max_iter: int, min_N: int = 0) -> None:
    """The full stress grid (``dickeheat.numeric.reduced.stress``): a table per N, and one
    line per point on standard error as it completes."""
    import warnings

    from dickeheat.numeric.reduced.stress import points, run_point

    warnings.simplefilter("ignore", RuntimeWarning)
    grid = [p for p in points("full") if min_N <= p["N"] <= max_N]
    print(f"[stress] {len(grid)} points ({min_N} <= N <= {max_N}), load average {load()}")
    print("| N | points | converged | NumericalError | ParameterError | sweeps median | "
          "sweeps worst | time median (s) | time worst (s) | worst residual |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    failures = []
    for N in sorted({p["N"] for p in grid}):
        rows = []
        for p in grid:
            if p["N"] == N:
                rows.append((p, run_point(p, max_iter=max_iter)))
                r = rows[-1][1]
                print(f"[stress point] {p} {r['status']} sweeps {r['iterations']} "
                      f"{r['seconds']:.2f} s residual {r['residual']:.1e}", file=sys.stderr,
                      flush=True)
        ok = [r for _, r in rows if r["status"] == "ok"]
        its = [r["iterations"] for r in ok] or [0]
        secs = [r["seconds"] for _, r in rows]
        failures += [(p, r) for p, r in rows if r["status"] != "ok"]
        print(f"| {N} | {len(rows)} | {len(ok)} | "
              f"{sum(r['status'] == 'NumericalError' for _, r in rows)} | "
              f"{sum(r['status'] == 'ParameterError' for _, r in rows)} | "
              f"{np.median(its):.0f} | {max(its)} | {np.median(secs):.3f} | {max(secs):.2f} | "
              f"{max((r['residual'] for r in ok), default=float('nan')):.1e} |", flush=True)
    for p, r in failures:
        print(f"[stress] {r['status']} at {p}: {r['message']}")


def dephasing(timeout: float, gamma_phi: float = 0.01, Ns: tuple[int, ...] = (1000, 3000, 10_000),
              N_piqs: int = 40, N_lu: int = 300) -> None:
    """Local dephasing in the iterative kernel: PIQS at ``N_piqs`` and N = 30 (and at
    ``N_piqs`` with γ_φ = 1) and the scaled sparse LU (``_direct``, the independent route) at
    ``N_lu`` in this process (time ratios, accuracy), then ``Ns`` each in a fresh child (wall
    time, sweeps, residual, peak memory)."""
    from dickeheat.errors import NumericalError
    from dickeheat.numeric import piqs_backend
    from dickeheat.numeric.model import HeatValve
    from dickeheat.numeric.reduced import _solve, solve

    params = dict(PARAMS, gamma_phi=gamma_phi)
    print(f"[dephasing] paper-like parameters with gamma_phi = {gamma_phi}, load average "
          f"{load()} (2 cores)")
    # PIQS's steady state has negative populations at N = 40 with gamma_phi = 0.01 (and 0.1):
    # compared where it has none, and its failure reported where it has
    for n, g in ((N_piqs, gamma_phi), (30, gamma_phi), (N_piqs, 1.0)):
        model = HeatValve(N=n, **dict(params, gamma_phi=g))
        try:
            p = piqs_backend.solve(model)
        except NumericalError as err:
            print(f"[dephasing] N = {n}, gamma_phi = {g}: piqs failed: {err}")
            continue
        r = min((solve(model) for _ in range(3)), key=lambda s: s.solve_seconds)
        print(f"[dephasing] N = {n}, gamma_phi = {g}: piqs {p.solve_seconds:.2f} s, reduced "
              f"{r.solve_seconds:.4f} s (best of 3, {r.rho.iterations} sweeps): speed-up "
              f"{p.solve_seconds / r.solve_seconds:.0f}x; "
              f"max relative difference {max_rel(r, p):.2e} (piqs: single precision, "
              f"{piqs_backend.PIQS_REL_TOL:.0e})")
    model = HeatValve(N=N_lu, **params)
    t0 = time.perf_counter()
    lu_pops, lu_res, moments = _solve._direct_lu(model.rates_divided_by(model.max_rate), 1e-8)
    t_lu = time.perf_counter() - t0
    r = solve(model)
    obs = _solve._observables(model.rates_divided_by(model.max_rate), moments)
    q = max(abs(r.Q_h), abs(r.Q_c))
    err = max(abs(r.Q_h - obs["Q_h"] * model.max_rate) / q,
              abs(r.Q_c - obs["Q_c"] * model.max_rate) / q,
              max(abs(r.P_J[J] - v) / max(v, 1e-300) for J, v in obs["P_J"].items() if v > 1e-300),
              float(np.max(np.abs(r.rho.log_P - lu_pops.log_P))))
    print(f"[dephasing] N = {N_lu}: sparse LU {t_lu:.2f} s (residual {lu_res:.1e}), reduced "
          f"{r.solve_seconds:.3f} s ({r.rho.iterations} sweeps, residual {r.residual:.1e}): "
          f"ratio {t_lu / r.solve_seconds:.0f}x; max relative difference of Q_h, Q_c, P_J, P(J,M) "
          f"{err:.1e}")
    print("| N | wall (s) | solve (s) | sweeps | residual | peak RSS (GB) | first law / Q_h |")
    print("|---|---|---|---|---|---|---|")
    for N in Ns:
        c, wall = timed_child(N, params, timeout)
        if "error" in c:
            print(f"| {N} | > {wall:.0f} | - | - | - | - | {c['error']} |")
            continue
        print(f"| {N} | {wall:.1f} | {c['solve_seconds']:.1f} | {c['iterations']} | "
              f"{c['residual']:.1e} | {c['rss'] / 1e9:.2f} | {c['first_law'] / c['Q_h']:.1e} |",
              flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-big", action="store_true", help="skip the N = 10 000 solve")
    ap.add_argument("--scaling", type=int, nargs="*", default=[500, 1000, 2000, 4000])
    ap.add_argument("--targets", action="store_true", help="only the issue's three targets")
    ap.add_argument("--timeout", type=float, default=1800.0, help="per target, seconds")
    ap.add_argument("--stress", action="store_true", help="only the full stress grid")
    ap.add_argument("--stress-max-N", type=int, default=10_000)
    ap.add_argument("--stress-min-N", type=int, default=0)
    ap.add_argument("--stress-max-iter", type=int, default=20_000)
    ap.add_argument("--dephasing", action="store_true",
                    help="only local dephasing: piqs at N = 30, 40, sparse LU at N = 300, "
                         "N = 1000, 3000, 10 000 with gamma_phi = 0.01 in children")
    args = ap.parse_args(argv)
    if args.dephasing:
        dephasing(args.timeout)
        return
    if args.targets or args.stress:
        if args.targets:
            targets(args.timeout)
        if args.stress:
            stress(args.stress_max_N, args.stress_max_iter, args.stress_min_N)
        return
    accuracy()
    versus_piqs()
    if args.scaling:
        scaling(args.scaling)
    if not args.no_big:
        big()


if __name__ == "__main__":
    main()
