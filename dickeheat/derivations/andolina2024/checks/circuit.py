"""Independent numerical checks of Appendix A: numerical Legendre transforms of the Lagrangian,
finite differences, a finite-difference oscillator, the charge-basis Hamiltonian of the
transmon, and the classical normal modes of the linear circuit.

Each check receives its result and evaluates the registered closed form through
``result.numpy_function`` (arguments by name); operator-valued results are read through their
Pauli or Fock-space coefficients.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import numpy as np
import scipy.constants as const
import scipy.linalg
import scipy.optimize
from sympy.physics.paulialgebra import Pauli
from sympy.physics.quantum.boson import BosonOp

from dickeheat.derivations.andolina2024.checks._common import evaluate, value_of
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.circuit import (
    coupled_circuit_modes,
    legendre_numeric,
    transmon_spectrum,
)
from dickeheat.symbolic.oscillator import fock_matrix
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "RATIOS", "anharmonicity_check", "c_eff_check", "canonical_pair_check",
    "charge_check", "charge_element_check", "e_t_check", "e_t_harmonic_check",
    "flux_element_check", "g_check", "g_exact_check", "h_qubit_check",
    "hamiltonian_exact_check", "hamiltonian_first_check", "l_j_check", "e_j_check",
    "phidot_exact_check",
    "phidot_first_check", "transmon_case",
]

RNG_SEED = 20240601
#: E_J/E_C of the transmon checks (E_C = 1)
RATIOS = (100.0, 400.0, 1600.0)


def _lagrangian_numeric(s: dict) -> Callable[[np.ndarray], float]:
    """(A17) for one transmon as a plain numerical function of the velocity (1-vector)."""

    def lag(v: np.ndarray) -> float:
        pd = float(v[0])
        return 0.5 * (s["C_T"] * pd**2 - s["phi"] ** 2 / s["L_J"]
                      + s["C_c^{(h)}"] * (pd - s["V_h"]) ** 2
                      + s["C_c^{(c)}"] * (pd - s["V_c"]) ** 2)

    return lag


def _samples(eps: float, count: int = 6) -> Iterator[dict]:
    """Random circuits with C_c/C_T <= eps, keyed by the symbols' names."""
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(count):
        C_T = rng.uniform(0.5, 2.0)
        yield {"C_T": C_T, "C_c^{(h)}": eps * C_T * rng.uniform(0.2, 1.0),
               "C_c^{(c)}": eps * C_T * rng.uniform(0.2, 1.0), "L_J": rng.uniform(0.5, 2.0),
               "V_h": rng.uniform(-1, 1), "V_c": rng.uniform(-1, 1), "phi": rng.uniform(-1, 1),
               "Q": rng.uniform(-1, 1), "phidot": rng.uniform(-1, 1)}


def _numeric_legendre(s: dict) -> tuple[float, float]:
    v, h = legendre_numeric(_lagrangian_numeric(s), np.array([s["Q"]]))
    return float(v[0]), h


def charge_check(result: Result) -> NumericCheck:
    """(A18) against a central finite difference of the numerical Lagrangian."""
    errs = []
    for s in _samples(0.1):
        lag = _lagrangian_numeric(s)
        h = 1e-4
        num = (lag(np.array([s["phidot"] + h])) - lag(np.array([s["phidot"] - h]))) / (2 * h)
        errs.append(relative_error(evaluate(result, s, strict=False), num))
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "central finite difference of the numerical Lagrangian")


def phidot_exact_check(result: Result) -> NumericCheck:
    """(A19) exact inversion against a numerical Legendre transform."""
    errs = [relative_error(evaluate(result, s, strict=False), _numeric_legendre(s)[0])
            for s in _samples(0.3)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "numerical Legendre transform (finite-difference Hessian, linear solve)")


def phidot_first_check(result: Result) -> NumericCheck:
    """(A19) first order: the error against the exact numerical inversion is O((C_c/C_T)²)."""
    eps = 1e-3
    errs = []
    for s in _samples(eps):
        scale = abs(s["Q"]) / s["C_T"] + abs(s["V_h"]) + abs(s["V_c"])
        approx = evaluate(result, s, strict=False)
        errs.append(abs(approx - _numeric_legendre(s)[0]) / scale)
    tol = 8 * eps**2
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        f"numerical inversion at C_c/C_T <= {eps:g}; remainder relative to "
                        "|Q|/C_T + |V_h| + |V_c| must be <= 8 (C_c/C_T)² (x = ΣC_c/C_T <= 2ε)")


