"""The m-body example (Eqs. 10–12): L qubits, H_S = ω_q J_z, white-noise bath, A of Eq. (11).

Chain (each a SymPy operation on the objects before it):

1. (6) white noise C(s) = c δ(s): Λ = ∫_0^∞ c δ(s) Ã(−s) ds = (c/2) A (SymPy integrates the delta
   at the end point), so D[ρ] = c(AρA − ½{A², ρ}).
2. (7–8) J = Tr[H D[ρ]] = ⟨O⟩ + ⟨O⟩*, O from the cyclic property of the trace
   (:func:`dickeheat.symbolic.redfield.redfield_current_operator` on free operators A, H):
   J = (c/2)⟨2AHA − HA² − A²H⟩ = (c/2)⟨[A,[H,A]]⟩.
3. Single-qubit facts from :mod:`sympy.physics.quantum.pauli`: on an excited qubit σ_x acts as
   σ_− (σ_x|0⟩ = σ_−|0⟩ = |1⟩, σ_−² = 0), so on |⇑⟩ = |L/2, L/2⟩ the coupling is
   A|⇑⟩ = κ Σ_{|S|=m} Π_{i∈S} σ_−^(i)|⇑⟩ = (κ/m!) J_−^m |⇑⟩ (multinomial theorem for commuting
   nilpotents, verified for every m <= L <= 6) with κ = gL/C(L,m)
   (:mod:`~dickeheat.derivations.kamimura2023.mbody_algebra`).
4. The Dicke ladder for general L and m: J_−^m|J, J⟩ = N_m|J, J−m⟩, N_m² = Π_k ⟨J,J−k−1|J_−|J,J−k⟩²
   (SymPy product of the matrix elements), so ‖A|⇑⟩‖² = κ²N_m²/m!² = κ² C(L,m) (combsimp,
   J = L/2); with E(M) = ω_q M (Dicke eigenvalue of H_S) ⟨⇑|AHA|⇑⟩ = ‖A|⇑⟩‖² E(L/2 − m) and
   ⟨A²H⟩ = ⟨HA²⟩ = ‖A|⇑⟩‖² E(L/2) → (12). Required: the exact current in the 2^L space
   (integer arithmetic) equals the formula for every 1 <= m <= L <= 8, else the chain stops.
5. The spectrum of A for general L and m: in the σ_x product eigenbasis A is diagonal with
   eigenvalues κ K_m(k), K_m(k) the coefficient of t^m in (1 − t)^k(1 + t)^{L−k} (Krawtchouk),
   multiplicity C(L,k). Required: the 2^L spectrum enumerated exactly equals it for every
   1 <= m <= L <= 8. |K_m(k)| <= Σ_j C(k,j)C(L−k,m−j) = C(L,m) (triangle inequality,
   Vandermonde by SymPy summation), with equality at k = 0: ‖A‖ = κ C(L,m) = gL.
6. Bound 1 (9) with ‖H_S‖ = ω_q L/2 (collective-spin norm), Ξ = c/2: γ_wn ω_q L³; the ratio
   |J(0)|/Bound 1 = m/(L C(L,m)) equals 1 at m = L.
7. For fixed d = L − m, lim log|J(0)|/log L = 3 − d (SymPy limits for d = 0..3, interpolated).
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Mapping
from math import comb

import sympy as sp
from sympy.physics.quantum import Operator, qapply
from sympy.physics.quantum.pauli import SigmaMinus, SigmaX, SigmaZKet

from dickeheat.derivations.kamimura2023 import general
from dickeheat.derivations.kamimura2023.checks import mbody as checks
from dickeheat.derivations.kamimura2023.mbody_algebra import (
    exact_current,
    exact_spectrum,
    krawtchouk,
    krawtchouk_from_generating_function,
    ladder_norm2,
    nilpotent_multinomial,
)
from dickeheat.derivations.kamimura2023.symbols import (
    CURRENT,
    L,
    c,
    d,
    g,
    gamma_wn,
    m,
    make,
    omega_q,
)
from dickeheat.errors import DickeheatError
from dickeheat.symbolic.algebra import OperatorAlgebra, collect_monomials
from dickeheat.symbolic.bath import WhiteNoise
from dickeheat.symbolic.bounds import bound1, collective_spin_norm
from dickeheat.symbolic.latex_symbols import NormSymbol
from dickeheat.symbolic.redfield import redfield_current_operator
from dickeheat.symbolic.result import Result, Step, require_zero
from dickeheat.symbolic.spin import JZ, eigenvalue

__all__ = ["EXACT_LMAX", "NILPOTENT_LMAX", "MBodyChain", "chain", "exact_current", "results"]

EXACT_LMAX = 8

_A, _H, _RHO = Operator("A"), Operator("H"), Operator("rho")


NILPOTENT_LMAX = 6

@dataclasses.dataclass(frozen=True)
class MBodyChain:
    """The objects of the m-body chain (see the module docstring for the steps)."""

    Lambda_coeff: sp.Expr  #: Λ = coefficient × A for white noise
    Xi: sp.Expr  #: Ξ of white noise
    trace_argument: sp.Expr  #: the operator under the trace
    J_operator: sp.Expr  #: O + O†, J = ⟨O + O†⟩
    double_commutator_check: sp.Expr  #: J_operator − (c/2)[A,[H,A]] (0)
    A_on_top: sp.Expr  #: A|⇑⟩ = coefficient × |L/2, L/2 − m⟩: the coefficient κN_m/m!
    ladder_norm2: sp.Expr  #: N_m² = ‖J_−^m|J, J⟩‖² (SymPy product)
    A_top_norm2: sp.Expr  #: ‖A|⇑⟩‖² = κ² C(L, m)
    E0: sp.Expr  #: energy of |⇑⟩
    Em: sp.Expr  #: energy of |L/2, L/2 − m⟩
    expectations: sp.Tuple  #: ⟨AHA⟩, ⟨HA²⟩, ⟨A²H⟩ in |⇑⟩
    J_c: sp.Expr  #: J(0) in terms of c
    J: sp.Expr  #: J(0) in terms of γ_wn (Eq. 12)
    exact_mismatches: tuple[tuple[int, int], ...]  #: (L, m) where Eq. 12 ≠ exact 2^L value
    exact_table: Mapping[tuple[int, int], sp.Rational]  #: exact J/(c g² ω_q), L <= EXACT_LMAX
    spectrum_mismatches: tuple[tuple[int, int], ...]  #: (L, m) where the 2^L spectrum ≠ κK_m
    krawtchouk: sp.Expr  #: K_m(k)
    vandermonde: sp.Expr  #: Σ_j C(k,j)C(L−k,m−j)
    kraw_at_0: sp.Expr  #: K_m(0)
    norm_A: sp.Expr  #: ‖A‖
    H_norm: sp.Expr  #: ‖H_S‖
    bound1_c: sp.Expr  #: Bound 1 in terms of c
    bound1: sp.Expr  #: Bound 1 in terms of γ_wn
    ratio: sp.Expr  #: |J(0)|/Bound 1
    binomial_identity: sp.Expr  #: C(L, m−1) − m/(L−m+1) C(L, m) (0)
    exponents: tuple[sp.Expr, ...]  #: lim log|J|/log L at L − m = 0..3
    exponent: sp.Expr  #: the scaling exponent for fixed L − m


@functools.cache
def chain() -> MBodyChain:
    """Run the m-body chain (cached)."""
    # 1. white-noise Λ
    s = sp.Symbol("s", real=True)
    At = sp.Function("A_tilde")  # Ã(−s), with Ã(0) = A
    lam = sp.integrate(c * sp.DiracDelta(s) * At(s), (s, 0, sp.oo))
    lam_coeff = sp.simplify(lam / At(0))
    xi = WhiteNoise(c).xi()
    # 2. the current as an expectation value (free operators: no commutation rules)
    free = OperatorAlgebra(exchange=lambda b, a: None, adjoints={_A: _A, _H: _H})
    O, under = redfield_current_operator(_H, [(sp.Symbol("omega"), _A)],
                                         lambda w: lam_coeff, free, _RHO)
    J_op = free.order(O + free.dagger(O))
    dc = free.order(lam_coeff * (_A * (_H * _A - _A * _H) - (_H * _A - _A * _H) * _A))
    dc_check = require_zero("current = double commutator", sp.expand(J_op - dc))
    # 3. single-qubit facts: on an excited qubit σ_x acts as σ_−, and σ_−² = 0
    up, down = SigmaZKet(0), SigmaZKet(1)
    if not (qapply(SigmaX() * up) == down == qapply(SigmaMinus() * up)
            and qapply(SigmaMinus() * down) == 0):
        raise DickeheatError("unexpected Pauli algebra from sympy.physics.quantum.pauli")
    bad = [(Lv, mv) for Lv in range(1, NILPOTENT_LMAX + 1) for mv in range(1, Lv + 1)
           if nilpotent_multinomial(Lv, mv) != 0]
    if bad:
        raise DickeheatError(f"(Σσ_−)^m = m! Σ_S Πσ_− fails for (L, m) = {bad}")
    # 4. the Dicke ladder: A|⇑⟩ = (κ/m!) J_−^m|J, J⟩ = (κ N_m/m!)|J, J − m⟩, J = L/2
    Jsym = sp.Symbol("J", nonnegative=True)
    kappa = g * L / sp.binomial(L, m)
    N2 = ladder_norm2(Jsym, m)
    ladder_ratio = sp.combsimp((N2 / sp.factorial(m) ** 2).subs(Jsym, L / 2))  # C(L, m)
    top_norm2 = kappa**2 * ladder_ratio
    Msym = sp.Symbol("M", real=True)
    energy = omega_q * eigenvalue(JZ, Jsym, Msym)
    E0 = energy.subs(Msym, Jsym).subs(Jsym, L / 2)
    Em = sp.expand(energy.subs(Msym, Jsym - m).subs(Jsym, L / 2))
    # |⇑⟩ and |J, J − m⟩ are eigenstates of H; A is Hermitian: ⟨⇑|A = (A|⇑⟩)†
    expect = {_A * _H * _A: top_norm2 * Em,
              _H * _A**2: E0 * top_norm2,
              _A**2 * _H: top_norm2 * E0}
    mono = collect_monomials(J_op)
    J_c = sp.factor(sp.expand(sp.Add(*[coef * expect[k] for k, coef in mono.items()])))
    J = sp.factor(J_c.subs(c, gamma_wn / g**2))
    table = {(Lv, mv): exact_current(Lv, mv) for Lv in range(1, EXACT_LMAX + 1)
             for mv in range(1, Lv + 1)}
    formula = sp.Lambda((L, m), J_c / (c * g**2 * omega_q))
    mismatches = tuple(k for k, v in table.items() if sp.nsimplify(formula(*k)) != v)
    if mismatches:
        raise DickeheatError(f"Eq. (12) differs from the exact 2^L current at (L, m) = "
                             f"{mismatches}")
    # 5. the spectrum: κ K_m(k) with multiplicity C(L, k); ‖A‖ = κ max_k |K_m(k)|
    k, j = sp.Symbol("k", nonnegative=True, integer=True), sp.Symbol("j", integer=True)
    kraw = krawtchouk(L, k, m)
    term, (jj, j_lo, _) = kraw.function, kraw.limits[0]
    term_at = sp.lambdify((L, k, m, jj), term, modules=[{"binomial": comb}, "math"])
    spec_bad = []
    for Lv in range(1, EXACT_LMAX + 1):
        for mv in range(1, Lv + 1):
            predicted: Counter[int] = Counter()
            for kv in range(Lv + 1):
                K = sum(int(term_at(Lv, kv, mv, jv)) for jv in range(int(j_lo), mv + 1))
                if K != krawtchouk_from_generating_function(Lv, kv, mv):
                    spec_bad.append((Lv, mv))
                predicted[K] += comb(Lv, kv)
            if predicted != exact_spectrum(Lv, mv):
                spec_bad.append((Lv, mv))
    if spec_bad:
        raise DickeheatError(f"the Krawtchouk spectrum of A fails at (L, m) = {spec_bad}")
    vander = sp.combsimp(sp.summation(sp.binomial(k, j) * sp.binomial(L - k, m - j), (j, 0, m)))
    require_zero("Vandermonde Σ_j C(k,j)C(L−k,m−j) = C(L, m)", vander - sp.binomial(L, m))
    kraw_at_0 = sp.simplify(kraw.subs(k, 0).doit())
    require_zero("K_m(0) = C(L, m) (the bound is attained)", kraw_at_0 - vander)
    norm_A = sp.simplify(kappa * kraw_at_0)
    # 6. Bound 1
    H_norm = omega_q * collective_spin_norm("z", L)
    b1 = bound1(H_norm, sp.Matrix([[xi]]), [norm_A])
    bound1_gamma = sp.simplify(b1.subs(c, gamma_wn / g**2))
    # J(0) < 0: every factor of -J is positive
    ratio = sp.factor(-J / bound1_gamma)
    binomial_identity = require_zero("binomial recursion", sp.combsimp(
        sp.binomial(L, m - 1) - m / (L - m + 1) * sp.binomial(L, m)))
    # 7. exponent for fixed d = L − m
    exps = []
    for dv in range(4):
        Jd = sp.expand_func((-J).subs(m, L - dv))
        exps.append(sp.limit(sp.log(Jd) / sp.log(L), L, sp.oo))
    poly = sp.interpolate(list(zip(range(4), exps, strict=True)), d)
    return MBodyChain(
        Lambda_coeff=lam_coeff, Xi=xi, trace_argument=under, J_operator=J_op,
        double_commutator_check=dc_check, A_on_top=sp.sqrt(top_norm2), ladder_norm2=N2,
        A_top_norm2=top_norm2, E0=E0, Em=Em,
        expectations=sp.Tuple(*[expect[key] for key in (_A * _H * _A, _H * _A**2,
                                                        _A**2 * _H)]),
        J_c=J_c, J=J, exact_mismatches=mismatches, exact_table=table,
        spectrum_mismatches=tuple(spec_bad), krawtchouk=kraw, vandermonde=vander,
        kraw_at_0=kraw_at_0, norm_A=norm_A, H_norm=H_norm, bound1_c=sp.simplify(b1),
        bound1=bound1_gamma, ratio=ratio, binomial_identity=binomial_identity,
        exponents=tuple(exps), exponent=sp.expand(poly.subs(d, L - m)),
    )


def _steps() -> tuple[Step, ...]:
    ch = chain()
    return (
        Step("6", "white noise C(s) = c δ(s): Λ = ∫_0^∞ c δ(s) Ã(−s) ds = (c/2)A",
             ch.Lambda_coeff),
        Step("7–8", "J = Tr[H D[ρ]] = ⟨O⟩ + c.c. (cyclic trace)", ch.J_operator),
        Step("", "J_operator − (c/2)[A,[H,A]] (must be 0)", ch.double_commutator_check),
        Step("11", "Dicke ladder: N_m² = ‖J_−^m|J, J⟩‖² (product of matrix elements)",
             ch.ladder_norm2),
        Step("11", "‖A|⇑⟩‖² = κ² N_m²/m!², J = L/2, κ = gL/C(L,m)", ch.A_top_norm2),
        Step("10", "E(L/2) and E(L/2 − m) of ω_q J_z", sp.Tuple(ch.E0, ch.Em)),
        Step("11–12", "⟨AHA⟩, ⟨HA²⟩, ⟨A²H⟩ in |⇑⟩", ch.expectations),
        Step("12", "J in terms of c", ch.J_c),
        Step("12", "γ_wn ≡ c g² = 2 g² Ξ", ch.J),
        Step("", f"exact 2^L check, 1 <= m <= L <= {EXACT_LMAX}: mismatches",
             sp.Tuple(*[sp.Tuple(*k) for k in ch.exact_mismatches])),
    )


def _general_bound1() -> Result:
    """The registered general Bound 1: the reference the m-body bound checks evaluate."""
    return next(r for r in general.results() if r.name.endswith(".bound1"))


def results() -> list[Result]:
    """The m-body results: J(0), ‖A‖, Bound 1, the ratio and the scaling exponent."""
    ch = chain()
    steps = _steps()
    return [
        make(
            "J_mbody", equation="12",
            title="m-body heat current from the all-excited Dicke state (white noise)",
            lhs=sp.Symbol("J(0)"), expr=ch.J, args=(gamma_wn, omega_q, L, m), steps=steps,
            printed=-gamma_wn * omega_q * L**2 * m / sp.binomial(L, m),
            expected=CURRENT, check=checks.current_check,
            notes="γ_wn is identified as c g², where C(s) = c δ(s) (symmetric delta, "
                  "∫_0^∞ δ = 1/2, so Ξ = c/2) and A = g × (L/C(L,m)) Σ_S Π σ_x. ⟨AHA⟩ and "
                  "⟨A²H⟩ come from the Dicke ladder for general L and m; the derivation "
                  "requires the exact current in the 2^L space (integer arithmetic) for every "
                  f"1 <= m <= L <= {EXACT_LMAX} and stops otherwise.",
        ),
        make(
            "norm_A_mbody", equation="11",
            title="operator norm of the m-body coupling A (paper: Θ(L))",
            lhs=NormSymbol("||A||", positive=True), expr=ch.norm_A, args=(g, L, m),
            steps=(Step("11", "eigenvalues κ K_m(k) of A in the σ_x product basis "
                              "(coefficient of t^m in (1 − t)^k(1 + t)^{L−k}), multiplicity "
                              f"C(L,k); 2^L spectrum mismatches for L <= {EXACT_LMAX}",
                        sp.Tuple(ch.krawtchouk, sp.Tuple(*[sp.Tuple(*p) for p in
                                                           ch.spectrum_mismatches]))),
                   Step("11", "|K_m(k)| <= Σ_j C(k,j)C(L−k,m−j) (Vandermonde)", ch.vandermonde),
                   Step("11", "Krawtchouk eigenvalue at k = 0 (attains it)", ch.kraw_at_0),
                   Step("11", "‖A‖ = κ C(L, m)", ch.norm_A)),
            check=checks.norm_check,
            notes="The paper states only ‖A‖ = Θ(L); the exact value is gL for every m.",
        ),
        make(
            "bound1_mbody", equation="9 (m-body)",
            title="Bound 1 for the m-body model: 4‖H‖Ξ‖A‖²",
            lhs=sp.Symbol("B_1"), expr=ch.bound1, args=(gamma_wn, omega_q, L),
            steps=(Step("9", "‖H_S‖ = ω_q ‖J_z‖", ch.H_norm),
                   Step("9", "Ξ of white noise", ch.Xi),
                   Step("9", "Bound 1 in terms of c", ch.bound1_c)),
            expected=CURRENT, check=functools.partial(checks.bound1_check, _general_bound1()),
        ),
        make(
            "mbody_bound1_ratio", equation="9, 12",
            title="|J(0)| / Bound 1 for the m-body model (= 1 at m = L: exact saturation)",
            lhs=sp.Symbol("|J(0)|/B_1"), expr=ch.ratio, args=(L, m),
            steps=(Step("", "C(L, m−1) = m/(L−m+1) C(L, m) (must be 0)",
                        ch.binomial_identity),),
            check=functools.partial(checks.ratio_check, _general_bound1()),
            notes="The paper says Bound 1 is saturated 'in terms of scaling' for m = L; the "
                  "derivation gives exact equality |J(0)| = Bound 1 at m = L.",
        ),
        make(
            "mbody_exponent", equation="text after 12",
            title="scaling exponent of |J(0)| for fixed L − m",
            lhs=sp.Symbol("p"), expr=ch.exponent, args=(L, m),
            steps=tuple(Step("", f"lim log|J|/log L at L − m = {dv}", e)
                        for dv, e in enumerate(ch.exponents)),
            printed=3 + m - L, check=checks.exponent_check,
        ),
    ]
