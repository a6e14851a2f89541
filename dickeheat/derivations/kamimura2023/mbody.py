"""The m-body example (Eqs. 10–12): L qubits, H_S = ω_q J_z, white-noise bath, A of Eq. (11).

Chain (each a SymPy operation on the objects before it):

1. (6) white noise C(s) = c δ(s): Λ = ∫_0^∞ c δ(s) Ã(−s) ds = (c/2) A (SymPy integrates the delta
   at the end point), so D[ρ] = c(AρA − ½{A², ρ}).
2. (7–8) J = Tr[H D[ρ]] = ⟨O⟩ + ⟨O⟩*, O from the cyclic property of the trace
   (:func:`dickeheat.symbolic.redfield.redfield_current_operator` on free operators A, H):
   J = (c/2)⟨2AHA − HA² − A²H⟩ = (c/2)⟨[A,[H,A]]⟩.
3. Single-qubit facts from :mod:`sympy.physics.quantum.pauli`: σ_x flips |0⟩ ↔ |1⟩, σ_z = ±1, so
   a product of m σ_x's maps |⇑⟩ (all excited) to a state with m flipped qubits and energy
   E_0 − mω_q; distinct m-subsets give orthonormal states; there are C(L, m) of them.
4. ⟨⇑|AHA|⇑⟩ = κ² C(L,m)(E_0 − mω_q), ⟨A²H⟩ = ⟨HA²⟩ = κ² C(L,m) E_0 with κ = gL/C(L,m)
   → (12). Verified exactly (integer arithmetic in the 2^L space) for every 1 <= m <= L <= 8.
5. ‖A‖ = gL: in the σ_x product basis A is diagonal with eigenvalues κ K_m(k) (Krawtchouk
   numbers); |K_m(k)| <= Σ_j C(k,j)C(L−k,m−j) = C(L,m) (Vandermonde), with equality at k = 0.
6. Bound 1 (9) with ‖H_S‖ = ω_q L/2 (collective-spin norm), Ξ = c/2: γ_wn ω_q L³; the ratio
   |J(0)|/Bound 1 = m/(L C(L,m)) equals 1 at m = L.
7. For fixed d = L − m, lim log|J(0)|/log L = 3 − d (SymPy limits for d = 0..3, interpolated).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Mapping
from math import comb

import numpy as np
import sympy as sp
from sympy.physics.quantum import Operator, qapply
from sympy.physics.quantum.pauli import SigmaX, SigmaZ, SigmaZKet

from dickeheat.derivations.kamimura2023 import general
from dickeheat.derivations.kamimura2023.checks import mbody as checks
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

__all__ = ["EXACT_LMAX", "MBodyChain", "chain", "exact_current", "results"]

EXACT_LMAX = 8

_A, _H, _RHO = Operator("A"), Operator("H"), Operator("rho")


def exact_current(Lv: int, mv: int) -> sp.Rational:
    """J(0)/(c g² ω_q) for the m-body model from |⇑⟩, by exact integer arithmetic in the 2^L
    space: J = (c/2)⟨[A,[H,A]]⟩ with A = κ Σ_S X_S, H = (ω_q/2) Σ σ_z."""
    dim = 2**Lv
    idx = np.arange(dim, dtype=np.int64)
    Aint = np.zeros((dim, dim), dtype=np.int64)  # Σ_S X_S (entries 0/1)
    for S in itertools.combinations(range(Lv), mv):
        mask = sum(1 << (Lv - 1 - i) for i in S)
        Aint[idx ^ mask, idx] += 1
    bits = (idx[:, None] >> np.arange(Lv)[None, :]) & 1
    two_jz = np.diag(Lv - 2 * bits.sum(axis=1))  # bit 0 = excited: σ_z = +1
    e0 = np.zeros(dim, dtype=np.int64)
    e0[0] = 1  # |⇑⟩ = index 0
    # <⇑|[A',[2Jz,A']]|⇑> = 2<A' 2Jz A'> − <2Jz A'²> − <A'² 2Jz>, A' real symmetric
    v = Aint @ e0
    value = int(2 * v @ (two_jz @ v) - (two_jz @ e0) @ (Aint @ v) - (Aint @ v) @ (two_jz @ e0))
    kappa = sp.Rational(Lv, comb(Lv, mv))
    # J = (c/2) κ² (ω_q/2) <[A',[2Jz,A']]>, in units of c g² ω_q
    return sp.Rational(1, 2) * kappa**2 * sp.Rational(1, 2) * value


@dataclasses.dataclass(frozen=True)
class MBodyChain:
    """The objects of the m-body chain (see the module docstring for the steps)."""

    Lambda_coeff: sp.Expr  #: Λ = coefficient × A for white noise
    Xi: sp.Expr  #: Ξ of white noise
    trace_argument: sp.Expr  #: the operator under the trace
    J_operator: sp.Expr  #: O + O†, J = ⟨O + O†⟩
    double_commutator_check: sp.Expr  #: J_operator − (c/2)[A,[H,A]] (0)
    E0: sp.Expr  #: energy of |⇑⟩
    Em: sp.Expr  #: energy with m flipped qubits
    J_c: sp.Expr  #: J(0) in terms of c
    J: sp.Expr  #: J(0) in terms of γ_wn (Eq. 12)
    exact_mismatches: tuple[tuple[int, int], ...]  #: (L, m) where Eq. 12 ≠ exact 2^L value
    exact_table: Mapping[tuple[int, int], sp.Rational]  #: exact J/(c g² ω_q), L <= EXACT_LMAX
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
    # 3. single-qubit facts and the energies
    flips = qapply(SigmaX() * SigmaZKet(0)) == SigmaZKet(1)
    sz_up = sp.simplify(qapply(SigmaZ() * SigmaZKet(0)).as_independent(SigmaZKet(0))[0])
    sz_dn = sp.simplify(qapply(SigmaZ() * SigmaZKet(1)).as_independent(SigmaZKet(1))[0])
    if not flips or (sz_up, sz_dn) != (1, -1):
        raise DickeheatError("unexpected Pauli algebra from sympy.physics.quantum.pauli")
    n_dn = sp.Symbol("n", nonnegative=True, integer=True)
    energy = omega_q * ((L - n_dn) * sz_up + n_dn * sz_dn) / 2
    E0, Em = energy.subs(n_dn, 0), sp.expand(energy.subs(n_dn, m))
    # 4. expectation values in |⇑⟩
    kappa = g * L / sp.binomial(L, m)
    n_sets = sp.binomial(L, m)
    expect = {_A * _H * _A: kappa**2 * n_sets * Em,
              _H * _A**2: kappa**2 * n_sets * E0,
              _A**2 * _H: kappa**2 * n_sets * E0}
    mono = collect_monomials(J_op)
    J_c = sp.factor(sp.expand(sp.Add(*[coef * expect[k] for k, coef in mono.items()])))
    J = sp.factor(J_c.subs(c, gamma_wn / g**2))
    table = {(Lv, mv): exact_current(Lv, mv) for Lv in range(1, EXACT_LMAX + 1)
             for mv in range(1, Lv + 1)}
    formula = sp.Lambda((L, m), J_c / (c * g**2 * omega_q))
    mismatches = tuple(k for k, v in table.items() if sp.nsimplify(formula(*k)) != v)
    # 5. ||A||
    k, j = sp.Symbol("k", nonnegative=True, integer=True), sp.Symbol("j", integer=True)
    kraw = sp.Sum((-1) ** j * sp.binomial(k, j) * sp.binomial(L - k, m - j), (j, 0, m))
    vander = sp.combsimp(sp.summation(sp.binomial(k, j) * sp.binomial(L - k, m - j), (j, 0, m)))
    kraw_at_0 = sp.simplify(kraw.subs(k, 0).doit())
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
        double_commutator_check=dc_check, E0=E0, Em=Em, J_c=J_c, J=J,
        exact_mismatches=mismatches, exact_table=table, krawtchouk=kraw, vandermonde=vander,
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
        Step("10", "energy of |⇑⟩ and of a state with m flipped qubits", sp.Tuple(ch.E0, ch.Em)),
        Step("11–12", "⟨AHA⟩, ⟨A²H⟩ in |⇑⟩ with κ = gL/C(L,m): J in terms of c", ch.J_c),
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
                  "∫_0^∞ δ = 1/2, so Ξ = c/2) and A = g × (L/C(L,m)) Σ_S Π σ_x. Exact in the "
                  f"2^L space for every 1 <= m <= L <= {EXACT_LMAX}.",
        ),
        make(
            "norm_A_mbody", equation="11",
            title="operator norm of the m-body coupling A (paper: Θ(L))",
            lhs=NormSymbol("||A||", positive=True), expr=ch.norm_A, args=(g, L, m),
            steps=(Step("11", "Krawtchouk eigenvalue at k = 0", ch.kraw_at_0),
                   Step("11", "Vandermonde: Σ_j C(k,j)C(L−k,m−j)", ch.vandermonde),
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
