"""Benchmark of the exact charge-0 sector solver of the collective spin-pair engine against
QuTiP's ``steadystate`` on the full (N+1)^2 space, measured in the same run (asserts nothing).

Run from the repository root::

    python benchmarks/bench_engine.py                  # N = 2 ... 100 (ours), QuTiP while < 60 s
    python benchmarks/bench_engine.py --N 4 8 16 --qutip-limit 20

Parameters: Fig. 3 of the engine paper (E1 = 1, E2 = 10, T1 = 6, T2 = 16, omega0 = 0.006,
Gamma0 = 0.001), where the coherent drive dominates the dissipation (the hardest case for the
iterative solver). Each solve runs in a fresh child process; wall and CPU seconds are its own
(the machine may be shared: CPU seconds, with one BLAS thread per child, are the fairer
measure). QuTiP is run for increasing N
until one solve takes more than ``--qutip-limit`` seconds. Where both ran, the power and the
largest deviation of the density matrices are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

PARAMS = {"E1": 1.0, "E2": 10.0, "beta1": 1 / 6, "beta2": 1 / 16, "coupling": 0.006,
          "Gamma0": 0.001}

CHILD = """
import json, sys, time
import numpy as np
from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins, block_range
N, which, params = int(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
from dickeheat.numeric.exchange_spins_observables import power
from dickeheat.numeric.exchange_spins_qutip import FullSpaceModel
from dickeheat.numeric.exchange_spins_steady import solve_steady_state
m = ExchangeCoupledSpins.thermal(N=N, **params)
t0, c0 = time.perf_counter(), time.process_time()
if which == "ours":
    ss = solve_steady_state(m)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    out = dict(P=power(ss), residual=ss.residual, iterations=ss.iterations, method=ss.method)
    if N <= 24:
        rho = np.zeros(((N + 1) ** 2, (N + 1) ** 2), dtype=complex)
        for M in ss.layout.kets:
            lo, hi = block_range(N, M)
            idx = [(N - n1) * (N + 1) + (N - (M - n1)) for n1 in range(lo, hi + 1)]
            rho[np.ix_(idx, idx)] = ss.density_block(M)
        np.save(sys.argv[4], rho)
else:
    fs = FullSpaceModel(m)
    rho = fs.steady_state()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    out = dict(P=fs.power(rho))
    np.save(sys.argv[4], rho.full())
out.update(wall=wall, cpu=cpu)
print(json.dumps(out))
"""


def run(N: int, which: str, path: str) -> dict:
    # one BLAS thread in both children: CPU seconds then measure work, not spinning threads
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}
    res = subprocess.run([sys.executable, "-c", CHILD, str(N), which, json.dumps(PARAMS), path],
                         capture_output=True, text=True, check=True, env=env)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--N", type=int, nargs="+",
                    default=[2, 4, 8, 12, 16, 20, 24, 30, 40, 60, 80, 100])
    ap.add_argument("--qutip-limit", type=float, default=60.0)
    args = ap.parse_args()
    import tempfile

    import numpy as np

    tmp = tempfile.mkdtemp()
    qutip_on = True
    print(f"{'N':>4} {'ours wall':>10} {'ours cpu':>9} {'its':>4} {'residual':>9} "
          f"{'qutip wall':>11} {'qutip cpu':>10} {'cpu ratio':>10} {'|drho|':>9} {'P':>12}")
    for N in args.N:
        po, pq = os.path.join(tmp, f"o{N}.npy"), os.path.join(tmp, f"q{N}.npy")
        o = run(N, "ours", po)
        q = None
        if qutip_on and N <= 24:
            q = run(N, "qutip", pq)
            if q["wall"] > args.qutip_limit:
                qutip_on = False
        line = (f"{N:>4} {o['wall']:>10.2f} {o['cpu']:>9.2f} {o['iterations']:>4} "
                f"{o['residual']:>9.1e}")
        if q is not None:
            d = float(np.max(np.abs(np.load(po) - np.load(pq))))
            line += (f" {q['wall']:>11.2f} {q['cpu']:>10.2f} {q['cpu'] / o['cpu']:>10.1f} "
                     f"{d:>9.1e}")
        else:
            line += f" {'-':>11} {'-':>10} {'-':>10} {'-':>9}"
        print(line + f" {o['P']:>12.5e}", flush=True)


if __name__ == "__main__":
    main()
