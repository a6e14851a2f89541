r"""The documented stress grid of the ``reduced`` backend.

Every point must either converge to the solver's tolerance (relative balance residual at most
``residual_tol``) or raise :class:`~dickeheat.errors.NumericalError` (or, for rate ratios a
double cannot resolve, :class:`~dickeheat.errors.ParameterError` naming the rate); none may
return silently unconverged. The axes (ω₀ = 1):

* γ_p/γ from 1e-6 to 1e3 (γ = γ_h; the parasitic bath from negligible to dominant);
* every bath temperature from 0.01 ω₀ to 100 ω₀, and T = 0 for the collective baths;
* symmetric and asymmetric collective couplings (γ_h, γ_c) = (1, 1), (1, 0.1), (0.1, 1);
* N from 2 to 10⁴.

``"coarse"`` is the grid of the default test run (N ≤ 40, a few seconds), ``"full"`` the
benchmark's (``benchmarks/bench_reduced.py --stress``), whose largest N are restricted to the
corners of the other axes to keep its cost bounded.

Examples
--------
>>> len(points("coarse")) > 100
True
>>> r = run_point(points("coarse")[0])
>>> r["status"], r["residual"] < 1e-8
('ok', True)
"""

from __future__ import annotations

import itertools
import time

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.model import HeatValve

__all__ = ["GAMMA_P_RATIOS", "COLLECTIVE_T", "COUPLINGS", "PARASITIC_T", "points", "run_point"]

#: γ_p/γ_h along the grid
GAMMA_P_RATIOS = (1e-6, 1e-3, 1.0, 5.0, 1e3)
#: (T_h, T_c): both cold, both hot, hot/cold both ways, and the T = 0 limits
COLLECTIVE_T = (
    (0.01, 0.01),
    (100.0, 100.0),
    (100.0, 0.01),
    (0.01, 100.0),
    (3.0, 1 / 3),
    (1.0, 0.0),
    (0.0, 1.0),
    (0.0, 0.0),
)
#: T_p
PARASITIC_T = (0.01, 1.0, 3.0, 100.0)
#: (γ_h, γ_c)
COUPLINGS = ((1.0, 1.0), (1.0, 0.1), (0.1, 1.0))


def points(level: str = "coarse") -> list[dict]:
    """The parameter sets (``HeatValve`` keywords) of the ``"coarse"`` or ``"full"`` grid."""
    sizes: tuple[int, ...]
    ratios: tuple[float, ...]
    tps: tuple[float, ...]
    if level == "coarse":  # the couplings cycle through COUPLINGS rather than multiply
        sizes, ratios = (2, 7, 30), (1e-6, 1.0, 1e3)
        temps, tps, coups = COLLECTIVE_T, (0.01, 3.0, 100.0), COUPLINGS
        corners_N: tuple[int, ...] = ()
    elif level == "full":
        sizes, ratios = (2, 10, 100), GAMMA_P_RATIOS
        temps, tps, coups = COLLECTIVE_T, PARASITIC_T, COUPLINGS
        corners_N = (1000, 10_000)
    else:
        raise ParameterError(f"level must be 'coarse' or 'full', got {level!r}")
    out = []
    grid = itertools.product(sizes, ratios, temps, tps, coups if level == "full" else [None])
    for i, (N, r, (Th, Tc), Tp, coupling) in enumerate(grid):
        gh, gc = coupling if coupling is not None else coups[i % len(coups)]
        out.append(
            {
                "N": N,
                "gamma_h": gh,
                "gamma_c": gc,
                "T_h": Th,
                "T_c": Tc,
                "gamma_p": r * gh,
                "T_p": Tp,
            }
        )
    corner_T = ((0.01, 0.01), (100.0, 100.0), (3.0, 1 / 3), (0.0, 0.0))
    for N, r, (Th, Tc), Tp in itertools.product(
        corners_N, (1e-6, 1.0, 5.0, 1e3), corner_T, (0.01, 3.0, 100.0)
    ):
        out.append(
            {"N": N, "gamma_h": 1.0, "gamma_c": 1.0, "T_h": Th, "T_c": Tc, "gamma_p": r, "T_p": Tp}
        )
    return out


def run_point(params: dict, **options) -> dict:
    """Solve one grid point with backend ``reduced``; ``options`` go to its ``solve``.

    Returns ``status`` (``"ok"``, or the name of the error raised), ``iterations``,
    ``seconds``, ``residual`` (NaN unless ok) and ``message``.
    """
    from dickeheat.numeric.reduced._solve import solve

    t0 = time.perf_counter()
    try:
        s = solve(HeatValve(**params), **options)
    except (NumericalError, ParameterError) as err:
        return {
            "status": type(err).__name__,
            "iterations": 0,
            "residual": float("nan"),
            "seconds": time.perf_counter() - t0,
            "message": str(err),
        }
    return {
        "status": "ok",
        "iterations": s.rho.iterations,
        "residual": s.residual,
        "seconds": time.perf_counter() - t0,
        "message": "",
    }
