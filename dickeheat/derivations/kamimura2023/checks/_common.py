"""Shared machinery of the Kamimura et al. checks: evaluating a result by argument name, QuTiP
references in the full 2^L space, and the bound of a system from its numerical norms.

The ground truth for currents is QuTiP's Bloch–Redfield tensor (``qutip.bloch_redfield_tensor``)
with operators built from ``qutip.tensor`` products — without the secular approximation
(``sec_cutoff=-1``) for Redfield currents and with it for GKSL currents. QuTiP keeps only the
real part of Γ(ν) (no Lamb shift); for states commuting with H_S (all states checked against
QuTiP here) the current does not depend on the imaginary part.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from math import comb
from typing import Any

import numpy as np
import qutip

from dickeheat.errors import DickeheatError
from dickeheat.numeric.bounds import energy_window, operator_norm
from dickeheat.symbolic.result import Result

__all__ = [
    "TOL",
    "collective",
    "evaluate",
    "full_space_dicke_state",
    "bound_arguments",
    "full_space_mbody",
    "general_bound",
    "qutip_current",
    "scalar_spectrum",
]

#: tolerance of the checks that compare exact closed forms with exact numerics
TOL = 1e-9


def evaluate(result: Result, values: Mapping[str, Any]) -> Any:
    """``result.numpy_function`` at ``values`` (keyed by argument name), in ``result.args``
    order; entries of ``values`` that are not arguments of the result are ignored."""
    missing = [s.name for s in result.args if s.name not in values]
    if missing:
        raise DickeheatError(f"{result.name}: no value for the arguments {missing}")
    return result.numpy_function(*[values[s.name] for s in result.args])


def scalar_spectrum(S: Callable[[np.ndarray], np.ndarray]) -> Callable[[float], float]:
    """A vectorised spectrum ``S(ν)`` as the scalar function QuTiP expects. QuTiP passes the
    frequency to a one-parameter function only if that parameter is named ``w`` (any other
    single parameter receives the time, 0)."""

    def spectrum(w: float) -> float:
        return float(np.asarray(S(np.array([w], dtype=float))).ravel()[0])

    return spectrum


def qutip_current(H: qutip.Qobj, a_ops: Sequence[tuple[qutip.Qobj, Callable[[float], float]]],
                  rho: qutip.Qobj, *, secular: bool = False) -> float:
    """Tr[H R(ρ)] with QuTiP's Bloch–Redfield tensor (``sec_cutoff=-1`` unless secular)."""
    R = qutip.bloch_redfield_tensor(H, [(A, _named_w(S)) for A, S in a_ops],
                                    sec_cutoff=1e-8 if secular else -1, fock_basis=True)
    drho = qutip.vector_to_operator(R @ qutip.operator_to_vector(rho))
    return float(np.real((H * drho).tr()))


def _named_w(S: Callable[[float], float]) -> Callable[[float], float]:
    def spectrum(w: float) -> float:
        return float(S(w))

    return spectrum


def collective(L: int) -> dict[str, qutip.Qobj]:
    """J_z, J_x and J_− = Σ σ_− of L qubits with ``qutip.tensor`` (``basis(2, 0)`` excited)."""

    def site(op: qutip.Qobj, j: int) -> qutip.Qobj:
        f = [qutip.qeye(2)] * L
        f[j] = op
        return qutip.tensor(f)

    return {"jz": 0.5 * sum(site(qutip.sigmaz(), j) for j in range(L)),
            "jx": 0.5 * sum(site(qutip.sigmax(), j) for j in range(L)),
            "jm": sum(site(qutip.sigmam(), j) for j in range(L))}


def full_space_mbody(L: int, m: int, g: float) -> qutip.Qobj:
    """Eq. (11) with ``qutip.tensor``: (gL/C(L,m)) Σ_S ⊗_{i∈S} σ_x ⊗_{i∉S} I."""
    total = 0
    for S in itertools.combinations(range(L), m):
        total = total + qutip.tensor([qutip.sigmax() if i in S else qutip.qeye(2)
                                      for i in range(L)])
    return g * L / comb(L, m) * total


def full_space_dicke_state(L: int, k: int) -> qutip.Qobj:
    """|L/2, L/2 − k⟩⟨…| from the all-excited state by k applications of J_−."""
    psi = qutip.tensor([qutip.basis(2, 0)] * L)
    jm = collective(L)["jm"]
    for _ in range(k):
        psi = (jm * psi).unit()
    return psi * psi.dag()


def bound_arguments(H: np.ndarray, operators: Sequence[np.ndarray],
                    xi: np.ndarray) -> dict[str, float]:
    """Values of every argument of the registered two-channel bounds (``kamimura2023.bound1``,
    ``bound2``) by name, from numerical norms, windows and Ξ (channel 2 zero if absent)."""
    ops = tuple(np.asarray(A) for A in operators)
    if not 1 <= len(ops) <= 2:
        raise DickeheatError(f"the registered bounds have one or two channels, got {len(ops)}")
    full = np.zeros((2, 2))
    n = len(ops)
    full[:n, :n] = np.asarray(xi, dtype=float)
    a = [operator_norm(A) for A in ops] + [0.0] * (2 - n)
    w = [energy_window(np.asarray(H), A) for A in ops] + [0.0] * (2 - n)
    return {"||H_S||": operator_norm(np.asarray(H)), "Xi_11": full[0, 0],
            "Xi_12": full[0, 1], "Xi_21": full[1, 0], "Xi_22": full[1, 1], "||A_1||": a[0],
            "||A_2||": a[1], "Delta_E_1": w[0], "Delta_E_2": w[1]}


def general_bound(general: Result, H: np.ndarray, operators: Sequence[np.ndarray],
                  xi: np.ndarray) -> float:
    """The registered general bound ``general`` (Bound 1 or Bound 2, itself checked against
    measured currents) at a system's numerical norms, windows and Ξ: the one reference every
    model-specific bound and ratio is compared with."""
    return float(evaluate(general, bound_arguments(H, operators, xi)))
