"""Benchmark of the J_z^2 refrigerator solvers (prints its measurements; asserts nothing).

Run from the repository root::

    python benchmarks/bench_refrigerator.py           # QuTiP comparison and sector scaling
    python benchmarks/bench_refrigerator.py --no-big  # sector solver only up to N = 10^4

Parameters: the caption of Fig. 2 of Kloc et al. (2021) (Omega = 1, eps = 2, 6, 4,
delta = 0.1, 0.1, 1e-3, beta = 2, 1, 1e-3, Gamma = 1).

Three routes to the same stationary current and noise of the cold bath, timed in the same run:

* sector: the Pauli rate equation in one parity sector of j = N/2 ((N+1)/2 levels) with the
  counting statistics of dickeheat.numeric.fcs;
* QuTiP spin space: the secular master equation on the (N+1)-dimensional spin, both parities
  (degenerate levels), built by dickeheat.numeric.davies, steady state by constrained least
  squares and noise by qutip.countstat_current_noise on the even-parity subspace;
* QuTiP qubit space: the same in the 2^N space of the qubits (N <= 5; 7 takes minutes to build).

Printed: sizes, wall times, time ratios (QuTiP / sector) and the relative deviations.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import qutip
from qutip import piqs

from dickeheat.numeric import davies
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.spin_refrigerator import PeakedBath, SpinRefrigerator, solve

COLD = PeakedBath(beta=2.0, center=2.0, width=0.1, amplitude=1.0)
HOT = PeakedBath(beta=1.0, center=6.0, width=0.1, amplitude=1.0)
WORK = PeakedBath(beta=1e-3, center=4.0, width=1e-3, amplitude=1.0)


def sector(N: int):
    t = time.perf_counter()
    r = solve(SpinRefrigerator(N=N, cold=COLD, hot=HOT, work=WORK))
    return r, time.perf_counter() - t


def _subspace(op: np.ndarray, value: float) -> np.ndarray:
    ev, V = np.linalg.eigh(op)
    return V[:, np.abs(ev - value) < 1e-8]


def qutip_route(N: int, space: str):
    t = time.perf_counter()
    if space == "spin":
        Jx, Jz = qutip.jmat(N / 2, "x"), qutip.jmat(N / 2, "z")
        J2 = None
    else:
        Jx, Jy, Jz = piqs.jspin(N, basis="uncoupled")
        J2 = (Jx * Jx + Jy * Jy + Jz * Jz).full()
    model = davies.davies_model(Jz * Jz, [(Jx, COLD.rate), (Jx * Jx / N, HOT.rate),
                                          (Jx, WORK.rate)])
    Pi = (1j * np.pi * (Jx - N / 2)).expm().full()
    op = 0.5 * Pi + (0 if J2 is None else J2)
    V = _subspace(op, 0.5 + (0 if J2 is None else N / 2 * (N / 2 + 1)))
    sub = davies.restrict(model, V)
    rho = qutip.steadystate(sub.L)
    I_c, S_c = davies.bath_counting(sub, 0, rho)
    return I_c, S_c, model.H.shape[0], time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-big", action="store_true", help="stop the sector scaling at 1e4")
    args = ap.parse_args()
    print("N   route        dim     seconds   ratio(QuTiP/sector)  rel.dev I_c  rel.dev S_c")
    for N in (3, 5, 7, 9, 15, 21):
        r, ts = sector(N)
        spaces = ["spin"] + (["qubits"] if N <= 5 else [])
        print(f"{N:<3} sector       {r.populations.size:<7} {ts:9.4f}")
        for space in spaces:
            I_c, S_c, dim, tq = qutip_route(N, space)
            print(f"{N:<3} qutip-{space:<6} {dim:<7} {tq:9.4f}   {tq / ts:12.1f}        "
                  f"{relative_error(I_c, r.I_c):.1e}      {relative_error(S_c, r.S_c):.1e}")
    print("\nsector solver alone (full model, Fig. 2 parameters)")
    print("N         levels    seconds    I_c/N^2       residual")
    sizes = [101, 1001, 10001] + ([100001, 1000001] if not args.no_big else [])
    times = []
    for N in sizes:
        r, ts = sector(N)
        times.append(ts)
        print(f"{N:<9} {r.populations.size:<9} {ts:9.4f}   {r.I_c / N**2:.6e}   "
              f"{r.residual:.1e}")
    if len(sizes) > 2:
        k = np.polyfit(np.log(sizes[1:]), np.log(times[1:]), 1)[0]
        print(f"time ~ N^{k:.2f} (fit over N >= 1001)")


if __name__ == "__main__":
    main()
