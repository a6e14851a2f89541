"""Independent numerical checks of the circuit chain (Appendices A–B).

Each check evaluates the derived closed form (code-generated from the registered expression)
and compares it with a computation that does not use the symbolic chain: finite differences of
a numerical Lagrangian, numerical Legendre transforms, charge-basis diagonalisation of the
transmon, and the classical normal modes of the linear circuit.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.constants as const
import scipy.linalg
import scipy.optimize

from dickeheat.numeric.circuit import coupled_circuit_modes, legendre_numeric, transmon_spectrum
from dickeheat.symbolic.codegen import to_function
from dickeheat.symbolic.result import NumericCheck

__all__ = [
    "charge_check", "phidot_exact_check", "phidot_first_check", "hamiltonian_exact_check",
    "hamiltonian_first_check", "c_eff_check", "l_j_check", "e_t_harmonic_check", "e_t_check",
    "anharmonicity_check", "charge_element_check", "flux_element_check", "g_check",
    "canonical_pair_check",
    "g_exact_check",
    "transmon_case", "relative_error",
]

RNG_SEED = 20240601


def relative_error(a, b) -> float:
    """max |a − b| / max(|b|) over arrays (the scale is the reference's largest entry)."""
    a = np.atleast_1d(np.asarray(a, dtype=complex))
    b = np.atleast_1d(np.asarray(b, dtype=complex))
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


def _chain():
    from dickeheat.derivations.andolina2024.circuit import chain

    return chain()


def _f(name: str, args):
    return to_function(args, _chain()[name])


def _lagrangian_numeric(C_T, C_ch, C_cc, L_J, V_h, V_c, phi):
    """(A17) for one transmon as a plain numerical function of the velocity (1-vector)."""

    def lag(v: np.ndarray) -> float:
        pd = float(v[0])
        return 0.5 * (C_T * pd**2 - phi**2 / L_J + C_ch * (pd - V_h) ** 2 + C_cc * (pd - V_c) ** 2)

    return lag


def _samples(eps: float, count: int = 6):
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(count):
        C_T = rng.uniform(0.5, 2.0)
        yield dict(C_T=C_T, C_ch=eps * C_T * rng.uniform(0.2, 1.0),
                   C_cc=eps * C_T * rng.uniform(0.2, 1.0), L_J=rng.uniform(0.5, 2.0),
                   V_h=rng.uniform(-1, 1), V_c=rng.uniform(-1, 1), phi=rng.uniform(-1, 1),
                   Q=rng.uniform(-1, 1), phidot=rng.uniform(-1, 1))


def charge_check() -> NumericCheck:
    """(A18) against a central finite difference of the numerical Lagrangian."""
    from dickeheat.derivations.andolina2024.symbols import C_T, C_cc, C_ch, V_c, V_h, phidot

    f = _f("charge", (phidot, V_h, V_c, C_T, C_ch, C_cc))
    errs = []
    for s in _samples(0.1):
        lag = _lagrangian_numeric(s["C_T"], s["C_ch"], s["C_cc"], s["L_J"], s["V_h"], s["V_c"],
                                  s["phi"])
        h = 1e-4
        num = (lag(np.array([s["phidot"] + h])) - lag(np.array([s["phidot"] - h]))) / (2 * h)
        errs.append(relative_error(f(s["phidot"], s["V_h"], s["V_c"], s["C_T"], s["C_ch"],
                                     s["C_cc"]), num))
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "central finite difference of the numerical Lagrangian")


def _numeric_legendre(s):
    lag = _lagrangian_numeric(s["C_T"], s["C_ch"], s["C_cc"], s["L_J"], s["V_h"], s["V_c"],
                              s["phi"])
    v, h = legendre_numeric(lag, np.array([s["Q"]]))
    return float(v[0]), h


def phidot_exact_check() -> NumericCheck:
    """(A19) exact inversion against a numerical Legendre transform."""
    from dickeheat.derivations.andolina2024.symbols import C_T, C_cc, C_ch, Q, V_c, V_h

    f = _f("phidot_exact", (Q, V_h, V_c, C_T, C_ch, C_cc))
    errs = [relative_error(f(s["Q"], s["V_h"], s["V_c"], s["C_T"], s["C_ch"], s["C_cc"]),
                           _numeric_legendre(s)[0]) for s in _samples(0.3)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "numerical Legendre transform (finite-difference Hessian, linear solve)")


