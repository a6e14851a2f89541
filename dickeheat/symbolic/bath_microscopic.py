r"""A dissipative impedance as a bath of oscillators (Caldeira–Leggett), and the golden-rule
rate of a system coupled to its voltage.

An impedance :math:`Z(\omega)` seen from a port is represented by LC sections in series (Foster's
first form): section :math:`k` is :math:`L_k \parallel C_k` with :math:`\omega_k =
1/\sqrt{L_k C_k}`; the port voltage is :math:`V = \sum_k V_k`, :math:`V_k = Q_k/C_k`. Everything
below is derived for one section with symbolic :math:`(C_k, \omega_k)`; the statements for
:math:`Z` follow by linearity (sections are independent and their voltages add), with the
section density chosen so that :math:`\sum_k \mathrm{Re}\,Z_k = \mathrm{Re}\,Z` (a resistor is a
continuum of sections, Caldeira–Leggett).

Chain of one section (each a SymPy operation):

1. :func:`section_impedance`: :math:`Z_k = L_k \parallel C_k` (element impedances,
   :math:`e^{-i\omega t}` convention), and :func:`lossless_real_part` of it: partial fractions,
   then Sokhotski–Plemelj :math:`1/(\omega - c + i0) = \mathrm{P}/(\omega - c) - i\pi\delta(\omega
   - c)` (the causal response is analytic in the upper half plane), so
   :math:`\mathrm{Re}\,Z_k = (\pi/2C_k)[\delta(\omega - \omega_k) + \delta(\omega + \omega_k)]`.
2. :func:`section_voltage`: :math:`V_k = Q_k/C_k` with :math:`Q_k` in ladder form from
   :func:`~dickeheat.symbolic.canonical.diagonalise_oscillator` of :math:`Q^2/2C + \phi^2/2L`
   with :math:`[\phi, Q] = i\hbar`.
3. :func:`thermal_moments`: :math:`\langle a^\dagger a\rangle`, :math:`\langle a a^\dagger\rangle`,
   :math:`\langle a a\rangle` of a thermal state: Fock matrix elements (``qapply``) averaged with
   Boltzmann weights :math:`q^m` (SymPy summation), written with :math:`n = q/(1-q)`.
4. :func:`correlation_function`: :math:`C(\tau) = \langle V(\tau)V(0)\rangle` with the Heisenberg
   :math:`a(\tau) = a e^{-i\omega_k\tau}` (from :math:`[H, a] = -\hbar\omega_k a`).
5. :func:`spectrum`: :math:`S(\omega) = \int e^{i\omega\tau}C(\tau)d\tau`, each exponential
   :math:`e^{-i\nu\tau}` giving :math:`2\pi\delta(\omega - \nu)`.
6. :func:`fdt_kernel`: the ratio of the delta weights of :math:`S` and :math:`\mathrm{Re}\,Z` on
   each frequency: :math:`S(\omega) = 2\hbar\omega(n(\omega) + 1)\mathrm{Re}\,Z(\omega)` at
   :math:`\omega > 0` and :math:`2\hbar|\omega|\,n(|\omega|)\,\mathrm{Re}\,Z` at :math:`\omega < 0`
   (the fluctuation–dissipation theorem, derived).
7. :func:`golden_rule_rate`: Fermi's golden rule for the jump :math:`|e\rangle \to |g\rangle` of a
   system coupled by :math:`H_{int} = a_- \sigma_- V + \text{h.c.}`: the final states
   :math:`|n_k + 1\rangle` of each section, thermally averaged, give
   :math:`\gamma_\downarrow = |a_-|^2 S(\omega_0)/\hbar^2` (checked section by section against
   :func:`spectrum`).

>>> import sympy as sp
>>> w = sp.Symbol("omega", real=True)
>>> C, wk = sp.symbols("C omega_k", positive=True)
>>> lossless_real_part(section_impedance(C, wk, w), w)
pi*DiracDelta(omega - omega_k)/(2*C) + pi*DiracDelta(omega + omega_k)/(2*C)
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp
from sympy.physics.quantum import Dagger, qapply
from sympy.physics.quantum.boson import BosonFockBra, BosonFockKet, BosonOp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic import impedance
from dickeheat.symbolic.canonical import diagonalise_oscillator
from dickeheat.symbolic.result import require_zero

__all__ = [
    "OscillatorBathDerivation",
    "correlation_function",
    "delta_weights",
    "derive_oscillator_bath",
    "fdt_kernel",
    "golden_rule_rate",
    "lossless_real_part",
    "section_impedance",
    "section_voltage",
    "spectrum",
    "thermal_moments",
]


def section_impedance(C: sp.Expr, omega_k: sp.Expr, omega: sp.Symbol) -> sp.Expr:
    """Impedance of L ∥ C with L = 1/(ω_k² C) (``impedance.parallel``)."""
    L = 1 / (omega_k**2 * C)
    return sp.simplify(
        impedance.parallel(impedance.inductor(L, omega), impedance.capacitor(C, omega))
    )


def lossless_real_part(z: sp.Expr, omega: sp.Symbol) -> sp.Expr:
    """Re Z(ω + i0) of a lossless impedance with simple real poles: partial fractions
    c/(ω − p), then Sokhotski–Plemelj 1/(ω − p + i0) = P/(ω − p) − iπδ(ω − p). The principal
    parts must be purely imaginary (lossless), so they drop out of the real part."""
    out = sp.S.Zero
    for term in sp.Add.make_args(sp.apart(sp.together(z), omega)):
        num, den = sp.fraction(sp.together(term))
        poly = sp.Poly(den, omega)
        if poly.degree() != 1 or omega in num.free_symbols:
            raise DickeheatError(f"not a simple pole term in ω: {term}")
        a1, a0 = poly.all_coeffs()
        c, pole = num / a1, -a0 / a1
        if sp.simplify(sp.re(c)) != 0:
            raise DickeheatError(f"pole residue {c} is not imaginary: the impedance is lossy")
        out += sp.re(c * (-sp.I * sp.pi)) * sp.DiracDelta(omega - pole)
    return sp.expand(out)


def section_voltage(C: sp.Expr, omega_k: sp.Expr, hbar: sp.Expr, a: BosonOp) -> sp.Expr:
    """V_k = Q_k/C_k with Q_k in ladder form, derived by diagonalising Q²/2C + φ²/2L with
    [φ, Q] = iħ (phase: Q = (positive)(a + a†))."""
    q, f = sp.symbols("Q_k phi_k", commutative=False)
    L = 1 / (omega_k**2 * C)
    modes = diagonalise_oscillator(
        q**2 / (2 * C) + f**2 / (2 * L), f, q, sp.I * hbar, real="p", b=a, hbar=hbar
    )
    require_zero("section frequency", sp.simplify(modes.omega - omega_k))
    return sp.expand(sp.simplify(modes.p_form / C))


@functools.cache
def thermal_moments() -> tuple[sp.Symbol, dict[str, sp.Expr]]:
    """(n, {"ada": ⟨a†a⟩, "aad": ⟨aa†⟩, "aa": ⟨aa⟩, "adad": ⟨a†a†⟩}) of a thermal oscillator
    state Σ_m q^m |m⟩⟨m| / Σ q^m, with the mean occupation n = q/(1 − q) (derived once)."""
    a = BosonOp("a_th")
    m = sp.Symbol("m", integer=True, nonnegative=True)
    q = sp.Symbol("q", positive=True)
    n = sp.Symbol("n", nonnegative=True)

    def series(expr: sp.Expr) -> sp.Expr:
        s = sp.summation(expr * q**m, (m, 0, sp.oo))
        if isinstance(s, sp.Piecewise):  # the convergent branch, q = e^{−ħω/k_BT} < 1
            s = s.args[0][0]
        return s

    z = series(sp.S.One)
    ops = {"ada": Dagger(a) * a, "aad": a * Dagger(a), "aa": a * a, "adad": Dagger(a) ** 2}
    out: dict[str, sp.Expr] = {}
    (q_of_n,) = sp.solve(sp.Eq(n, q / (1 - q)), q)
    for key, op in ops.items():
        element = qapply(BosonFockBra(m) * op * BosonFockKet(m))
        element = sp.S(element.doit()) if hasattr(element, "doit") else element
        out[key] = sp.simplify((series(element) / z).subs(q, q_of_n))
    return n, out


def correlation_function(voltage: sp.Expr, a: BosonOp, omega_k: sp.Expr, tau: sp.Symbol) -> sp.Expr:
    """C(τ) = ⟨V(τ)V(0)⟩ for V linear in a, a†: a(τ) = a e^{−iω_kτ}, a†(τ) = a† e^{iω_kτ};
    the products are ordered and replaced by the thermal moments (occupation ``n`` of
    :func:`thermal_moments`)."""
    n, mom = thermal_moments()
    va, vad = sp.expand(voltage).coeff(a), sp.expand(voltage).coeff(Dagger(a))
    require_zero("V linear in a, a†", sp.simplify(sp.expand(voltage - va * a - vad * Dagger(a))))
    vt = (va, sp.exp(-sp.I * omega_k * tau)), (vad, sp.exp(sp.I * omega_k * tau))
    key = {(0, 0): "aa", (0, 1): "aad", (1, 0): "ada", (1, 1): "adad"}
    total = sp.S.Zero
    for i, (ci, phase) in enumerate(vt):
        for j, cj in enumerate((va, vad)):
            total += ci * phase * cj * mom[key[(i, j)]]
    return sp.expand(total)


def spectrum(corr: sp.Expr, tau: sp.Symbol, omega: sp.Symbol) -> sp.Expr:
    """S(ω) = ∫ e^{iωτ} C(τ) dτ for C a sum of c e^{−iντ}: each term gives 2πc δ(ω − ν)."""
    out = sp.S.Zero
    for term in sp.Add.make_args(sp.expand(corr)):
        c, rest = term.as_independent(tau, as_Add=False)
        expo = sp.expand(sp.log(rest), force=True) if rest != 1 else sp.S.Zero
        nu = sp.simplify(sp.I * sp.diff(expo, tau))  # rest = e^{−iντ}
        if sp.simplify(sp.diff(nu, tau)) != 0 or sp.simplify(expo + sp.I * nu * tau) != 0:
            raise DickeheatError(f"not a phase e^(-i nu tau): {rest}")
        out += 2 * sp.pi * c * sp.DiracDelta(omega - nu)
    return sp.expand(out)


def delta_weights(expr: sp.Expr, omega: sp.Symbol) -> dict[sp.Expr, sp.Expr]:
    """{support point p: weight w} of Σ w δ(ω − p)."""
    out: dict[sp.Expr, sp.Expr] = {}
    for term in sp.Add.make_args(sp.expand(expr)):
        deltas = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.DiracDelta)]
        if len(deltas) != 1:
            raise DickeheatError(f"not a single delta term: {term}")
        (arg,) = deltas[0].args
        (p,) = sp.solve(arg, omega)
        out[p] = sp.simplify(out.get(p, 0) + term / deltas[0])
    return out


def fdt_kernel(
    S: sp.Expr, re_z: sp.Expr, omega: sp.Symbol, omega_k: sp.Symbol, n: sp.Expr, n_of: sp.Function
) -> tuple[sp.Expr, sp.Expr]:
    """K_±(ω) with S(ω) = K(ω) Re Z(ω): the ratio of the delta weights at ω = +ω_k and
    ω = −ω_k, written as functions of ω on their support (ω_k → |ω|, n → n(|ω|)).

    Returns (K at ω > 0, K at ω < 0)."""
    ws, wz = delta_weights(S, omega), delta_weights(re_z, omega)
    if set(ws) != set(wz):
        raise DickeheatError(f"S and Re Z have different supports: {set(ws)}, {set(wz)}")
    pos = sp.simplify(ws[omega_k] / wz[omega_k])
    neg = sp.simplify(ws[-omega_k] / wz[-omega_k])
    w_abs = sp.Symbol("w_abs", positive=True)
    pos = pos.subs(n, n_of(w_abs)).subs(omega_k, w_abs).subs(w_abs, omega)
    neg = neg.subs(n, n_of(w_abs)).subs(omega_k, w_abs).subs(w_abs, -omega)
    return sp.simplify(pos), sp.simplify(neg)


def golden_rule_rate(
    amplitude: sp.Expr,
    hbar: sp.Expr,
    voltage: sp.Expr,
    a: BosonOp,
    omega_k: sp.Expr,
    omega0: sp.Symbol,
) -> sp.Expr:
    """Fermi's golden rule for |e, m⟩ → |g, m+1⟩ with H_int = amplitude σ_− V + h.c., one
    section: (2π/ħ)|⟨g, m+1|H_int|e, m⟩|² δ(ħω0 − ħω_k), thermally averaged over m. Returns the
    rate as a delta in ω0 (σ_− and the qubit states enter through ⟨g|σ_−|e⟩ = 1)."""
    n, mom = thermal_moments()
    m = sp.Symbol("m", integer=True, nonnegative=True)
    element = qapply(BosonFockBra(m + 1) * voltage * BosonFockKet(m))
    element = sp.simplify(element.doit() if hasattr(element, "doit") else element)
    sq = sp.expand(sp.Abs(amplitude) ** 2 * element * sp.conjugate(element))
    sq = sp.simplify(sq.subs(sp.conjugate(sp.sqrt(m + 1)), sp.sqrt(m + 1)))
    # thermal average over m: sq is affine in m, ⟨m⟩ = ⟨a†a⟩
    if sp.degree(sp.expand(sq), m) > 1:
        raise DickeheatError(f"|matrix element|² is not affine in m: {sq}")
    avg = sp.expand(sq).subs(m, mom["ada"])
    # δ(ħω0 − ħω_k) = δ(ω0 − ω_k)/ħ
    return sp.simplify(2 * sp.pi / hbar * avg / hbar) * sp.DiracDelta(omega0 - omega_k)


@dataclasses.dataclass(frozen=True)
class OscillatorBathDerivation:
    """The objects of the microscopic derivation for one Foster section (C_k, ω_k)."""

    section_impedance: sp.Expr
    re_Z_section: sp.Expr
    voltage: sp.Expr
    occupation: sp.Symbol
    moments: dict
    correlation: sp.Expr
    spectrum: sp.Expr
    kernel_positive: sp.Expr
    kernel_negative: sp.Expr
    rate_section: sp.Expr
    rate_over_spectrum: sp.Expr


@functools.cache
def derive_oscillator_bath(
    hbar: sp.Symbol, omega: sp.Symbol, n_of: sp.Function
) -> OscillatorBathDerivation:
    """Run steps 1–7 for a symbolic section (C_k, ω_k); ``n_of(ω)`` names the thermal
    occupation at frequency ω in the returned kernels.

    ``rate_over_spectrum`` is γ↓/S(ω0) of one section (must be independent of the section:
    |a_−|²/ħ² with a_− = 1), which extends the golden rule to any sum of sections."""
    C_k, w_k = sp.symbols("C_k omega_k", positive=True)
    tau = sp.Symbol("tau", real=True)
    target, omega = omega, sp.Symbol("omega_", real=True)  # both signs of ω internally
    a = BosonOp("a_k")
    z = section_impedance(C_k, w_k, omega)
    re_z = lossless_real_part(z, omega)
    v = section_voltage(C_k, w_k, hbar, a)
    n, mom = thermal_moments()
    corr = correlation_function(v, a, w_k, tau)
    s = spectrum(corr, tau, omega)
    k_pos, k_neg = fdt_kernel(s, re_z, omega, w_k, n, n_of)
    rate = golden_rule_rate(sp.S.One, hbar, v, a, w_k, omega)  # as a function of ω0 = ω
    ratio = sp.simplify(delta_weights(rate, omega)[w_k] / delta_weights(s, omega)[w_k])
    to_target = {omega: target}
    z, re_z, s = z.subs(to_target), re_z.subs(to_target), s.subs(to_target)
    k_pos, k_neg = k_pos.subs(to_target), k_neg.subs(to_target)
    rate = rate.subs(to_target)
    if ratio.has(C_k) or ratio.has(w_k) or ratio.has(n):
        raise DickeheatError(f"golden-rule rate / S(ω0) depends on the section: {ratio}")
    return OscillatorBathDerivation(
        section_impedance=z,
        re_Z_section=re_z,
        voltage=v,
        occupation=n,
        moments=mom,
        correlation=corr,
        spectrum=s,
        kernel_positive=k_pos,
        kernel_negative=k_neg,
        rate_section=rate,
        rate_over_spectrum=ratio,
    )