def hamiltonian_exact_check(result: Result) -> NumericCheck:
    """(A21) exact Hamiltonian against the numerical Legendre transform."""
    errs = [relative_error(evaluate(result, s, strict=False), _numeric_legendre(s)[1])
            for s in _samples(0.3)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "numerical Legendre transform H = Q·v − L(v)")


def canonical_pair_check(result: Result) -> NumericCheck:
    """(A6): [Q_T, φ_T] = −iħ{φ, Q} with the Poisson bracket measured on the numerical
    Legendre transform: {φ, Q} = (∂H/∂Q)/φ̇ (= 1 when Q is the momentum conjugate to φ, i.e.
    Hamilton's equation φ̇ = +∂H/∂Q holds)."""
    errs = []
    for s in _samples(0.3):
        v, _ = _numeric_legendre(s)
        d = 1e-4
        dh_dq = (_numeric_legendre({**s, "Q": s["Q"] + d})[1]
                 - _numeric_legendre({**s, "Q": s["Q"] - d})[1]) / (2 * d)
        numeric = -1j * const.hbar * dh_dq / v
        errs.append(relative_error(evaluate(result, {"hbar": const.hbar}), numeric))
    return NumericCheck(max(errs) < 1e-7, max(errs), 1e-7,
                        "−iħ ∂H/∂Q/φ̇ with ∂H/∂Q a central difference of the numerical Legendre "
                        "transform and φ̇ its numerical inversion ({φ, Q} = +1)")


def _numeric_h_derivatives(s: dict) -> tuple[float, float]:
    """∂²H/∂Q² and ∂H/∂V_h at V = 0 from the numerical Legendre transform."""
    def h_of(Q: float, V_h: float) -> float:
        return _numeric_legendre({**s, "Q": Q, "V_h": V_h, "V_c": 0.0})[1]

    d = 1e-3
    d2q = (h_of(d, 0.0) - 2 * h_of(0.0, 0.0) + h_of(-d, 0.0)) / d**2
    dv = (h_of(s["Q"], d) - h_of(s["Q"], -d)) / (2 * d)
    return d2q, dv


def hamiltonian_first_check(result: Result) -> NumericCheck:
    """(A21) first order: charging term and coupling against numerical derivatives of H.

    The closed form is a polynomial of degree 2 in Q and (the V_iV_j terms dropped) 1 in V_h,
    so unit-step central differences of ``result.numpy_function`` give its ∂²H/∂Q² and
    ∂H/∂V_h exactly."""
    eps = 1e-4
    errs = []
    for s in _samples(eps):
        def h(Q: float, V_h: float, s: dict = s) -> float:
            return evaluate(result, {**s, "Q": Q, "V_h": V_h, "V_c": 0.0}, strict=False)

        d2q_closed = h(s["Q"] + 1.0, 0.0) - 2 * h(s["Q"], 0.0) + h(s["Q"] - 1.0, 0.0)
        dv_closed = (h(s["Q"], 1.0) - h(s["Q"], -1.0)) / 2
        d2q, dv = _numeric_h_derivatives(s)
        errs += [relative_error(d2q_closed, d2q), relative_error(dv_closed, dv)]
    tol = 5 * eps
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "∂²H/∂Q² and ∂H/∂V_h of the numerical Legendre transform, "
                        f"C_c/C_T <= {eps:g}")


def c_eff_check(result: Result) -> NumericCheck:
    """Eq. (4) C_eff against 1/(∂²H/∂Q²) of the numerical Legendre transform."""
    eps = 1e-4
    errs = []
    for s in _samples(eps):
        d2q, _ = _numeric_h_derivatives(s)
        errs.append(relative_error(evaluate(result, s, strict=False), 1 / d2q))
    tol = 5 * eps**2 + 1e-7
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "1/(∂²H/∂Q²) of the numerical Legendre transform; second-order remainder")


def l_j_check(result: Result) -> NumericCheck:
    """(A7) L_J against the numerical curvature of −E_J cos(2πφ/φ0) in SI units."""
    phi0 = const.h / (2 * const.e)
    errs = []
    for ej_ghz in (5.0, 15.0, 40.0):
        ej = const.h * ej_ghz * 1e9
        d = phi0 * 1e-3

        def u(x: float, ej: float = ej) -> float:
            return -ej * math.cos(2 * math.pi * x / phi0)

        curvature = (u(d) - 2 * u(0.0) + u(-d)) / d**2
        closed = evaluate(result, {"hbar": const.hbar, "e": const.e, "E_J": ej})
        errs.append(relative_error(closed, 1 / curvature))
    return NumericCheck(max(errs) < 1e-5, max(errs), 1e-5,
                        "finite-difference curvature of the Josephson potential (SI units)")


