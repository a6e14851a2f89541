"""Checks of the N = 1 closed forms against exact QuTiP steady states of (5) (full 16 × 16
Lindbladian) and the regression-theorem variance from a dense least-squares solve."""

from __future__ import annotations

import numpy as np

from dickeheat.derivations.dasilvasouza2022.checks.exact import (
    Engine,
    power_variance,
    steady,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.symbolic.result import NumericCheck

__all__ = ["CASES", "pair_check"]

#: (E1, E2, ω0, Γ0, n1, n2): engine, refrigerator, weak-drive (Fig. 3 like) cases
CASES = ((1.0, 3.0, 0.3, 0.2, 0.4, 1.7), (1.0, 2.5, 0.5, 0.3, 0.2, 0.1),
         (1.0, 10.0, 0.006, 0.001, 1 / np.expm1(1 / 10.0), 1 / np.expm1(10 / 20.0)))


def pair_check(result) -> NumericCheck:
    errs = []
    kind = result.name.split(".")[1]
    for E1, E2, w, G, n1, n2 in CASES:
        e = Engine(1, E1, E2, w, G, n1, n2)
        st = steady(e)
        table = {"E_1": E1, "E_2": E2, "nu": E2 - E1, "omega_0": w, "Gamma_0": G, "n_1": n1,
                 "n_2": n2}
        ref = {"pair_power": st.power, "pair_heat_1": st.Q1, "pair_heat_2": st.Q2}.get(kind)
        if ref is None:
            ref = power_variance(e, st)
        value = result.evaluate(table, strict=False)
        errs.append(relative_error(value, ref))
    err = float(max(errs))
    return NumericCheck(err <= 1e-8, err, 1e-8, "QuTiP steady state of the full N = 1 "
                        "Lindbladian; Var by a least-squares Drazin solve")
