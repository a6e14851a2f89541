r"""Bath correlation functions and their integrals, for Born–Markov (Redfield) master equations.

A bath enters a Redfield equation through its correlation function
:math:`C(s) = \mathrm{Tr}_B[\tilde B(s)\,B\,\rho_B]` (with :math:`C(-s) = C(s)^*`), via

* the spectrum :math:`S(\nu) = \int_{-\infty}^{\infty} C(s)\,e^{i\nu s}\,ds \ge 0` (the rate at
  which the bath absorbs energy :math:`\nu > 0` from the system; :math:`S(\nu) = 0` for
  :math:`\nu < 0` at zero temperature),
* the one-sided transform :math:`\Gamma(\nu) = \int_0^\infty C(s)\,e^{i\nu s}\,ds`
  (:math:`\Gamma + \Gamma^* = S`; its imaginary part is the Lamb shift),
* the correlation integral :math:`\Xi = \int_0^\infty |C(s)|\,ds`, which sets the size of the
  heat-current bounds of :mod:`dickeheat.symbolic.bounds`.

Each bath class (here and :class:`~dickeheat.symbolic.bath_rlc.RLCBath`) derives these with
SymPy where a closed form exists and evaluates them with SciPy quadrature where it does not.
A bath whose :math:`\Xi` diverges is rejected with a :class:`~dickeheat.errors.ParameterError`
naming the parameter responsible.

>>> import sympy as sp
>>> c = sp.Symbol("c", positive=True)
>>> WhiteNoise(c).xi()
c/2
>>> kappa, lam2 = sp.symbols("kappa lambda2", positive=True)
>>> Lorentzian(strength=lam2, kappa=kappa, center=1).xi()
2*lambda2/kappa
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import sympy as sp

from dickeheat.errors import DickeheatError, ParameterError

__all__ = ["Bath", "WhiteNoise", "Lorentzian", "S_VAR", "NU"]

#: the time argument of correlation functions (s >= 0)
S_VAR = sp.Symbol("s", nonnegative=True)
#: the frequency argument of spectra
NU = sp.Symbol("nu", real=True)


def _value(name: str, value: Any, *, positive: bool = False, allow_inf: bool = False) -> Any:
    """A SymPy expression (kept symbolic) or a validated float."""
    if isinstance(value, sp.Basic) and value.free_symbols:
        return value
    v = float(value)
    if isinstance(value, (int, sp.Rational)) and not isinstance(value, bool):
        exact = sp.Rational(value)
        if (positive and exact <= 0) or exact < 0:
            raise ParameterError(f"{name} must be {'> 0' if positive else '>= 0'}, got {value!r}")
        return exact
    if math.isnan(v):
        raise ParameterError(f"{name} must be a number, got {value!r}")
    if math.isinf(v) and not allow_inf:
        raise ParameterError(f"{name} must be finite, got {value!r}")
    if positive and not v > 0:
        raise ParameterError(f"{name} must be > 0, got {value!r}")
    if not positive and v < 0:
        raise ParameterError(f"{name} must be >= 0, got {value!r}")
    return v


def _is_number(*values: Any) -> bool:
    return all(not (isinstance(v, sp.Basic) and v.free_symbols) for v in values)


def _laplace_at_zero(expr: sp.Expr, s: sp.Symbol) -> sp.Expr:
    r""":math:`\int_0^\infty` of a sum of terms :math:`c\,e^{-a s}`, each :math:`c/a`.

    Every exponent must be linear in ``s`` with a real part of ``a`` that SymPy can prove
    positive (the integral converges); otherwise :class:`ParameterError` is raised.
    """
    out = sp.S.Zero
    for term in sp.Add.make_args(sp.expand(expr)):
        coeff, rest = term.as_independent(s, as_Add=False)
        exponent = sp.expand(sp.log(rest), force=True) if rest != 1 else sp.S.Zero
        a = -sp.diff(exponent, s)
        if sp.diff(a, s) != 0 or sp.simplify(exponent + a * s) != 0:
            raise DickeheatError(f"not an exponential in s: {term}")
        if not sp.re(a).is_positive:
            raise ParameterError(f"the integral of {term} over s in (0, oo) diverges "
                                 f"(Re a = {sp.re(a)} is not > 0)")
        out += coeff / a
    return out


def _bose_expr(omega: Any, T: Any) -> sp.Expr:
    if _is_number(T) and float(T) == 0.0:
        return sp.S.Zero
    return 1 / (sp.exp(sp.sympify(omega) / sp.sympify(T)) - 1)


@dataclasses.dataclass(frozen=True)
class Bath:
    """Base class: a stationary bath seen through one coupling operator ``B``."""

    kind: ClassVar[str] = "bath"

    def correlation(self, s: sp.Expr = S_VAR) -> sp.Expr:
        """:math:`C(s)` for :math:`s \\ge 0` as a SymPy expression."""
        raise NotImplementedError

    def spectrum(self, nu: sp.Expr = NU) -> sp.Expr:
        """:math:`S(\\nu) = \\int_{-\\infty}^{\\infty} C(s) e^{i\\nu s} ds`."""
        raise NotImplementedError

    def one_sided(self, nu: sp.Expr = NU) -> sp.Expr:
        """:math:`\\Gamma(\\nu) = \\int_0^{\\infty} C(s) e^{i\\nu s} ds`."""
        raise NotImplementedError

    def xi(self) -> sp.Expr:
        """:math:`\\Xi = \\int_0^\\infty |C(s)| ds`: closed form, or a Float from quadrature."""
        raise NotImplementedError

    # -- numeric views -----------------------------------------------------------------------
    def xi_value(self) -> float:
        """:math:`\\Xi` as a float (computed once per bath)."""
        return self._xi_float

    @functools.cached_property
    def _xi_float(self) -> float:
        return float(self.xi())

    def spectrum_function(self) -> Callable[[np.ndarray], np.ndarray]:
        """:math:`S(\\nu)` as a vectorised NumPy function."""
        return self._spectrum_numpy

    def one_sided_function(self) -> Callable[[np.ndarray], np.ndarray]:
        """:math:`\\Gamma(\\nu)` as a vectorised complex NumPy function."""
        return self._one_sided_numpy

    @functools.cached_property
    def _spectrum_numpy(self) -> Callable[[np.ndarray], np.ndarray]:
        f = sp.lambdify(NU, self.spectrum(NU), modules=["numpy", "scipy"])
        return lambda nu: np.real(np.asarray(f(np.asarray(nu, dtype=float)), dtype=complex)) \
            * np.ones_like(np.asarray(nu, dtype=float))

    @functools.cached_property
    def _one_sided_numpy(self) -> Callable[[np.ndarray], np.ndarray]:
        f = sp.lambdify(NU, self.one_sided(NU), modules=["numpy", "scipy"])
        return lambda nu: np.asarray(f(np.asarray(nu, dtype=float)), dtype=complex) \
            * np.ones_like(np.asarray(nu, dtype=float))

    def describe(self) -> str:
        params = ", ".join(f"{f.name}={getattr(self, f.name)}" for f in dataclasses.fields(self))
        return f"{self.kind}({params})"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            out[f.name] = float(v) if _is_number(v) else str(v)
        return out


@dataclasses.dataclass(frozen=True)
class WhiteNoise(Bath):
    r"""White noise :math:`C(s) = c\,\delta(s)` (a Markovian bath at infinite temperature).

    With the symmetric delta function, :math:`\int_0^\infty \delta(s) ds = 1/2`, so
    :math:`\Gamma(\nu) = c/2`, :math:`S(\nu) = c`, :math:`\Xi = c/2`, and the Redfield
    dissipator becomes :math:`c\,(A\rho A - \tfrac12\{A^2,\rho\})`.
    """

    c: Any = 1.0
    kind: ClassVar[str] = "white"

    def __post_init__(self) -> None:
        object.__setattr__(self, "c", _value("c", self.c, positive=True))

    def correlation(self, s: sp.Expr = S_VAR) -> sp.Expr:
        return sp.sympify(self.c) * sp.DiracDelta(s)

    def spectrum(self, nu: sp.Expr = NU) -> sp.Expr:
        return _white_noise_forms()[0].subs({_C: self.c, NU: nu})

    def one_sided(self, nu: sp.Expr = NU) -> sp.Expr:
        return _white_noise_forms()[1].subs({_C: self.c, NU: nu})

    def xi(self) -> sp.Expr:
        return _white_noise_forms()[2].subs(_C, self.c)


_C = sp.Symbol("c", positive=True)


@functools.cache
def _white_noise_forms() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """S, Gamma and Xi of C(s) = c delta(s), integrated by SymPy (derived once)."""
    s = sp.Symbol("s", real=True)
    C = _C * sp.DiracDelta(s)
    S = sp.integrate(C * sp.exp(sp.I * NU * s), (s, -sp.oo, sp.oo))
    G = sp.integrate(C * sp.exp(sp.I * NU * s), (s, 0, sp.oo))
    # |c delta(s)| = |c| delta(s): the delta distribution is nonnegative
    Xi = sp.integrate(sp.Abs(_C) * sp.DiracDelta(s), (s, 0, sp.oo))
    return S, G, Xi


@dataclasses.dataclass(frozen=True)
class Lorentzian(Bath):
    r"""A damped bosonic mode: :math:`C(s) = \lambda^2[(n+1)e^{-i\omega_c s} + n e^{i\omega_c s}]
    e^{-\kappa s/2}` for :math:`s \ge 0`, with :math:`n = 1/(e^{\omega_c/T}-1)`.

    Its spectrum is a pair of Lorentzians of width :math:`\kappa` at :math:`\pm\omega_c`
    (weights :math:`n+1` and :math:`n`). At :math:`T = 0` it is the single resonant Lorentzian
    :math:`S(\nu) = \lambda^2\kappa/((\nu-\omega_c)^2 + \kappa^2/4)` with the closed form
    :math:`\Xi = 2\lambda^2/\kappa`; at :math:`T > 0`, :math:`|C(s)|` involves
    :math:`\sqrt{(n+1)^2 + n^2 + 2n(n+1)\cos 2\omega_c s}` and :math:`\Xi` is computed by
    quadrature over one period (the exponential factor makes the remaining periods a geometric
    series). ``kappa = 0`` (an undamped mode) makes :math:`\Xi` diverge.

    Parameters
    ----------
    strength
        :math:`\lambda^2 > 0`.
    kappa
        Linewidth :math:`\kappa > 0`.
    center
        Mode frequency :math:`\omega_c \ge 0` (``> 0`` when ``T > 0``).
    T
        Temperature :math:`T \ge 0`.
    """

    strength: Any = 1.0
    kappa: Any = 1.0
    center: Any = 1.0
    T: Any = 0.0
    kind: ClassVar[str] = "lorentzian"

    def __post_init__(self) -> None:
        if _is_number(self.kappa) and float(self.kappa) == 0.0:
            raise ParameterError(
                "kappa must be > 0: with kappa = 0 the mode is undamped, C(s) never decays and "
                "the correlation integral Xi = int_0^oo |C(s)| ds diverges"
            )
        object.__setattr__(self, "strength", _value("strength", self.strength, positive=True))
        object.__setattr__(self, "kappa", _value("kappa", self.kappa, positive=True))
        object.__setattr__(self, "center", _value("center", self.center))
        object.__setattr__(self, "T", _value("T", self.T))
        if _is_number(self.T, self.center) and float(self.T) > 0 and float(self.center) == 0:
            raise ParameterError("center must be > 0 when T > 0 (the occupation n diverges)")

    @property
    def n(self) -> sp.Expr:
        return _bose_expr(self.center, self.T)

    def components(self) -> list[tuple[sp.Expr, sp.Expr]]:
        """``[(w, a), ...]`` with :math:`C(s) = \\sum w\\,e^{-a s}` (:math:`s \\ge 0`)."""
        lam2, k, wc, n = (sp.sympify(x) for x in (self.strength, self.kappa, self.center, self.n))
        out = [(lam2 * (n + 1), k / 2 + sp.I * wc)]
        if n != 0:
            out.append((lam2 * n, k / 2 - sp.I * wc))
        return out

    def correlation(self, s: sp.Expr = S_VAR) -> sp.Expr:
        return sp.Add(*[w * sp.exp(-a * s) for w, a in self.components()])

    def one_sided(self, nu: sp.Expr = NU) -> sp.Expr:
        f = _exponential_transform()
        return sp.Add(*[f.subs({_WGT: w, _ALPHA: sp.re(a), _BETA: sp.im(a), NU: nu})
                        for w, a in self.components()])

    @functools.cached_property
    def _one_sided_numpy(self) -> Callable[[np.ndarray], np.ndarray]:
        if not _is_number(self.strength, self.kappa, self.center, self.T):
            return super()._one_sided_numpy
        f = _exponential_transform_numpy()
        lam2, k, wc, T = (float(x) for x in (self.strength, self.kappa, self.center, self.T))
        n = 0.0 if T == 0.0 else 1.0 / math.expm1(wc / T)
        comps = [(lam2 * (n + 1), k / 2, wc)] + ([(lam2 * n, k / 2, -wc)] if n else [])

        def gamma(nu: np.ndarray) -> np.ndarray:
            nu = np.asarray(nu, dtype=float)
            return sum(f(w, al, be, nu) for w, al, be in comps) * np.ones_like(nu)

        return gamma

    @functools.cached_property
    def _spectrum_numpy(self) -> Callable[[np.ndarray], np.ndarray]:
        g = self._one_sided_numpy  # S = Gamma + Gamma^*
        return lambda nu: 2.0 * np.real(g(nu))

    def spectrum(self, nu: sp.Expr = NU) -> sp.Expr:
        # C(-s) = C(s)^*  =>  S(nu) = Gamma(nu) + Gamma(nu)^*  (nu real)
        g = self.one_sided(nu)
        return sp.simplify(sp.together(sp.expand_complex(g + sp.conjugate(g))))

    def xi(self) -> sp.Expr:
        if _is_number(self.T) and float(self.T) == 0.0:
            return _lorentzian_xi_zero_T().subs({_LAM2: self.strength, _KAPPA: self.kappa})
        if not _is_number(self.strength, self.kappa, self.center, self.T):
            s = sp.Symbol("s", positive=True)
            return sp.Integral(sp.Abs(self.correlation(s)), (s, 0, sp.oo))
        return sp.Float(self._xi_quadrature())

    def _xi_quadrature(self) -> float:
        lam2, k, wc, T = (float(x) for x in (self.strength, self.kappa, self.center, self.T))
        n = 1.0 / math.expm1(wc / T)
        a, b = (n + 1) ** 2 + n**2, 2 * n * (n + 1)
        period = math.pi / wc
        from scipy import integrate

        def integrand(s: float) -> float:
            return math.exp(-k * s / 2) * math.sqrt(a + b * math.cos(2 * wc * s))

        one = integrate.quad(integrand, 0.0, period, epsabs=0.0, epsrel=1e-12, limit=200)[0]
        # periodic factor: int_0^oo = (1 - e^{-k P/2})^{-1} int_0^P
        return lam2 * one / (-math.expm1(-k * period / 2))


_WGT = sp.Symbol("w")
_ALPHA = sp.Symbol("alpha", positive=True)
_BETA = sp.Symbol("beta", real=True)


@functools.cache
def _exponential_transform() -> sp.Expr:
    r""":math:`\int_0^\infty w\,e^{-(\alpha + i\beta)s}e^{i\nu s}ds` (derived once)."""
    s = sp.Symbol("s", positive=True)
    return _WGT * _laplace_at_zero(sp.exp(-(_ALPHA + sp.I * _BETA - sp.I * NU) * s), s)


_LAM2, _KAPPA = sp.symbols("lambda2 kappa", positive=True)


@functools.cache
def _lorentzian_xi_zero_T() -> sp.Expr:
    """int_0^oo |lambda2 e^{-i wc s - kappa s/2}| ds, with |e^{-i wc s}| = 1 (derived once)."""
    s = sp.Symbol("s", positive=True)
    wc = sp.Symbol("omega_c", real=True)
    modulus = sp.Abs(_LAM2 * sp.exp(-sp.I * wc * s - _KAPPA * s / 2))
    return sp.integrate(sp.simplify(modulus), (s, 0, sp.oo))


@functools.cache
def _exponential_transform_numpy() -> Callable[..., Any]:
    return sp.lambdify((_WGT, _ALPHA, _BETA, NU), _exponential_transform(), modules="numpy")