def e_j_check(result: Result) -> NumericCheck:
    """(A7) inverted: E_J = (Φ0/2π)²/L_J with the flux quantum Φ0 = h/2e (scipy.constants)."""
    flux = const.physical_constants["mag. flux quantum"][0] / (2 * math.pi)
    errs = [relative_error(evaluate(result, {"hbar": const.hbar, "e": const.e, "L_J": lj}),
                           flux**2 / lj) for lj in (5e-9, 20e-9, 80e-9)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "(Φ0/2π)²/L_J with the CODATA flux quantum (scipy.constants)")


def e_t_harmonic_check(result: Result) -> NumericCheck:
    """(A10) against the level spacing of −4E_C ∂²_θ + E_J θ²/2 on a fine θ grid."""
    errs = []
    for ej in (20.0, 80.0):
        x_max = 8 * (8 * 1.0 / ej) ** 0.25
        grid = np.linspace(-x_max, x_max, 4001)
        dx = grid[1] - grid[0]
        diag = 8.0 / dx**2 + 0.5 * ej * grid**2
        off = np.full(grid.size - 1, -4.0 / dx**2)
        w = scipy.linalg.eigh_tridiagonal(diag, off, select="i", select_range=(0, 1))[0]
        errs.append(relative_error(evaluate(result, {"E_J": ej, "E_C": 1.0}), w[1] - w[0]))
    return NumericCheck(max(errs) < 1e-5, max(errs), 1e-5,
                        "finite-difference harmonic oscillator in the phase θ (4001 points)")


def transmon_case(ratio: float):
    """Charge-basis spectrum at E_J/E_C = ratio (E_C = 1)."""
    return transmon_spectrum(ratio, 1.0, n_cut=60)


def _asymptotic(closed, numeric, what: str) -> NumericCheck:
    """Closed forms of the transmon are leading orders in sqrt(E_C/E_J): require the relative
    remainder to be below sqrt(E_C/E_J) (next order with a coefficient <= 1) at every
    E_J/E_C in RATIOS; this also requires it to shrink as E_J/E_C grows."""
    errs = [relative_error(c, n) for c, n in zip(closed, numeric, strict=True)]
    bounds = [math.sqrt(1.0 / r) for r in RATIOS]
    ok = all(err <= bound for err, bound in zip(errs, bounds, strict=True))
    return NumericCheck(ok, max(errs), bounds[0],
                        f"{what} at E_J/E_C = {', '.join(f'{r:g}' for r in RATIOS)}; relative "
                        "remainder must be <= sqrt(E_C/E_J) at each")


def e_t_check(result: Result) -> NumericCheck:
    """(A13) against the charge-basis E_01; the remainder is O(E_C sqrt(E_C/E_J))."""
    return _asymptotic([evaluate(result, {"E_J": r, "E_C": 1.0}) for r in RATIOS],
                       [transmon_case(r).E01 for r in RATIOS],
                       "charge-basis E_01 of 4E_C n² − E_J cos θ")


def h_qubit_check(result: Result) -> NumericCheck:
    """(A14): the qubit splitting, twice the σ_z coefficient of the truncated Hamiltonian,
    against the charge-basis E_01."""
    splitting = 2 * result.expr.coeff(Pauli(3))
    return _asymptotic([value_of(splitting, {"E_J": r, "E_C": 1.0}).real for r in RATIOS],
                       [transmon_case(r).E01 for r in RATIOS],
                       "charge-basis E_01 of 4E_C n² − E_J cos θ")


def anharmonicity_check(result: Result) -> NumericCheck:
    """(A12): the anharmonicity E_12 − E_01 of the quartic term (its Fock-space matrix)
    against the charge-basis transmon."""
    (b,) = {op for op in result.expr.atoms(BosonOp) if op.is_annihilation}
    m = fock_matrix(result.expr, b, 3)
    anharmonicity = m[2, 2] - 2 * m[1, 1] + m[0, 0]
    closed = value_of(anharmonicity, {"E_C": 1.0}).real
    return _asymptotic([closed] * len(RATIOS), [transmon_case(r).anharmonicity for r in RATIOS],
                       "charge-basis anharmonicity E_12 − E_01")


def _zt_si(ratio: float) -> float:
    """Z_T = sqrt(L_J/C_T) of a transmon with E_C/h = 0.25 GHz and E_J/E_C = ratio."""
    ec = const.h * 0.25e9
    C_T = const.e**2 / (2 * ec)
    L_J = (const.hbar / (2 * const.e)) ** 2 / (ratio * ec)
    return math.sqrt(L_J / C_T)


