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
    "flux_element_check", "g_check", "g_exact_check", "h_qubit_check", "ladder_check",
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


#: E_J/E_C of the order fit of E_T's remainder (charge basis), 10² … 10⁴
ORDER_RATIOS = (100.0, 316.0, 1000.0, 3160.0, 10000.0)
#: the remainder of E_T = sqrt(8E_JE_C) − E_C is O(E_C (E_C/E_J)^{1/2}): its order in E_J/E_C
REMAINDER_ORDER = -0.5
ORDER_TOL = 0.1


def _remainder_order(closed_of: Callable[[float], float], what: str) -> NumericCheck:
    """Fit log|closed − E_01| against log(E_J/E_C) over ORDER_RATIOS (E_C = 1, charge basis
    with n_cut = 60). The fitted order must be −1/2 ± 0.1 and the relative remainder must be
    <= sqrt(E_C/E_J) at every ratio. A closed form that misses the −E_C term leaves a
    remainder of order (E_J/E_C)⁰ and fails; a wrong prefactor of sqrt(8E_JE_C) gives order
    +1/2."""
    rem, rel, ok_rel = [], [], True
    for r in ORDER_RATIOS:
        numeric = transmon_case(r).E01
        closed = float(closed_of(r))
        rem.append(abs(closed - numeric))
        rel.append(relative_error(closed, numeric))
        ok_rel &= rel[-1] <= math.sqrt(1.0 / r)
    slope = float(np.polyfit(np.log(ORDER_RATIOS), np.log(np.maximum(rem, 1e-300)), 1)[0])
    dev = abs(slope - REMAINDER_ORDER)
    return NumericCheck(bool(ok_rel and dev < ORDER_TOL), dev, ORDER_TOL,
                        f"{what} at E_J/E_C = {', '.join(f'{r:g}' for r in ORDER_RATIOS)}: "
                        f"fitted order of the remainder {slope:.3f} (must be "
                        f"{REMAINDER_ORDER} ± {ORDER_TOL}; error reported = |order + 1/2|), "
                        "and relative remainder <= sqrt(E_C/E_J) at each")


def e_t_check(result: Result) -> NumericCheck:
    """(A13) against the charge-basis E_01 up to E_J/E_C = 10⁴: the remainder must be
    O(E_C sqrt(E_C/E_J)), which resolves the −E_C term (see :func:`_remainder_order`)."""
    return _remainder_order(lambda r: evaluate(result, {"E_J": r, "E_C": 1.0}),
                            "charge-basis E_01 of 4E_C n² − E_J cos θ")


def h_qubit_check(result: Result) -> NumericCheck:
    """(A14): the qubit splitting, twice the σ_z coefficient of the truncated Hamiltonian,
    against the charge-basis E_01 (order fit of the remainder, as for E_T)."""
    splitting = 2 * result.expr.coeff(Pauli(3))
    return _remainder_order(lambda r: value_of(splitting, {"E_J": r, "E_C": 1.0}).real,
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


def _pauli_matrix(expr, values: dict) -> np.ndarray:
    """The 2×2 matrix of c0 + Σ c_k σ_k in the truncation's ordering (|1⟩, |0⟩)."""
    paulis = (np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]),
              np.array([[1, 0], [0, -1]]))
    m = np.zeros((2, 2), complex)
    rest = expr
    for k, p in zip((1, 2, 3), paulis, strict=True):
        c = expr.coeff(Pauli(k))
        rest = rest - c * Pauli(k)
        m += value_of(c, values) * p
    return m + value_of(rest.expand(), values) * np.eye(2)


def _charge_basis_pair(ratio: float) -> tuple[float, float, float]:
    """(|⟨0|n|1⟩|, |⟨0|sin θ|1⟩|, Im⟨0|n|1⟩⟨1|sin θ|0⟩) of 4E_C n² − E_J cos θ (E_C = 1).

    The canonical pair of (A17) is φ (coordinate) and Q (momentum), [φ, Q] = iħ; with
    θ = 2eφ/ħ and n = Q/2e this is [θ, n] = i, so n = −i∂_θ and e^{iθ} raises n by one:
    e^{iθ} = Σ_n |n+1⟩⟨n|. sin θ stands for θ (the transmon's phase is small)."""
    n = np.arange(-60, 61)
    raise_n = np.diag(np.ones(n.size - 1), -1)  # |n+1⟩⟨n|
    _, v = scipy.linalg.eigh_tridiagonal(4.0 * n**2, np.full(n.size - 1, -ratio / 2.0),
                                         select="i", select_range=(0, 1))
    sin_theta = (raise_n - raise_n.T) / 2j
    n01 = v[:, 0] @ (n * v[:, 1])
    s01, s10 = v[:, 0] @ sin_theta @ v[:, 1], v[:, 1] @ sin_theta @ v[:, 0]
    return abs(n01), abs(s01), float((n01 * s10).imag)


