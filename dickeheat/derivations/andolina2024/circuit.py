"""Appendix A: from the circuit Lagrangian (A17) to the qubit Hamiltonian and couplings (A22).

The chain, each step a SymPy operation on the previous object:

1. (A17) Lagrangian of one transmon coupled through C_c^(h), C_c^(c) to the bath voltages
   V_h, V_c (the N transmons enter as a sum of identical, decoupled terms).
2. (A18) Canonical charge Q = ∂L/∂φ̇.
3. (A19) Inversion φ̇(Q), exact and to first order in C_c/C_T.
4. (A21) Legendre transform H = Qφ̇ − L, exact and to first order; Eq. (4) C_eff.
5. (A5–A7) Harmonic part of the transmon: L_J from the curvature of −E_J cos(2πφ/φ0).
6. (A8–A10) Ladder operators diagonalise the harmonic part: E'_T = √(8E_J E_C).
7. (A11–A12) Quartic term, normal ordered, number-conserving part.
8. (A13) E_T = E_1 − E_0.
9. (A14–A16) Truncation to {|0⟩, |1⟩}.
10. (A22) Coupling G_i read off the truncated coupling term.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp
from sympy.physics.paulialgebra import Pauli
from sympy.physics.quantum import Dagger
from sympy.physics.units import action, capacitance, energy, inductance, voltage

from dickeheat.derivations.andolina2024.checks import circuit as checks
from dickeheat.derivations.andolina2024.symbols import (
    C_T,
    E_C,
    E_J,
    L_J,
    Z_T,
    C_c,
    C_cc,
    C_ch,
    Q,
    V_c,
    V_h,
    e,
    hbar,
    make,
    phi,
    phidot,
)
from dickeheat.symbolic.canonical import OscillatorModes, diagonalise_oscillator
from dickeheat.symbolic.lagrangian import first_order, legendre_transform
from dickeheat.symbolic.oscillator import (
    boson,
    fock_matrix,
    normal_order,
    number_conserving,
    pauli_decomposition,
    truncate_to_qubit,
)
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["LADDER_SIGN_NOTE", "CircuitChain", "chain", "results"]

LADDER_SIGN_NOTE = (
    "Sign convention: canonical quantisation of (A17) gives [φ, Q] = +iħ, i.e. [Q, φ] = −iħ; "
    "with the phase of b chosen as in (A8) (Q_T = sqrt(ħ/2Z_T)(b + b†), which agrees), the "
    "derived flux is φ_T = −i sqrt(ħZ_T/2)(b† − b), the negative of (A9). (A9) together with "
    "(A8) gives [Q, φ] = +iħ, the convention of the text after (A1) and opposite to (A17). The "
    "difference is φ → −φ (equivalently b → −b in A9 alone); no observable changes.")

sx, sy, sz = Pauli(1), Pauli(2), Pauli(3)
b = boson("b")
#: c-number stand-ins for b, b† in the registered (linear) ladder forms: the coefficient of B
#: is ⟨0|X|1⟩, that of BD is ⟨1|X|0⟩
B, BD = sp.Symbol("b"), sp.Symbol("b^dagger")


def amplitude(form: sp.Expr) -> sp.Expr:
    """A linear ladder form with b, b† replaced by the c-numbers B, BD (for comparison and
    evaluation; linear forms do not depend on operator order)."""
    return sp.expand(form.subs({Dagger(b): BD}).subs({b: B}))


@dataclasses.dataclass(frozen=True)
class CircuitChain:
    """The objects of the Appendix-A derivation, in the order they are derived: the Lagrangian
    (A17), charge (A18), inversions (A19), Hamiltonians (A21), the transmon's Josephson
    inductance, harmonic and quartic parts and qubit truncation (A5–A16), the canonical pair
    (A6) and the couplings G (A22, first order and exact)."""

    lagrangian: sp.Expr
    charge: sp.Expr
    phidot_exact: sp.Expr
    phidot_first: sp.Expr
    H_exact: sp.Expr
    H_first: sp.Expr
    inv_C_eff: sp.Expr
    L_J_derived: sp.Expr
    E_J_of_L_J: sp.Expr
    quartic_phi: sp.Expr
    H_transmon_harmonic: sp.Expr
    harmonic_modes: OscillatorModes
    Q_ladder: sp.Expr
    phi_ladder: sp.Expr
    H_harmonic_ladder: sp.Expr
    omega_p: sp.Expr
    E_T_harmonic: sp.Expr
    quartic_full_nc: sp.Expr
    quartic: sp.Expr
    E_T: sp.Expr
    anharmonicity: sp.Expr
    H_qubit: sp.Expr
    Q_qubit: sp.Expr
    phi_qubit: sp.Expr
    hamilton_residual: sp.Expr
    poisson_phi_Q: sp.Expr
    commutator_QT_phiT: sp.Expr
    commutator_ladder: sp.Expr
    coupling_qubit: sp.Expr
    G_h: sp.Expr
    G: sp.Expr
    coupling_sign: sp.Expr
    C_sigma: sp.Expr
    G_exact_h: sp.Expr


@functools.cache
def chain() -> CircuitChain:
    """Run the derivation (once, cached) and return its objects as a :class:`CircuitChain`."""
    # (A17): one transmon; the N-transmon Lagrangian is a sum of such terms.
    lag = sp.Rational(1, 2) * (
        C_T * phidot**2 - phi**2 / L_J + C_ch * (phidot - V_h) ** 2 + C_cc * (phidot - V_c) ** 2
    )
    lagrangian = lag
    leg = legendre_transform(lag, [phidot], [Q])
    charge = sp.expand(leg.momenta[0])  # (A18)
    phidot_exact = leg.velocities[phidot]  # (A19), exact
    phidot_first = first_order(leg.velocities[phidot], [C_ch, C_cc])  # (A19)
    h_exact = leg.hamiltonian
    H_exact = h_exact
    h1 = first_order(h_exact, [C_ch, C_cc])
    # drop the bath-only terms (∝ V_i V_j): they do not act on the transmon
    H_first = sp.expand(
        sum(t for t in sp.Add.make_args(h1) if not ({V_h, V_c} <= t.free_symbols
                                                    or t.has(V_h**2) or t.has(V_c**2)))
    )
    inv_C_eff = 2 * sp.expand(H_first).coeff(Q, 2)  # 1/C_eff
    # (A5)–(A7): flux quantum φ0 = h/2e = πħ/e; harmonic part of −E_J cos(2πφ/φ0)
    phi0 = sp.pi * hbar / e
    potential = -E_J * sp.cos(2 * sp.pi * phi / phi0)
    taylor = sp.series(potential, phi, 0, 6).removeO()
    inv_LJ = 2 * taylor.coeff(phi, 2)
    L_J_derived = sp.simplify(1 / inv_LJ)
    (E_J_of_L_J,) = sp.solve(sp.Eq(L_J, L_J_derived), E_J)  # (A7) inverted: the device edge
    quartic_phi = taylor.coeff(phi, 4) * phi**4  # (A11)
    # canonical commutator: Hamilton's equation φ̇ = ∂H/∂Q holds for the Legendre pair, so Q
    # is the momentum conjugate to φ; Dirac's rule [φ, Q] = iħ{φ, Q}, and [Q, φ] = −[φ, Q]
    hamilton_residual = require_zero(
        "Hamilton's equation dH/dQ = phidot",
        sp.simplify(sp.diff(h_exact, Q) - leg.velocities[phidot]))
    poisson = sp.diff(phi, phi) * sp.diff(Q, Q) - sp.diff(phi, Q) * sp.diff(Q, phi)
    poisson_phi_Q = poisson
    commutator_QT_phiT = -sp.I * hbar * poisson
    # (A7)–(A10): the harmonic transmon (the Legendre transform at C_c = 0, V = 0) diagonalised
    # with that pair: b lowers H by ħω ([H, b] = −ħωb), [b, b†] = 1, and the phase of b is
    # fixed as in (A8): Q = (positive)(b + b†). Then Z_T = sqrt(L_J/C_T).
    h_transmon = h_exact.subs({C_ch: 0, C_cc: 0, V_h: 0, V_c: 0})
    q_nc, phi_nc = sp.symbols("Q_op phi_op", commutative=False)
    modes = diagonalise_oscillator(h_transmon.subs({Q: q_nc, phi: phi_nc}), phi_nc, q_nc,
                                   sp.I * hbar * poisson, real="p", b=b, hbar=hbar)
    harmonic_modes = modes
    to_z = {L_J: Z_T**2 * C_T}
    q_op = sp.expand(sp.simplify(modes.p_form.subs(to_z)))
    phi_op = sp.expand(sp.simplify(modes.x_form.subs(to_z)))
    Q_ladder, phi_ladder = q_op, phi_op
    h_harm = sp.expand(modes.hamiltonian)
    H_harmonic_ladder = h_harm
    omega_p = sp.simplify(h_harm.coeff(Dagger(b) * b) / hbar)  # = 1/sqrt(L_J C_T)
    energy_subs = {C_T: e**2 / (2 * E_C), L_J: L_J_derived}  # E_C = e²/2C_T and (A7)
    E_T_harmonic = sp.simplify(sp.powdenest((hbar * omega_p).subs(energy_subs),
                                                   force=True))
    # (A11)–(A12): quartic term in ladder operators, number-conserving part
    quartic = quartic_phi.subs(phi, phi_op)
    quartic = sp.simplify(quartic.subs(Z_T, sp.sqrt(L_J / C_T)).subs(energy_subs))
    quartic_no = number_conserving(normal_order(sp.expand(quartic)))
    quartic_full_nc = quartic_no
    # drop the constant (the zero-point shift), keep the operator terms
    quartic = sp.Add(*[t for t in sp.Add.make_args(quartic_no) if t.has(b)])
    # (A13): E_T = E_1 − E_0 of H'_T + δH_T
    h_t = E_T_harmonic * Dagger(b) * b + quartic
    m = fock_matrix(h_t, b, 3)
    E_T = sp.simplify(m[1, 1] - m[0, 0])
    anharmonicity = sp.simplify(m[2, 2] - 2 * m[1, 1] + m[0, 0])
    # (A14)–(A16): truncation to a qubit
    H_qubit = pauli_decomposition(truncate_to_qubit(E_T * Dagger(b) * b, b))
    Q_qubit = pauli_decomposition(truncate_to_qubit(q_op, b))
    phi_qubit = pauli_decomposition(truncate_to_qubit(phi_op, b))
    # the derived ladder forms give [Q, φ] (computed with the operators)
    comm = normal_order(q_op * phi_op - phi_op * q_op)
    commutator_ladder = sp.simplify(comm)
    # (A22): coupling term of the first-order H with Q → Q_qubit
    coupling = sum(t for t in sp.Add.make_args(H_first) if t.has(V_h) or t.has(V_c))
    truncated = sp.expand(coupling.subs(Q, Q_qubit))
    coupling_qubit = truncated
    coeff_h = truncated.coeff(V_h).coeff(sx)
    G_h = sp.simplify(2 * sp.Abs(coeff_h) / hbar)
    G = G_h.subs(C_ch, C_c)
    coupling_sign = sp.sign(coeff_h)
    # beyond first order: the exact Legendre transform has charging energy Q²/2C_Σ and
    # coupling (C_c/C_Σ) Q V, so the qubit charge uses Z_Σ = sqrt(L_J/C_Σ)
    c_sigma = 1 / (2 * sp.expand(h_exact).coeff(Q, 2))
    C_sigma = sp.simplify(c_sigma)
    exact_coeff = sp.simplify(sp.diff(h_exact, Q, V_h))  # C_c^(h)/C_Σ
    z_sigma = sp.sqrt(L_J / C_sigma)
    q_sigma = pauli_decomposition(truncate_to_qubit(q_op.subs(Z_T, z_sigma), b))
    G_exact_h = sp.simplify(2 * sp.Abs(exact_coeff * q_sigma.coeff(sx)) / hbar)
    return CircuitChain(
        lagrangian=lagrangian,
        charge=charge,
        phidot_exact=phidot_exact,
        phidot_first=phidot_first,
        H_exact=H_exact,
        H_first=H_first,
        inv_C_eff=inv_C_eff,
        L_J_derived=L_J_derived,
        E_J_of_L_J=E_J_of_L_J,
        quartic_phi=quartic_phi,
        H_transmon_harmonic=h_transmon,
        harmonic_modes=harmonic_modes,
        Q_ladder=Q_ladder,
        phi_ladder=phi_ladder,
        H_harmonic_ladder=H_harmonic_ladder,
        omega_p=omega_p,
        E_T_harmonic=E_T_harmonic,
        quartic_full_nc=quartic_full_nc,
        quartic=quartic,
        E_T=E_T,
        anharmonicity=anharmonicity,
        H_qubit=H_qubit,
        Q_qubit=Q_qubit,
        phi_qubit=phi_qubit,
        hamilton_residual=hamilton_residual,
        poisson_phi_Q=poisson_phi_Q,
        commutator_QT_phiT=commutator_QT_phiT,
        commutator_ladder=commutator_ladder,
        coupling_qubit=coupling_qubit,
        G_h=G_h,
        G=G,
        coupling_sign=coupling_sign,
        C_sigma=C_sigma,
        G_exact_h=G_exact_h,
    )


def results() -> list[Result]:
    c = chain()
    S = Step
    lag_step = S("A17", "circuit Lagrangian of one transmon (the N-transmon L is a sum)",
                 c.lagrangian)
    sumCc = C_ch + C_cc
    q_step = S("A18", "canonical charge Q = ∂L/∂φ̇", sp.Eq(Q, c.charge))
    inv_step = S("A19", "solve Q(φ̇) = Q for φ̇ (exact)", sp.Eq(phidot, c.phidot_exact))
    h_step = S("A21", "Legendre transform H = Qφ̇ − L (exact)", sp.Eq(sp.Symbol("H"), c.H_exact))
    h1_step = S("A21", "expand to first order in C_c/C_T; drop V_i V_j terms",
                sp.Eq(sp.Symbol("H"), c.H_first))
    args_leg = (Q, phi, V_h, V_c, C_T, C_ch, C_cc, L_J)
    m = c.harmonic_modes
    ladder_steps = [
        S("A7", "harmonic transmon: (A21) at C_c = 0, V = 0", c.H_transmon_harmonic),
        S("A6", "[φ, Q] = iħ{φ, Q} (the derived canonical pair)", -c.commutator_QT_phiT),
        S("A8–A10", "[H, b] = −ħωb for b = αφ + βQ: det = 0 fixes ω", m.eigen_condition),
        S("A8–A10", "[b, b†] = 1 and the phase Q = (positive)(b + b†): (α, β)",
          sp.Tuple(m.alpha, m.beta)),
        S("A10", "H'_T in the derived forms (normal ordered)", m.hamiltonian),
    ]
    out = [
        make("charge", equation="A18", title="canonical charge of a transmon", lhs=Q, expr=c.charge,
             args=(phidot, V_h, V_c, C_T, C_ch, C_cc), steps=[lag_step, q_step],
             printed=(C_T + sumCc) * phidot - C_ch * V_h - C_cc * V_c,
             check=checks.charge_check),
        make("phidot_exact", equation="A19",
             title="node voltage as a function of the charge (exact)",
             lhs=phidot, expr=c.phidot_exact, args=(Q, V_h, V_c, C_T, C_ch, C_cc),
             steps=[lag_step, q_step, inv_step], expected=voltage, check=checks.phidot_exact_check),
        make("phidot", equation="A19", title="node voltage to first order in C_c/C_T", lhs=phidot,
             expr=c.phidot_first, args=(Q, V_h, V_c, C_T, C_ch, C_cc),
             steps=[lag_step, q_step, inv_step, S("A19", "first order in C_c/C_T", c.phidot_first)],
             printed=Q * (1 / C_T - sumCc / C_T**2) + C_ch * V_h + C_cc * V_c,
             expected=voltage, check=checks.phidot_first_check,
             notes="The printed voltage term Σ C_c V_i lacks the factor 1/C_T."),
        make("H_exact", equation="A21", title="transmon Hamiltonian, exact Legendre transform",
             lhs=sp.Symbol("H"), expr=c.H_exact, args=args_leg,
             steps=[lag_step, q_step, inv_step, h_step],
             expected=energy, check=checks.hamiltonian_exact_check),
        make("H", equation="A21", title="transmon Hamiltonian to first order in C_c/C_T",
             lhs=sp.Symbol("H"),
             expr=c.H_first, args=args_leg, steps=[lag_step, q_step, inv_step, h_step, h1_step],
             printed=(1 - sumCc / C_T) * Q**2 / (2 * C_T) + phi**2 / (2 * L_J)
             - (C_ch * V_h + C_cc * V_c) * Q / C_T,
             expected=energy, check=checks.hamiltonian_first_check,
             notes="The printed coupling term has the opposite sign: the Legendre transform "
                   "gives +(C_c/C_T) Q V. The sign is a convention (V → −V), but it does not "
                   "follow from (A17)."),
        make("C_eff", equation="4", title="effective transmon capacitance", lhs=sp.Symbol("C_eff"),
             expr=sp.simplify(1 / c.inv_C_eff), args=(C_T, C_ch, C_cc),
             steps=[lag_step, q_step, inv_step, h_step, h1_step,
                    S("4", "C_eff = 1/(2 × coefficient of Q²)", 1 / c.inv_C_eff)],
             printed=C_T / (1 - sumCc / C_T), expected=capacitance,
             check=checks.c_eff_check),
        make("L_J", equation="A7",
             title="Josephson inductance from the curvature of the cosine", lhs=L_J,
             expr=c.L_J_derived, args=(hbar, e, E_J),
             steps=[S("A5", "transmon potential −E_J cos(2πφ/φ0), φ0 = h/2e", c.quartic_phi),
                    S("A7", "1/L_J = ∂²U/∂φ² at φ = 0", c.L_J_derived)],
             printed=(hbar / (2 * e)) ** 2 / E_J, expected=inductance, check=checks.l_j_check),
        make("E_J", equation="A7", title="Josephson energy of a junction of inductance L_J",
             lhs=E_J, expr=c.E_J_of_L_J, args=(hbar, e, L_J),
             steps=[S("A7", "1/L_J = ∂²U/∂φ² at φ = 0", c.L_J_derived),
                    S("A7", "solved for E_J", c.E_J_of_L_J)],
             printed=(hbar / (2 * e)) ** 2 / L_J, expected=energy, check=checks.e_j_check),
        make("E_T_harmonic", equation="A10", title="harmonic transmon energy",
             lhs=sp.Symbol("E'_T"),
             expr=c.E_T_harmonic, args=(E_J, E_C),
             steps=[S("A8–A9", "Q, φ in ladder operators, Z_T = sqrt(L_J/C_T)",
                      c.H_harmonic_ladder),
                    S("A10", "ħω_p with E_C = e²/2C_T and L_J of (A7)", c.E_T_harmonic)],
             printed=sp.sqrt(8 * E_J * E_C), expected=energy, check=checks.e_t_harmonic_check,
             notes="(A10) omits the zero-point energy ħω_p/2 of the normal-ordered form."),
        make("quartic", equation="A12", title="quartic transmon correction, number-conserving part",
             lhs=sp.Symbol("δH_T"), expr=c.quartic, args=(E_C,),
             steps=[S("A11", "−E_J/4! (2πφ/φ0)⁴", c.quartic_phi),
                    S("A12", "φ → ladder form, normal order, keep b†ⁿbⁿ terms", c.quartic_full_nc)],
             printed=-E_C / 2 * (Dagger(b) ** 2 * b**2 + 2 * Dagger(b) * b), dims=False,
             check=checks.anharmonicity_check,
             notes="The dropped constant is −E_C/4."),
        make("E_T", equation="A13", title="qubit energy E_T = E_1 − E_0 of the transmon",
             lhs=sp.Symbol("E_T"),
             expr=c.E_T, args=(E_J, E_C),
             steps=[S("A13", "⟨1|H|1⟩ − ⟨0|H|0⟩ with H = E'_T b†b + δH_T", c.E_T)],
             printed=sp.sqrt(8 * E_J * E_C) - E_C, expected=energy, check=checks.e_t_check),
        make("H_qubit", equation="A14", title="transmon Hamiltonian truncated to a qubit",
             lhs=sp.Symbol("H_T"), expr=c.H_qubit, args=(E_J, E_C),
             steps=[S("A14", "project E_T b†b onto {|0⟩,|1⟩}", c.H_qubit)],
             printed=(sp.sqrt(8 * E_J * E_C) - E_C) / 2 * (sz + 1), dims=False,
             check=checks.h_qubit_check),
        make("Q_ladder", equation="A8", title="transmon charge in ladder operators",
             lhs=sp.Symbol("Q_T"), expr=amplitude(c.Q_ladder), args=(hbar, Z_T, B, BD),
             steps=[*ladder_steps, S("A8", "Q_T from inverting b = αφ + βQ", c.Q_ladder),
                    S("A9", "its partner φ_T", amplitude(c.phi_ladder), name="phi_ladder")],
             printed=sp.sqrt(hbar / (2 * Z_T)) * (B + BD), dims=False,
             check=functools.partial(checks.ladder_check, "Q"),
             notes="Derived by diagonalising (A7) with [φ, Q] = iħ{φ, Q} = iħ; the phase of b "
                   "is fixed so that Q_T = (positive)(b + b†), the print's choice in (A8)."),
        make("phi_ladder", equation="A9", title="transmon flux in ladder operators",
             lhs=sp.Symbol("φ_T"), expr=amplitude(c.phi_ladder), args=(hbar, Z_T, B, BD),
             steps=[*ladder_steps, S("A9", "φ_T from inverting b = αφ + βQ", c.phi_ladder),
                    S("A8", "its partner Q_T", amplitude(c.Q_ladder), name="Q_ladder")],
             printed=sp.I * sp.sqrt(hbar * Z_T / 2) * (BD - B), dims=False,
             check=functools.partial(checks.ladder_check, "phi"),
             notes=LADDER_SIGN_NOTE),
        make("Q_qubit", equation="A15", title="transmon charge truncated to a qubit",
             lhs=sp.Symbol("Q_T"),
             expr=c.Q_qubit, args=(hbar, Z_T),
             steps=[*ladder_steps, S("A8", "derived ladder form of Q_T", c.Q_ladder),
                    S("A15", "project Q_T onto {|0⟩,|1⟩}", c.Q_qubit, name="Q_qubit"),
                    S("A16", "its partner φ_T projected", c.phi_qubit, name="phi_qubit")],
             printed=sp.sqrt(hbar / (2 * Z_T)) * sx, dims=False, check=checks.charge_element_check),
        make("phi_qubit", equation="A16", title="transmon flux truncated to a qubit",
             lhs=sp.Symbol("φ_T"),
             expr=c.phi_qubit, args=(hbar, Z_T),
             steps=[*ladder_steps, S("A9", "derived ladder form of φ_T", c.phi_ladder),
                    S("A16", "project φ_T onto {|0⟩,|1⟩}", c.phi_qubit, name="phi_qubit"),
                    S("A15", "its partner Q_T projected", c.Q_qubit, name="Q_qubit")],
             printed=-sp.sqrt(hbar * Z_T / 2) * sy, dims=False, check=checks.flux_element_check,
             notes=LADDER_SIGN_NOTE + " In the qubit: φ_T = +sqrt(ħZ_T/2) σ_y, (A16) prints "
                   "−sqrt(ħZ_T/2) σ_y (consistent with the printed A9)."),
        make("commutator", equation="A6", title="commutator [Q_T, φ_T] from canonical quantisation",
             lhs=sp.Symbol("[Q_T, φ_T]"), expr=c.commutator_QT_phiT, args=(hbar,),
             steps=[S("A21", "Hamilton's equation ∂H/∂Q − φ̇ (Q is conjugate to φ)",
                    c.hamilton_residual),
                    S("A18", "Poisson bracket {φ, Q}", c.poisson_phi_Q),
                    S("A6", "[Q, φ] = −iħ{φ, Q} (Dirac)", c.commutator_QT_phiT),
                    S("A8–A9", "the derived ladder forms give [Q, φ] =", c.commutator_ladder)],
             printed=sp.I, expected=action, check=checks.canonical_pair_check,
             notes="(A6) prints [Q_T, φ_T] = i: ħ is missing, and the sign is that of the text "
                   "after (A1), [Q, φ] = +iħ, opposite to canonical quantisation of (A17) (φ "
                   "coordinate, Q = ∂L/∂φ̇ its momentum). The derived ladder forms carry the "
                   "derived sign (see andolina2024.phi_ladder)."),
        make("G", equation="A22", title="qubit–voltage coupling G_i", lhs=sp.Symbol("G_i"),
             expr=c.G,
             args=(C_c, C_T, hbar, Z_T),
             steps=[h1_step, S("A15", "substitute Q → sqrt(ħ/2Z_T) σ_x", c.coupling_qubit),
                    S("A22", "identify ħG_i σ_x V_i/2 with the σ_x V_i term", c.G)],
             printed=2 * (C_c / C_T) * sp.sqrt(2 / (hbar * Z_T)),
             expected=1 / (voltage * sp.physics.units.time), check=checks.g_check,
             notes="Matching (C_c/C_T) sqrt(ħ/2Z_T) σ_x V = ħ G σ_x V/2 gives "
                   "G = (C_c/C_T) sqrt(2/(ħ Z_T)); the print has an extra factor 2. The derived "
                   "coupling term has sign +, (A22) writes −ħG σ_x V/2 (see andolina2024.H)."),
        make("G_exact", equation="A22",
             title="coupling G_h from the exact Legendre transform (all orders)",
             lhs=sp.Symbol("G_h"), expr=c.G_exact_h, args=(C_ch, C_cc, C_T, L_J, hbar),
             steps=[h_step, S("A21", "coupling ∂²H/∂Q∂V_h = C_c/C_Σ, charging 1/C_Σ",
                        sp.diff(c.H_exact, Q, V_h)),
                    S("A22", "G_h = (2/ħ)(C_c/C_Σ) sqrt(ħ/2Z_Σ), Z_Σ = sqrt(L_J/C_Σ)",
                      c.G_exact_h)],
             expected=1 / (voltage * sp.physics.units.time), check=checks.g_exact_check,
             notes="Equal to andolina2024.G at first order in C_c/C_T; used by `dickeheat "
                   "circuit`."),
    ]
    return out