def phidot_first_check() -> NumericCheck:
    """(A19) first order: the error against the exact numerical inversion is O((C_c/C_T)²)."""
    from dickeheat.derivations.andolina2024.symbols import C_T, C_cc, C_ch, Q, V_c, V_h

    f = _f("phidot_first", (Q, V_h, V_c, C_T, C_ch, C_cc))
    eps = 1e-3
    errs = []
    for s in _samples(eps):
        scale = abs(s["Q"]) / s["C_T"] + abs(s["V_h"]) + abs(s["V_c"])
        approx = f(s["Q"], s["V_h"], s["V_c"], s["C_T"], s["C_ch"], s["C_cc"])
        errs.append(abs(approx - _numeric_legendre(s)[0]) / scale)
    tol = 8 * eps**2
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        f"numerical inversion at C_c/C_T <= {eps:g}; remainder relative to "
                        "|Q|/C_T + |V_h| + |V_c| must be <= 8 (C_c/C_T)² (x = ΣC_c/C_T <= 2ε)")


def hamiltonian_exact_check() -> NumericCheck:
    """(A21) exact Hamiltonian against the numerical Legendre transform."""
    from dickeheat.derivations.andolina2024.symbols import C_T, C_cc, C_ch, L_J, Q, V_c, V_h, phi

    f = _f("H_exact", (Q, phi, V_h, V_c, C_T, C_ch, C_cc, L_J))
    errs = [relative_error(f(s["Q"], s["phi"], s["V_h"], s["V_c"], s["C_T"], s["C_ch"],
                             s["C_cc"], s["L_J"]), _numeric_legendre(s)[1])
            for s in _samples(0.3)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "numerical Legendre transform H = Q·v − L(v)")


def canonical_pair_check() -> NumericCheck:
    """(A6) sign: Hamilton's equation φ̇ = +∂H/∂Q on the numerical Legendre transform, i.e.
    {φ, Q} = +1, which with Dirac's rule gives [Q, φ] = −iħ."""
    errs = []
    for s in _samples(0.3):
        v, _ = _numeric_legendre(s)
        d = 1e-4
        dh_dq = (_numeric_legendre({**s, "Q": s["Q"] + d})[1]
                 - _numeric_legendre({**s, "Q": s["Q"] - d})[1]) / (2 * d)
        errs.append(relative_error(dh_dq, v))
    return NumericCheck(max(errs) < 1e-7, max(errs), 1e-7,
                        "∂H/∂Q (central difference of the numerical Legendre transform) equals the "
                        "numerically inverted φ̇: {φ, Q} = +1")


def _numeric_h_derivatives(s):
    """∂²H/∂Q² and ∂H/∂V_h at V = 0 from the numerical Legendre transform."""
    def h_of(Q, V_h):
        return _numeric_legendre({**s, "Q": Q, "V_h": V_h, "V_c": 0.0})[1]

    d = 1e-3
    d2q = (h_of(d, 0.0) - 2 * h_of(0.0, 0.0) + h_of(-d, 0.0)) / d**2
    dv = (h_of(s["Q"], d) - h_of(s["Q"], -d)) / (2 * d)
    return d2q, dv


def hamiltonian_first_check() -> NumericCheck:
    """(A21) first order: charging term and coupling against numerical derivatives of H."""
    from dickeheat.derivations.andolina2024.symbols import C_T, C_cc, C_ch, L_J, Q, V_c, V_h, phi

    import sympy as sp

    h1 = _chain()["H_first"]
    args = (Q, phi, V_h, V_c, C_T, C_ch, C_cc, L_J)
    d2q_f = to_function(args, sp.diff(h1, Q, 2))
    dv_f = to_function(args, sp.diff(h1, V_h))
    eps = 1e-4
    errs = []
    for s in _samples(eps):
        a = (s["Q"], s["phi"], 0.0, 0.0, s["C_T"], s["C_ch"], s["C_cc"], s["L_J"])
        d2q, dv = _numeric_h_derivatives(s)
        errs += [relative_error(d2q_f(*a), d2q), relative_error(dv_f(*a), dv)]
    tol = 5 * eps
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        f"∂²H/∂Q² and ∂H/∂V_h of the numerical Legendre transform, C_c/C_T <= {eps:g}")


def c_eff_check() -> NumericCheck:
    """Eq. (4) C_eff against 1/(∂²H/∂Q²) of the numerical Legendre transform."""
    from dickeheat.derivations.andolina2024.symbols import C_T, C_cc, C_ch

    import sympy as sp

    f = to_function((C_T, C_ch, C_cc), sp.simplify(1 / _chain()["inv_C_eff"]))
    eps = 1e-4
    errs = []
    for s in _samples(eps):
        d2q, _ = _numeric_h_derivatives(s)
        errs.append(relative_error(f(s["C_T"], s["C_ch"], s["C_cc"]), 1 / d2q))
    tol = 5 * eps**2 + 1e-7
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "1/(∂²H/∂Q²) of the numerical Legendre transform; second-order remainder")