def _qubit_pair_check(result: Result, own: str) -> NumericCheck:
    """|⟨0|Q_T|1⟩| or |⟨0|φ_T|1⟩|, and Im⟨0|Q_T|1⟩⟨1|φ_T|0⟩ (the sign fixed by [Q, φ]), against
    the charge-basis transmon; the partner operator is the result's named step."""
    errs_c, errs_n = [], []
    for ratio in RATIOS:
        vals = {"hbar": const.hbar, "Z_T": _zt_si(ratio)}
        ops = {own: result.expr,
               ("phi_qubit" if own == "Q_qubit" else "Q_qubit"):
               result.step("phi_qubit" if own == "Q_qubit" else "Q_qubit")}
        mq, mphi = _pauli_matrix(ops["Q_qubit"], vals), _pauli_matrix(ops["phi_qubit"], vals)
        # index 0 = |1⟩, index 1 = |0⟩
        q01, phi01, phi10 = mq[1, 0], mphi[1, 0], mphi[0, 1]
        n01, s01, im_ns = _charge_basis_pair(ratio)
        if own == "Q_qubit":
            errs_c.append(abs(q01))
            errs_n.append(2 * const.e * n01)
        else:
            errs_c.append(abs(phi01))
            errs_n.append(const.hbar / (2 * const.e) * s01)
        errs_c.append((q01 * phi10).imag / const.hbar)
        errs_n.append(im_ns)
    closed = errs_c
    numeric = errs_n
    errs = [relative_error(c, n) for c, n in zip(closed, numeric, strict=True)]
    bounds = [math.sqrt(1.0 / r) for r in RATIOS for _ in (0, 1)]
    ok = all(e <= b for e, b in zip(errs, bounds, strict=True))
    what = "2e⟨0|n|1⟩" if own == "Q_qubit" else "(ħ/2e)⟨0|sin θ|1⟩"
    return NumericCheck(ok, max(errs), bounds[0],
                        f"{what} and Im⟨0|Q|1⟩⟨1|φ|0⟩/ħ = Im⟨0|n|1⟩⟨1|sin θ|0⟩ of the "
                        "charge-basis transmon with [θ, n] = i (the canonical pair of A17), "
                        f"E_J/E_C = {', '.join(f'{r:g}' for r in RATIOS)}; relative remainder "
                        "<= sqrt(E_C/E_J) at each")


def charge_element_check(result: Result) -> NumericCheck:
    """(A15) |⟨0|Q_T|1⟩| = sqrt(ħ/2Z_T) against 2e|⟨0|n|1⟩| of the charge-basis transmon, and
    the sign of Im⟨0|Q|1⟩⟨1|φ|0⟩ (with the partner φ_T of the result's step)."""
    return _qubit_pair_check(result, "Q_qubit")


def flux_element_check(result: Result) -> NumericCheck:
    """(A16) |⟨0|φ_T|1⟩| = sqrt(ħZ_T/2) against (ħ/2e)|⟨0|sin θ|1⟩| of the charge-basis
    transmon, and the sign of Im⟨0|Q|1⟩⟨1|φ|0⟩ (= −ħ/2 for [Q, φ] = −iħ)."""
    return _qubit_pair_check(result, "phi_qubit")


def ladder_check(own: str, result: Result) -> NumericCheck:
    """(A8–A9): ⟨0|X|1⟩ of the ladder form (the coefficient of b) against a finite-difference
    oscillator H = −(ħ²/2C)∂²_φ + φ²/2L on a grid, Q = −iħ∂_φ ([φ, Q] = iħ, the pair of A17):
    |⟨0|X|1⟩|
    of the result's operator and Im⟨0|Q|1⟩⟨1|φ|0⟩ with its partner (the named step).
    ``own`` is ``"Q"`` or ``"phi"``; ħ = 1, C = 0.7, L = 1.3."""
    hbar, C, L = 1.0, 0.7, 1.3
    Z = math.sqrt(L / C)
    other = "phi_ladder" if own == "Q" else "Q_ladder"
    partner = result.step(other)

    def elements(expr) -> tuple[complex, complex]:
        """(⟨0|X|1⟩, ⟨1|X|0⟩): the coefficients of b and b† of the linear form."""
        vals = {"hbar": hbar, "Z_T": Z}
        return (value_of(expr, {**vals, "b": 1.0, "b^dagger": 0.0}),
                value_of(expr, {**vals, "b": 0.0, "b^dagger": 1.0}))

    own01 = complex(evaluate(result, {"hbar": hbar, "Z_T": Z, "b": 1.0, "b^dagger": 0.0}))
    own10 = complex(evaluate(result, {"hbar": hbar, "Z_T": Z, "b": 0.0, "b^dagger": 1.0}))
    p01, p10 = elements(partner)
    (q01_c, q10_c), (phi01_c, phi10_c) = (((own01, own10), (p01, p10)) if own == "Q"
                                          else ((p01, p10), (own01, own10)))
    x_max = 10 * math.sqrt(hbar * Z / 2)
    grid = np.linspace(-x_max, x_max, 4001)
    dx = grid[1] - grid[0]
    diag = hbar**2 / (C * dx**2) + grid**2 / (2 * L)
    off = np.full(grid.size - 1, -hbar**2 / (2 * C * dx**2))
    _, v = scipy.linalg.eigh_tridiagonal(diag, off, select="i", select_range=(0, 1))
    q01 = v[:, 0] @ (-1j * hbar * np.gradient(v[:, 1], dx))
    phi10 = v[:, 1] @ (grid * v[:, 0])
    phi01 = v[:, 0] @ (grid * v[:, 1])
    numeric = [abs(q01) if own == "Q" else abs(phi01), (q01 * phi10).imag]
    closed = [abs(q01_c) if own == "Q" else abs(phi01_c), (q01_c * phi10_c).imag]
    errs = [relative_error(c, n) for c, n in zip(closed, numeric, strict=True)]
    tol = 1e-4
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "finite-difference oscillator on 4001 points with Q = −iħ∂_φ "
                        "([φ, Q] = iħ): |⟨0|X|1⟩| and Im⟨0|Q|1⟩⟨1|φ|0⟩")


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