def charge_element_check(result: Result) -> NumericCheck:
    """(A15) |⟨0|Q_T|1⟩| = sqrt(ħ/2Z_T) against 2e|⟨0|n|1⟩| of the charge-basis transmon."""
    coeff = result.expr.coeff(Pauli(1))
    return _asymptotic([value_of(coeff, {"hbar": const.hbar, "Z_T": _zt_si(r)}).real
                        for r in RATIOS],
                       [2 * const.e * transmon_case(r).n01 for r in RATIOS],
                       "charge matrix element 2e⟨0|n|1⟩ of the charge-basis transmon")


def flux_element_check(result: Result) -> NumericCheck:
    """(A16) |⟨0|φ_T|1⟩| = sqrt(ħZ_T/2) against (ħ/2e)|⟨0|sin θ|1⟩| of the charge-basis
    transmon."""
    coeff = result.expr.coeff(Pauli(2))
    numeric = []
    for ratio in RATIOS:
        n = np.arange(-60, 61)
        _, v = scipy.linalg.eigh_tridiagonal(4.0 * n**2, np.full(n.size - 1, -ratio / 2.0),
                                             select="i", select_range=(0, 1))
        sin_theta = (np.diag(np.ones(n.size - 1), 1) - np.diag(np.ones(n.size - 1), -1)) / 2j
        numeric.append(const.hbar / (2 * const.e) * abs(v[:, 0] @ sin_theta @ v[:, 1]))
    return _asymptotic([abs(value_of(coeff, {"hbar": const.hbar, "Z_T": _zt_si(r)}))
                        for r in RATIOS], numeric,
                       "(ħ/2e)⟨0|sin θ|1⟩ of the charge-basis transmon")


def _splitting_check(g_of: Callable[[float, float, float], float], eps: float, tol: float,
                     what: str) -> NumericCheck:
    """G against the minimum normal-mode splitting 2g of a transmon and a lossless resonator.

    Quantum: ħg = (ħG/2) V_zpf with V_zpf = sqrt(ħω/2C); classical: the minimum splitting of
    the coupled linear circuit over the resonator's inductance. ``g_of(C_c, C_T, L_J)`` is the
    closed form of G in SI units.
    """
    C_T_v, L_J_v, C_r = 80e-15, 20e-9, 400e-15
    errs = []
    for frac in (0.3, 1.0):
        C_c_v = eps * frac * C_T_v
        w_t = 1 / math.sqrt(L_J_v * (C_T_v + C_c_v))

        def splitting(L_r: float, C_c_v: float = C_c_v) -> float:
            lam = coupled_circuit_modes(C_T_v, L_J_v, (C_c_v,), (math.inf,), L_r, C_r).eigenvalues
            w = np.sort(np.abs(lam.imag))
            return w[1] - w[0]

        L0 = 1 / (w_t**2 * C_r)
        res = scipy.optimize.minimize_scalar(splitting, bounds=(0.97 * L0, 1.03 * L0),
                                             method="bounded", options={"xatol": L0 * 1e-12})
        g_quantum = g_of(C_c_v, C_T_v, L_J_v) / 2 * math.sqrt(const.hbar * w_t / (2 * C_r))
        errs.append(relative_error(g_quantum, res.fun / 2))
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "minimum normal-mode splitting of the lossless transmon–LC circuit "
                        f"(C_c/C_T <= {eps:g}); {what}")


def g_check(result: Result) -> NumericCheck:
    """(A22) first-order G; remainder O(C_c/C_T)."""
    eps = 1e-3

    def g_of(cc: float, ct: float, lj: float) -> float:
        return evaluate(result, {"C_c": cc, "C_T": ct, "hbar": const.hbar,
                                 "Z_T": math.sqrt(lj / ct)})

    return _splitting_check(g_of, eps, 3 * eps, "first-order remainder <= 3 C_c/C_T")


def g_exact_check(result: Result) -> NumericCheck:
    """G of the exact Legendre transform; remainder O((C_c/C_T)²)."""
    eps = 1e-2

    def g_of(cc: float, ct: float, lj: float) -> float:
        return evaluate(result, {"C_c^{(h)}": cc, "C_c^{(c)}": 0.0, "C_T": ct, "L_J": lj,
                                 "hbar": const.hbar})

    return _splitting_check(g_of, eps, eps,
                            "remainder <= C_c/C_T (the resonator's own loading by C_c is "
                            "first order and not part of G)")