def l_j_check() -> NumericCheck:
    """(A7) L_J against the numerical curvature of −E_J cos(2πφ/φ0) in SI units."""
    from dickeheat.derivations.andolina2024.symbols import E_J, e, hbar

    f = _f("L_J", (hbar, e, E_J))
    phi0 = const.h / (2 * const.e)
    errs = []
    for ej_ghz in (5.0, 15.0, 40.0):
        ej = const.h * ej_ghz * 1e9
        d = phi0 * 1e-3
        u = lambda x: -ej * math.cos(2 * math.pi * x / phi0)  # noqa: E731
        curvature = (u(d) - 2 * u(0.0) + u(-d)) / d**2
        errs.append(relative_error(f(const.hbar, const.e, ej), 1 / curvature))
    return NumericCheck(max(errs) < 1e-5, max(errs), 1e-5,
                        "finite-difference curvature of the Josephson potential (SI units)")


def e_t_harmonic_check() -> NumericCheck:
    """(A10) against the level spacing of −4E_C ∂²_θ + E_J θ²/2 on a fine θ grid."""
    from dickeheat.derivations.andolina2024.symbols import E_C, E_J

    f = _f("E_T_harmonic", (E_J, E_C))
    errs = []
    for ej in (20.0, 80.0):
        x_max = 8 * (8 * 1.0 / ej) ** 0.25
        grid = np.linspace(-x_max, x_max, 4001)
        dx = grid[1] - grid[0]
        diag = 8.0 / dx**2 + 0.5 * ej * grid**2
        off = np.full(grid.size - 1, -4.0 / dx**2)
        w = scipy.linalg.eigh_tridiagonal(diag, off, select="i", select_range=(0, 1))[0]
        errs.append(relative_error(f(ej, 1.0), w[1] - w[0]))
    return NumericCheck(max(errs) < 1e-5, max(errs), 1e-5,
                        "finite-difference harmonic oscillator in the phase θ (4001 points)")


def transmon_case(ratio: float):
    """Charge-basis spectrum at E_J/E_C = ratio (E_C = 1)."""
    return transmon_spectrum(ratio, 1.0, n_cut=60)


RATIOS = (100.0, 400.0, 1600.0)


def _asymptotic(closed, numeric, what: str) -> NumericCheck:
    """Closed forms of the transmon are leading orders in sqrt(E_C/E_J): require the relative
    remainder to be below sqrt(E_C/E_J) (next order with a coefficient <= 1) at every
    E_J/E_C in RATIOS; this also requires it to shrink as E_J/E_C grows."""
    errs = [relative_error(c, n) for c, n in zip(closed, numeric)]
    bounds = [math.sqrt(1.0 / r) for r in RATIOS]
    ok = all(err <= bound for err, bound in zip(errs, bounds))
    return NumericCheck(ok, max(errs), bounds[0],
                        f"{what} at E_J/E_C = {', '.join(f'{r:g}' for r in RATIOS)}; relative "
                        "remainder must be <= sqrt(E_C/E_J) at each")


def e_t_check() -> NumericCheck:
    """(A13) against the charge-basis E_01; the remainder is O(E_C sqrt(E_C/E_J))."""
    from dickeheat.derivations.andolina2024.symbols import E_C, E_J

    f = _f("E_T", (E_J, E_C))
    return _asymptotic([f(r, 1.0) for r in RATIOS], [transmon_case(r).E01 for r in RATIOS],
                       "charge-basis E_01 of 4E_C n² − E_J cos θ")


def anharmonicity_check() -> NumericCheck:
    """(A12) the quartic term's anharmonicity −E_C against the charge-basis E_12 − E_01."""
    from dickeheat.derivations.andolina2024.symbols import E_C

    f = to_function((E_C,), _chain()["anharmonicity"])
    return _asymptotic([f(1.0)] * len(RATIOS), [transmon_case(r).anharmonicity for r in RATIOS],
                       "charge-basis anharmonicity E_12 − E_01")


def _zt_si(ratio: float) -> float:
    """Z_T = sqrt(L_J/C_T) of a transmon with E_C/h = 0.25 GHz and E_J/E_C = ratio."""
    ec = const.h * 0.25e9
    C_T = const.e**2 / (2 * ec)
    L_J = (const.hbar / (2 * const.e)) ** 2 / (ratio * ec)
    return math.sqrt(L_J / C_T)


