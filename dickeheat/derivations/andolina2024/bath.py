"""Appendix B: the RLC baths and the Born–Markov–secular rates γ_i.

Chain (each a SymPy operation on the previous object):

1. (B12) Z_LC of L ∥ C from element impedances (e^{−iωt} convention).
2. (B11, B13) Z_tot = R ∥ Z_LC and its real part.
3. (B14) Quality factor Q and linewidth κ, read off the Lorentzian form of Re Z_tot.
4. (B9–B10, B15) Structure factor: the one-sided transform (B9) has real part one half of the
   full transform. The full transform is derived from a microscopic bath
   (:mod:`dickeheat.symbolic.bath_microscopic`): the resistor as LC sections (Foster,
   Caldeira–Leggett) whose Re Z sums to the circuit's, the correlation function of their
   quantised voltages in a thermal state, its Fourier transform, and the ratio to Re Z on each
   section's support: S(ω) = 2ħω Re Z (n + 1) at ω > 0 (the fluctuation–dissipation theorem,
   not typed).
5. (B3, B6, B18) The coefficient of J_−V in H_int, then Fermi's golden rule for the
   oscillator bath (γ↓ = |a|² S(ω0)/ħ², derived section by section), divided by (1 + n).
6. γ_i in circuit parameters, with G_i of (A22).
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp
from sympy.physics.units import impedance as impedance_dim
from sympy.physics.units import time

from dickeheat.derivations.andolina2024.checks import bath as checks
from dickeheat.derivations.andolina2024.circuit import chain as circuit_chain
from dickeheat.derivations.andolina2024.symbols import (
    C_T,
    Z_T,
    C,
    C_c,
    G,
    L,
    Qf,
    R,
    hbar,
    make,
    n,
    omega,
    omega0,
    omega_LC,
)
from dickeheat.symbolic.bath_microscopic import (
    OscillatorBathDerivation,
    derive_oscillator_bath,
)
from dickeheat.symbolic.impedance import (
    capacitor,
    inductor,
    lorentzian_quality_factor,
    parallel,
    real_part,
    resistor,
)
from dickeheat.symbolic.result import Result, Step

__all__ = ["BathChain", "chain", "results"]

tau = sp.Symbol("tau", positive=True)
kappa_c = sp.Symbol("kappa", positive=True)
Omega_c = sp.Symbol("Omega", positive=True)
_n_of = sp.Function("n_B")  # thermal occupation at a frequency (microscopic bath)


@dataclasses.dataclass(frozen=True)
class BathChain:
    """The objects of the Appendix-B derivation: impedances (B11–B14), the quality factor and
    linewidth, the one-sided/full transform ratio and structure factor (B9–B10, B15), the
    J_−V amplitude of H_int (B6), the golden-rule rate and γ_i (B16–B18), and γ_i with the
    first-order G_i of (A22)."""

    Z_LC_LC: sp.Expr
    Z_LC: sp.Expr
    Z_tot: sp.Expr
    re_Z: sp.Expr
    quality: sp.Expr
    linewidth: sp.Expr
    re_Z_lorentzian: sp.Expr
    one_sided_over_full: sp.Expr
    microscopic: OscillatorBathDerivation
    fdt_kernel: sp.Expr
    S_full: sp.Expr
    S_one_sided_re: sp.Expr
    H_int_amplitude: sp.Expr
    gamma_down: sp.Expr
    gamma: sp.Expr
    gamma_circuit: sp.Expr


@functools.cache
def chain() -> BathChain:
    """Run the derivation (once, cached) and return its objects as a :class:`BathChain`."""
    L_of_wLC = 1 / (omega_LC**2 * C)
    z_lc = parallel(inductor(L, omega), capacitor(C, omega))
    Z_LC_LC = z_lc
    Z_LC = sp.simplify(z_lc.subs(L, L_of_wLC))  # (B12)
    z_tot = parallel(resistor(R), Z_LC)  # (B11)
    Z_tot = z_tot
    re_Z = real_part(z_tot)  # (B13)
    quality = lorentzian_quality_factor(re_Z, R, omega, omega_LC)  # (B14)
    linewidth = sp.simplify(omega_LC / quality)
    c_of_q = sp.solve(sp.Eq(Qf, quality), C)[0]
    re_Z_lorentzian = sp.simplify(sp.factor(re_Z.subs(C, c_of_q)))
    # one-sided vs full transform for a stationary kernel C(−τ) = C(τ)*:
    kernel = sp.exp(-kappa_c * tau / 2 - sp.I * Omega_c * tau)  # C(τ), τ > 0
    one_sided = sp.integrate(sp.exp(sp.I * omega * tau) * kernel, (tau, 0, sp.oo), conds="none")
    full = one_sided + sp.integrate(sp.exp(-sp.I * omega * tau) * sp.conjugate(kernel),
                                    (tau, 0, sp.oo), conds="none")
    one_sided_over_full = sp.simplify(sp.re(sp.expand_complex(one_sided)) /
                                             sp.expand_complex(full))
    # (B10): the fluctuation–dissipation theorem, derived for the resistor as a bath of
    # oscillators (Foster sections, Caldeira–Leggett): S(ω) = K(ω) Re Z(ω) at ω > 0
    micro = derive_oscillator_bath(hbar, omega, _n_of)
    microscopic = micro
    fdt_kernel = micro.kernel_positive.subs(_n_of(omega), n)  # n = n(ω)
    s_full = sp.expand(fdt_kernel) * re_Z_lorentzian
    S_full = s_full
    S_one_sided_re = sp.simplify(one_sided_over_full * s_full)
    # (B3)/(B6): H_int = −ħ G J_x V with J_x = Σσ_x/2 = (J_+ + J_-)/2 (Eq. 5)
    Jp, Jm, V = sp.symbols("J_+ J_- V", commutative=False)
    h_int = sp.expand(-hbar * G * (Jp + Jm) / 2 * V)
    amplitude = h_int.coeff(Jm * V)  # coefficient of J_- V
    H_int_amplitude = amplitude
    # golden rule (derived for the oscillator bath): γ↓ = |a|² (γ↓/S per unit amplitude) S(ω0)
    down = sp.simplify(sp.Abs(amplitude) ** 2 * micro.rate_over_spectrum
                       * s_full.subs(omega, omega0))
    gamma_down = down
    gamma = sp.simplify(down / (1 + n))  # (B18)
    # γ_i in circuit parameters: G_i of (A22), first order (circuit chain)
    gamma_circuit = sp.simplify(gamma.subs(G, circuit_chain().G))
    return BathChain(
        Z_LC_LC=Z_LC_LC,
        Z_LC=Z_LC,
        Z_tot=Z_tot,
        re_Z=re_Z,
        quality=quality,
        linewidth=linewidth,
        re_Z_lorentzian=re_Z_lorentzian,
        one_sided_over_full=one_sided_over_full,
        microscopic=microscopic,
        fdt_kernel=fdt_kernel,
        S_full=S_full,
        S_one_sided_re=S_one_sided_re,
        H_int_amplitude=H_int_amplitude,
        gamma_down=gamma_down,
        gamma=gamma,
        gamma_circuit=gamma_circuit,
    )


def results() -> list[Result]:
    c = chain()
    S = Step
    z_step = S("B12 [published B13]", "L ∥ C with Z_L = −iωL, Z_C = i/(ωC), L = 1/(ω_LC² C)",
               c.Z_LC)
    tot_step = S("B11 [published B12]", "Z_tot = R ∥ Z_LC", c.Z_tot)
    re_step = S("B13 [published B14]", "Re Z_tot", c.re_Z)
    q_step = S("B14 [published B15]", "Q² = (R/Re Z − 1)/(ω/ω_LC − ω_LC/ω)²", c.quality)
    lor_step = S("B14 [published B15]", "Re Z_tot with C = Q/(R ω_LC)", c.re_Z_lorentzian)
    ft_step = S("B9 [published B10]", "Re(one-sided transform)/(full transform) for a "
                "stationary kernel e^{−κτ/2 − iΩτ}", c.one_sided_over_full)
    m = c.microscopic
    micro_steps = [
        S("B10 [published B11]", "resistor as a bath of LC sections (Foster, Caldeira–Leggett): "
          "Re Z_k by Sokhotski–Plemelj", m.re_Z_section),
        S("B10 [published B11]", "section voltage V_k = Q_k/C_k, Q_k from diagonalising "
          "Q²/2C + φ²/2L with [φ, Q] = iħ", m.voltage),
        S("B10 [published B11]", "thermal moments ⟨a†a⟩, ⟨aa†⟩, ⟨aa⟩, ⟨a†a†⟩ (qapply, summed)",
          sp.Tuple(*m.moments.values())),
        S("B9 [published B10]", "correlation ⟨V_k(τ)V_k⟩", m.correlation),
        S("B10 [published B11]", "full transform ∫e^{iωτ}C(τ)dτ", m.spectrum),
        S("B10 [published B11]", "FDT: S/Re Z on the supports, ω > 0 (and ω < 0)",
          sp.Tuple(m.kernel_positive, m.kernel_negative)),
    ]
    fdt_step = S("B10 [published B11]", "fluctuation–dissipation: full transform "
                 "K(ω) Re Z, K derived above", c.S_full)
    golden_steps = [
        S("B16–B17 [published B17–B18]", "golden rule |e,m⟩ → |g,m+1⟩ of one section, "
          "thermally averaged", m.rate_section),
        S("B16–B17 [published B17–B18]", "γ↓/S(ω0) per unit amplitude (section independent)",
          m.rate_over_spectrum),
    ]
    amp_step = S("B6", "coefficient of J_− V in −ħ G J_x V, J_x = (J_+ + J_−)/2",
                 c.H_int_amplitude)
    gr_step = S("B16–B17 [published B17–B18]", "secular Born–Markov rate of the J_− jump "
                "|a/ħ|² S_full(ω0)", c.gamma_down)
    g_step = S("B18 [published B19]", "γ = rate/(1 + n)", c.gamma)
    dimless = sp.physics.units.Dimension(1)
    return [
        make("Z_LC", equation="B12 [published B13]", title="impedance of the LC branch",
             lhs=sp.Symbol("Z_LC"),
             expr=c.Z_LC, args=(omega, omega_LC, C), steps=[z_step],
             printed=sp.I / C * omega / (omega**2 - omega_LC**2), expected=impedance_dim,
             check=checks.z_lc_check),
        make("re_Z", equation="B13 [published B14]", title="real part of the RLC impedance",
             lhs=sp.Symbol("Re Z_tot"), expr=c.re_Z, args=(omega, omega_LC, R, C),
             steps=[z_step, tot_step, re_step],
             printed=omega**2 * R / (omega**2 + R**2 * C**2 * (omega**2 - omega_LC**2) ** 2),
             expected=impedance_dim, check=checks.re_z_check),
        make("quality", equation="B14 [published B15]", title="quality factor of the parallel RLC",
             lhs=Qf, expr=c.quality, args=(R, C, omega_LC), steps=[re_step, q_step],
             printed=omega_LC / R, expected=dimless, check=checks.quality_check,
             notes="The print defines Q = ω_LC/κ with linewidth κ = R, which is dimensionally "
                   "inconsistent; the Lorentzian form of (B13) requires Q = R C ω_LC = "
                   "R sqrt(C/L), i.e. κ = 1/(RC)."),
        make("linewidth", equation="B14 [published B15]", title="linewidth of the RLC resonance",
             lhs=sp.Symbol("kappa_i"), expr=c.linewidth, args=(R, C), steps=[re_step, q_step],
             printed=R, expected=1 / time, check=checks.linewidth_check),
        make("re_Z_lorentzian", equation="B14 [published B15]", title="Re Z_tot in Lorentzian form",
             lhs=sp.Symbol("Re Z_tot"), expr=c.re_Z_lorentzian, args=(omega, omega_LC, R, Qf),
             steps=[re_step, q_step, lor_step],
             printed=R / (1 + Qf**2 * (omega / omega_LC - omega_LC / omega) ** 2),
             expected=impedance_dim, check=checks.re_z_lorentzian_check),
        make("structure_factor", equation="B15 [published B16]",
             title="real part of the one-sided voltage structure factor (B9) at ω > 0",
             lhs=sp.Symbol("Re S_VV"), expr=c.S_one_sided_re,
             args=(omega, omega_LC, R, Qf, hbar, n),
             steps=[ft_step, *micro_steps, fdt_step, lor_step,
                    S("B15 [published B16]", "Re S_one-sided = ½ S_full", c.S_one_sided_re)],
             printed=2 * hbar * omega * R * (1 + n)
             / (1 + Qf**2 * (omega / omega_LC - omega_LC / omega) ** 2),
             check=checks.structure_factor_check,
             notes="(B9) defines S as the one-sided transform ∫_0^∞, whose real part is half "
                   "the full transform given by the fluctuation–dissipation theorem; (B10) "
                   "assigns the full-transform value to it. The rates need 2 Re S_one-sided = "
                   "S_full, so the final rate is unaffected if one reads (B10) as the full "
                   "transform. (B9)'s e^{−iωτ} also puts the emission factor n + 1 at ω < 0, "
                   "opposite to the N_i(ω) of (B10)."),
        make("gamma", equation="B18 [published B19]", title="Lindblad rate γ_i of the RLC bath",
             lhs=sp.Symbol("gamma_i"), expr=c.gamma, args=(omega0, omega_LC, R, Qf, hbar, G),
             steps=[amp_step, *micro_steps, fdt_step, lor_step, *golden_steps, gr_step,
                    g_step],
             printed=4 * hbar * omega0 * R * G**2
             / (1 + Qf**2 * (omega0 / omega_LC - omega_LC / omega0) ** 2),
             expected=1 / time, check=checks.gamma_check,
             notes="The derived rate is γ = ħω0 G² Re Z(ω0)/2; the print is 8 times larger: "
                   "a factor 4 from (B6), which writes H_int = −ħG(J_− + J_+)V although "
                   "J_x = (J_+ + J_−)/2 by Eq. (5) (the text after Eq. (9) also states "
                   "J_x = J_+ + J_−), and a factor 2 from using the full transform of (B10) as "
                   "the one-sided (B9) and then adding its Hermitian conjugate. With the printed "
                   "G of (A22) (2× the derived one) the printed rate is 32× the derived one. "
                   "The papers' figures take γ_i as given numbers, so this does not change them."),
        make("gamma_circuit", equation="B18 [published B19]", title="γ_i in circuit parameters",
             lhs=sp.Symbol("gamma_i"), expr=c.gamma_circuit,
             args=(omega0, omega_LC, R, Qf, C_c, C_T, Z_T),
             steps=[g_step, S("A22", "substitute G_i = (C_c/C_T) sqrt(2/(ħZ_T))", c.gamma_circuit)],
             expected=1 / time, check=checks.gamma_circuit_check,
             notes="Equals ω0² C_c² Re Z(ω0)/C_T at ω0 = 1/sqrt(L_J C_T): the classical energy "
                   "damping rate of an LC oscillator loaded by C_c in series with Re Z."),
    ]

