"""Benchmark of the heat valve with dephasing (prints its measurements; asserts nothing).

Run from the repository root::

    python benchmarks/bench_dephasing.py

For N = 2 … 6: the ``reduced``, ``qutip`` (full 2^N space) and ``piqs`` backends on the same
model with local and collective dephasing; the largest relative difference of Q_h, Q_c, ⟨J_z⟩,
⟨J²⟩ and each backend's residual. Then ``reduced`` against ``piqs`` (time ratio and agreement)
at N = 24, 48, 96, and ``reduced`` alone at larger N (time and residual).
"""

from __future__ import annotations

import time

from dickeheat.numeric import piqs_backend, qutip_backend, reduced
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.model import HeatValve

PARAMS = {"gamma_h": 1.0, "gamma_c": 0.7, "T_h": 2.0, "T_c": 1 / 3, "gamma_p": 0.01,
          "T_p": 0.5, "gamma_phi": 0.2, "gamma_phi_c": 0.1}


def worst(a, b) -> float:
    return max(relative_error(getattr(a, k), getattr(b, k)) for k in ("Q_h", "Q_c", "jz", "J2"))


def timed(solve, model):
    t0 = time.perf_counter()
    s = solve(model)
    return s, time.perf_counter() - t0


def main() -> None:
    print("N  reduced-vs-qutip  piqs-vs-qutip  residuals (reduced, qutip, piqs)")
    for N in range(2, 7):
        m = HeatValve(N=N, **PARAMS)
        full, red, pq = qutip_backend.solve(m), reduced.solve(m), piqs_backend.solve(m)
        print(f"{N}  {worst(red, full):.1e}          {worst(pq, full):.1e}        "
              f"{red.residual:.1e} {full.residual:.1e} {pq.residual:.1e}")
    print("\nN   t_piqs/t_reduced  reduced-vs-piqs  residual(reduced)")
    for N in (24, 48, 96):
        m = HeatValve(N=N, **PARAMS)
        pq, tp = timed(piqs_backend.solve, m)
        red, tr = timed(reduced.solve, m)
        print(f"{N:<3} {tp / tr:8.1f}          {worst(red, pq):.1e}          {red.residual:.1e}")
    print("\nN     t_reduced [s]  residual")
    for N in (250, 500, 1000):
        red, tr = timed(reduced.solve, HeatValve(N=N, **PARAMS))
        print(f"{N:<5} {tr:8.2f}       {red.residual:.1e}")


if __name__ == "__main__":
    main()
