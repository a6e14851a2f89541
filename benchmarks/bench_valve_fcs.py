"""Benchmark of the valve's full counting statistics (prints its measurements; asserts nothing).

Run from the repository root::

    python benchmarks/bench_valve_fcs.py               # N = 10 ... 10 000, both regimes
    python benchmarks/bench_valve_fcs.py --max-N 1000  # a quicker run
    python benchmarks/bench_valve_fcs.py --N 10000     # the target size only

For each temperature regime and N, one fresh child process solves the mean with the
``reduced`` backend (``reduced.solve``, the cost of ``valve`` without ``--noise``) and then the
counting statistics on the same populations (``valve_noise``, the extra cost of ``--noise``);
it prints both wall times and their ratio (mean + noise) / mean, the target being ≤ 2 at
N = 10 000. The same run prints the physics of the guide's example: the noise S_h, the Fano
factor F = S_h/(ω0 Q_h), the entropy production σ, the TUR ratio S_h σ/Q_h² (≥ 2), the
signal-to-noise rate Q_h²/S_h of the collective valve against N independent qubits
(N Q_1²/S_1, from the N = 1 valve with the same baths), and how many Dicke levels the
counting statistics kept.

Regimes (ω0 = 1, γ_h = γ_c = 1, γ_p = 10⁻³):

* ``cold``: T_h = 3, T_c = T_p = 1/3 (Fig. 5(c, d) of the heat-valve paper);
* ``hot``:  T_h = 30, T_c = T_p = 10.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

REGIMES = {
    "cold": {"gamma_h": 1.0, "gamma_c": 1.0, "T_h": 3.0, "T_c": 1 / 3, "gamma_p": 1e-3,
             "T_p": 1 / 3},
    "hot": {"gamma_h": 1.0, "gamma_c": 1.0, "T_h": 30.0, "T_c": 10.0, "gamma_p": 1e-3,
            "T_p": 10.0},
}

CHILD = """
import json, sys, time
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric import reduced
from dickeheat.numeric.valve_fcs import valve_noise
N, params = int(sys.argv[1]), json.loads(sys.argv[2])
m = HeatValve(N=N, **params)
reduced.solve(HeatValve(N=20, **params))  # loads the compiled loops from the disk cache
t = time.perf_counter(); ss = reduced.solve(m); t_mean = time.perf_counter() - t
t = time.perf_counter(); f = valve_noise(m, populations=ss.rho); t_fcs = time.perf_counter() - t
one = valve_noise(HeatValve(N=1, **params))
print(json.dumps({"N": N, "t_mean": t_mean, "t_fcs": t_fcs, "Q_h": f.Q_h, "Q_h_mean": ss.Q_h,
                  "S_h": f.S_h, "S_c": f.S_c, "S_p": f.S_p, "sigma": f.sigma, "tur_h": f.tur_h,
                  "levels": f.levels, "levels_total": f.levels_total,
                  "residual": f.residual, "Q1": one.Q_h, "S1": one.S_h, "tur1": one.tur_h,
                  "T_star": m.T_star, "J2": ss.J2}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-N", type=int, default=10_000)
    ap.add_argument("--N", type=int, nargs="+", help="only these N")
    args = ap.parse_args()
    Ns = args.N or [n for n in (10, 100, 1000, 10_000) if n <= args.max_N]
    print("regime      N   mean[s]   fcs[s]  (mean+fcs)/mean   levels kept / total      "
          "S_h        Fano    sigma      TUR    SNR/SNR_ind   |Q_h(fcs)/Q_h(mean)-1|")
    for regime, params in REGIMES.items():
        for N in Ns:
            out = subprocess.run([sys.executable, "-c", CHILD, str(N), json.dumps(params)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            snr = r["Q_h"] ** 2 / r["S_h"]
            snr_ind = N * r["Q1"] ** 2 / r["S1"]
            print(f"{regime:<6} {N:>6} {r['t_mean']:>9.2f} {r['t_fcs']:>8.2f} "
                  f"{(r['t_mean'] + r['t_fcs']) / r['t_mean']:>12.3f}   "
                  f"{r['levels']:>9} / {r['levels_total']:<10} {r['S_h']:>11.4g} "
                  f"{r['S_h'] / r['Q_h']:>8.3g} {r['sigma']:>9.4g} {r['tur_h']:>8.4g} "
                  f"{snr / snr_ind:>10.3g}   {abs(r['Q_h'] / r['Q_h_mean'] - 1):.1e}",
                  flush=True)
            print("  " + json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