def _pauli_coeff(name: str, k: int):
    from sympy.physics.paulialgebra import Pauli

    return _chain()[name].coeff(Pauli(k))


def charge_element_check() -> NumericCheck:
    """(A15) |⟨0|Q_T|1⟩| = sqrt(ħ/2Z_T) against 2e|⟨0|n|1⟩| of the charge-basis transmon."""
    from dickeheat.derivations.andolina2024.symbols import Z_T, hbar

    coeff = to_function((hbar, Z_T), _pauli_coeff("Q_qubit", 1))
    return _asymptotic([coeff(const.hbar, _zt_si(r)) for r in RATIOS],
                       [2 * const.e * transmon_case(r).n01 for r in RATIOS],
                       "charge matrix element 2e⟨0|n|1⟩ of the charge-basis transmon")


def flux_element_check() -> NumericCheck:
    """(A16) |⟨0|φ_T|1⟩| = sqrt(ħZ_T/2) against (ħ/2e)|⟨0|sin θ|1⟩| of the charge-basis transmon."""
    from dickeheat.derivations.andolina2024.symbols import Z_T, hbar

    coeff = to_function((hbar, Z_T), _pauli_coeff("phi_qubit", 2))
    numeric = []
    for ratio in RATIOS:
        n = np.arange(-60, 61)
        _, v = scipy.linalg.eigh_tridiagonal(4.0 * n**2, np.full(n.size - 1, -ratio / 2.0),
                                             select="i", select_range=(0, 1))
        sin_theta = (np.diag(np.ones(n.size - 1), 1) - np.diag(np.ones(n.size - 1), -1)) / 2j
        numeric.append(const.hbar / (2 * const.e) * abs(v[:, 0] @ sin_theta @ v[:, 1]))
    return _asymptotic([abs(coeff(const.hbar, _zt_si(r))) for r in RATIOS], numeric,
                       "(ħ/2e)⟨0|sin θ|1⟩ of the charge-basis transmon")


def _splitting_check(G_of, eps: float, tol: float, what: str) -> NumericCheck:
    """G against the minimum normal-mode splitting 2g of a transmon and a lossless resonator.

    Quantum: ħg = (ħG/2) V_zpf with V_zpf = sqrt(ħω/2C); classical: the minimum splitting of
    the coupled linear circuit over the resonator's inductance.
    """
    C_T_v, L_J_v, C_r = 80e-15, 20e-9, 400e-15
    errs = []
    for frac in (0.3, 1.0):
        C_c_v = eps * frac * C_T_v
        w_t = 1 / math.sqrt(L_J_v * (C_T_v + C_c_v))

        def splitting(L_r):
            lam = coupled_circuit_modes(C_T_v, L_J_v, (C_c_v,), (math.inf,), L_r, C_r).eigenvalues
            w = np.sort(np.abs(lam.imag))
            return w[1] - w[0]

        L0 = 1 / (w_t**2 * C_r)
        res = scipy.optimize.minimize_scalar(splitting, bounds=(0.97 * L0, 1.03 * L0),
                                             method="bounded", options={"xatol": L0 * 1e-12})
        g_quantum = G_of(C_c_v, C_T_v, L_J_v) / 2 * math.sqrt(const.hbar * w_t / (2 * C_r))
        errs.append(relative_error(g_quantum, res.fun / 2))
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "minimum normal-mode splitting of the lossless transmon–LC circuit "
                        f"(C_c/C_T <= {eps:g}); {what}")


def g_check() -> NumericCheck:
    """(A22) first-order G; remainder O(C_c/C_T)."""
    from dickeheat.derivations.andolina2024.symbols import C_T, C_c, Z_T, hbar

    f = _f("G", (C_c, C_T, hbar, Z_T))
    eps = 1e-3
    return _splitting_check(lambda cc, ct, lj: f(cc, ct, const.hbar, math.sqrt(lj / ct)),
                            eps, 3 * eps, "first-order remainder <= 3 C_c/C_T")


def g_exact_check() -> NumericCheck:
    """G of the exact Legendre transform; remainder O((C_c/C_T)²)."""
    from dickeheat.derivations.andolina2024.symbols import C_T, C_cc, C_ch, L_J, hbar

    f = _f("G_exact_h", (C_ch, C_cc, C_T, L_J, hbar))
    eps = 1e-2
    return _splitting_check(lambda cc, ct, lj: f(cc, 0.0, ct, lj, const.hbar), eps, eps,
                            "remainder <= C_c/C_T (the resonator's own loading by C_c is "
                            "first order and not part of G)")
