r"""The voltage noise of a parallel RLC resonator as a bath (:class:`RLCBath`).

See :mod:`dickeheat.symbolic.bath` for the conventions (:math:`C(s)`, :math:`S(\nu)`,
:math:`\Gamma(\nu)`, :math:`\Xi`).

>>> b = RLCBath(R=1, omega_LC=1, Q=20, T=0)
>>> round(b.xi_value(), 4)
1.0008
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import sympy as sp

from dickeheat.errors import DickeheatError, NumericalError, ParameterError
from dickeheat.symbolic import impedance
from dickeheat.symbolic.bath import NU, S_VAR, Bath, _is_number, _value

__all__ = ["RLCBath"]


def _exp_e1(u: np.ndarray) -> np.ndarray:
    """:math:`e^u E_1(u)` (principal branch) without overflow: direct for small :math:`|u|`,
    the asymptotic series :math:`\\sum_k (-1)^k k!/u^{k+1}` for :math:`|u| > 40`."""
    from scipy import special

    u = np.asarray(u, dtype=complex)
    out = np.empty(u.shape, dtype=complex)
    small = np.abs(u) <= 40.0
    us = u[small]
    out[small] = np.exp(us) * special.exp1(us)
    ul = u[~small]
    term = 1.0 / ul
    acc = term.copy()
    for k in range(1, 36):
        term = -term * k / ul
        acc += term
    out[~small] = acc
    return out



_W, _R, _WLC, _Q = sp.symbols("omega R omega_LC Q", positive=True)


@functools.cache
def _parallel_rlc_re_z() -> sp.Expr:
    """Re Z(omega) of R, L = R/(Q omega_LC) and C = Q/(omega_LC R) in parallel."""
    C = _Q / (_WLC * _R)
    L = _R / (_Q * _WLC)
    z = impedance.parallel(impedance.resistor(_R), impedance.inductor(L, _W),
                           impedance.capacitor(C, _W))
    return sp.factor(impedance.real_part(z))


@dataclasses.dataclass(frozen=True)
class RLCBath(Bath):
    r"""The voltage noise of a parallel RLC resonator seen through ``B = G V``.

    :math:`\mathrm{Re}\,Z(\nu) = R/(1 + Q^2(\nu/\omega_{LC} - \omega_{LC}/\nu)^2)` follows from the
    parallel impedance (:mod:`dickeheat.symbolic.impedance`) with :math:`C = Q/(\omega_{LC}R)`,
    :math:`L = R/(Q\omega_{LC})`; the quantum fluctuation–dissipation theorem (Johnson–Nyquist)
    gives :math:`S(\nu) = 2G^2\nu\,\mathrm{Re}\,Z(\nu)/(1 - e^{-\nu/T})`.

    :math:`C(s)` is evaluated in closed form from the poles of :math:`S`: the two resonator poles
    :math:`\nu = \pm\sqrt{\omega_{LC}^2 - \kappa^2/4} - i\kappa/2` (:math:`\kappa =
    \omega_{LC}/Q`) plus, at :math:`T > 0`, the Matsubara poles :math:`\nu_n = -2\pi i n T`
    (series summed with a logarithm and a fast convergent remainder), or, at :math:`T = 0`,
    exponential integrals :math:`E_1`. :math:`\Xi` has no closed form and is integrated
    numerically. ``Q = inf`` (a lossless resonator) makes :math:`\Xi` diverge.
    """

    R: Any = 1.0
    omega_LC: Any = 1.0
    Q: Any = 20.0
    T: Any = 0.0
    G: Any = 1.0
    kind: ClassVar[str] = "rlc"

    def __post_init__(self) -> None:
        if _is_number(self.Q) and math.isinf(float(self.Q)):
            raise ParameterError(
                "Q must be finite: a lossless resonator (Q = inf) has a correlation C(s) that "
                "never decays, so Xi = int_0^oo |C(s)| ds diverges"
            )
        object.__setattr__(self, "R", _value("R", self.R, positive=True))
        object.__setattr__(self, "omega_LC", _value("omega_LC", self.omega_LC, positive=True))
        object.__setattr__(self, "Q", _value("Q", self.Q, positive=True))
        object.__setattr__(self, "T", _value("T", self.T))
        object.__setattr__(self, "G", _value("G", self.G, positive=True))

    @property
    def kappa(self) -> Any:
        """Resonator linewidth :math:`\\kappa = \\omega_{LC}/Q = 1/(RC)`."""
        return sp.sympify(self.omega_LC) / sp.sympify(self.Q)

    def re_impedance(self, nu: sp.Expr = NU) -> sp.Expr:
        """:math:`\\mathrm{Re}\\,Z(\\nu)` of R, L and C in parallel (derived, not typed)."""
        return _parallel_rlc_re_z().subs(
            {_W: nu, _R: self.R, _WLC: self.omega_LC, _Q: self.Q}
        )

    def spectrum(self, nu: sp.Expr = NU) -> sp.Expr:
        G, T = sp.sympify(self.G), self.T
        base = 2 * G**2 * nu * self.re_impedance(nu)
        if _is_number(T) and float(T) == 0.0:
            return base * sp.Heaviside(nu)
        return base / (1 - sp.exp(-nu / sp.sympify(T)))

    def correlation(self, s: sp.Expr = S_VAR) -> sp.Expr:
        nu = sp.Symbol("nu_", real=True)
        return sp.Integral(self.spectrum(nu) * sp.exp(-sp.I * nu * s), (nu, -sp.oo, sp.oo)) \
            / (2 * sp.pi)

    # -- numeric closed forms ----------------------------------------------------------------
    def _numbers(self) -> tuple[float, float, float, float, float]:
        if not _is_number(self.R, self.omega_LC, self.Q, self.T, self.G):
            raise DickeheatError("numeric evaluation of an RLC bath needs numeric parameters")
        return (float(self.R), float(self.omega_LC), float(self.Q), float(self.T),
                float(self.G))

    def _poles(self) -> tuple[np.ndarray, np.ndarray, float]:
        R, w0, Q, T, G = self._numbers()
        k = w0 / Q
        roots = np.roots([1.0, 0.0, k**2 - 2 * w0**2, 0.0, w0**4]).astype(complex)
        dP = 4 * roots**3 + 2 * (k**2 - 2 * w0**2) * roots
        pref = 2 * G**2 * R * k**2
        return roots, pref * roots**3 / dP, pref

    def correlation_values(self, s: np.ndarray) -> np.ndarray:
        """:math:`C(s)` for an array of :math:`s > 0` (complex)."""
        s = np.atleast_1d(np.asarray(s, dtype=float))
        if np.any(s <= 0):
            raise ParameterError("s must be > 0 (C(s) has a logarithmic singularity at s = 0)")
        R, w0, Q, T, G = self._numbers()
        k = w0 / Q
        roots, res, pref = self._poles()
        out = np.zeros(s.shape, dtype=complex)
        if T == 0.0:
            for nu_j, c_j in zip(roots, res):
                u = -1j * nu_j * s
                u = np.where(np.abs(u.imag) < 1e-300, u.real + 0.0j, u)  # upper side of the cut
                term = _exp_e1(u)
                if nu_j.imag < 0 and nu_j.real > 1e-14 * w0:
                    term = term - 2j * np.pi * np.exp(u)  # the integration ray crosses the cut
                out += c_j * term
            return out / (2 * np.pi)
        beta = 1.0 / T
        for nu_j, c_j in zip(roots, res):
            if nu_j.imag < 0:
                out += -1j * c_j / (-np.expm1(-beta * nu_j)) * np.exp(-1j * nu_j * s)
        # Matsubara poles nu_n = -i x_n, x_n = 2 pi n T: T*pref*sum x^3 e^{-x s}/D(x),
        # x^3/D = 1/x + h(x); the 1/x series is a logarithm
        x1 = 2 * np.pi * T
        out += T * pref * (-np.log(-np.expm1(-x1 * s))) / x1
        # terms with x_n s > 45 are below e^-45 of the first: truncate per evaluation set
        n_terms = int(min(4000, np.ceil(45.0 / (x1 * s.min())) + 1))
        x = x1 * np.arange(1, n_terms + 1)
        D = (x**2 + w0**2) ** 2 - k**2 * x**2
        if np.any(np.abs(D) < 1e-12 * w0**4):
            raise NumericalError("a resonator pole coincides with a Matsubara frequency; "
                                 "change T slightly")
        h = ((k**2 - 2 * w0**2) * x**2 - w0**4) / (x * D)
        for start in range(0, s.size, 512):
            chunk = s[start:start + 512]
            out[start:start + 512] += T * pref * (np.exp(-np.outer(chunk, x)) @ h)
        return out

    def spectrum_function(self) -> Callable[[np.ndarray], np.ndarray]:
        R, w0, Q, T, G = self._numbers()

        def S(nu: np.ndarray) -> np.ndarray:
            nu = np.asarray(nu, dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                x = np.where(nu == 0, 1.0, nu)
                rez = R / (1 + Q**2 * (x / w0 - w0 / x) ** 2)
                if T == 0.0:
                    out = np.where(nu > 0, 2 * G**2 * nu * rez, 0.0)
                else:
                    out = 2 * G**2 * nu * rez / (-np.expm1(-nu / T))
            return np.where(nu == 0, 0.0, out)

        return S

    def one_sided_function(self) -> Callable[[np.ndarray], np.ndarray]:
        r"""The one-sided transform, numerically.

        .. math::

            \Gamma(\nu) = S(\nu)/2
              - \tfrac{i}{2\pi}\,\mathrm{P}\!\int S(\nu')/(\nu'-\nu)\,d\nu'
        """
        from scipy import integrate

        S = self.spectrum_function()
        R, w0, Q, T, G = self._numbers()
        big = 200.0 * max(w0, T, 1.0)

        def f(x: float) -> float:
            return float(S(np.array(x)))

        def over_distance(x: float, nu: float) -> float:
            return f(x) / (x - nu)

        def gamma(nu_values: np.ndarray) -> np.ndarray:
            nus = np.atleast_1d(np.asarray(nu_values, dtype=float))
            out = np.empty(nus.shape, dtype=complex)
            for i, nu in enumerate(nus):
                lo = -big if T > 0 else 0.0
                lim = max(big, 2 * abs(nu) + 1)
                pts = sorted({lo, -w0, 0.0, w0, lim} - {nu})
                pts = [p for p in pts if lo <= p <= lim]
                pv = 0.0
                for a, b in zip(pts[:-1], pts[1:]):
                    if a < nu < b:
                        pv += integrate.quad(f, a, b, weight="cauchy", wvar=nu, limit=400)[0]
                    else:
                        pv += integrate.quad(over_distance, a, b, args=(nu,), limit=400)[0]
                # tail nu' > lim: S ~ 2 G^2 R kappa^2 / nu'
                k = w0 / Q
                pv += 2 * G**2 * R * k**2 / lim
                out[i] = 0.5 * float(S(np.array(nu))) - 1j * pv / (2 * np.pi)
            return out

        return gamma

    def one_sided(self, nu: sp.Expr = NU) -> sp.Expr:
        raise NotImplementedError("the RLC bath's one-sided transform is numeric only: use "
                                  "one_sided_function()")

    def xi(self) -> sp.Expr:
        return sp.Float(self._xi_quadrature())

    def _xi_quadrature(self, *, rtol: float = 1e-9) -> float:
        from scipy import integrate

        R, w0, Q, T, G = self._numbers()
        k = w0 / Q
        roots, res, pref = self._poles()
        decay = min(-r.imag for r in roots if r.imag < 0)  # slowest resonator decay rate
        if T > 0:
            decay = min(decay, 2 * np.pi * T)
        freq = max(abs(r.real) for r in roots)
        chunk = 4 * np.pi / freq if freq > 1e-9 * w0 else 1.0 / decay
        chunk = min(chunk, 2.0 / decay)

        def f(s: float) -> float:
            return abs(complex(self.correlation_values(np.array([s]))[0]))

        head = min(chunk, 1.0 / w0)
        total = integrate.quad(f, 0.0, head, limit=200)[0]
        nodes, weights = np.polynomial.legendre.leggauss(64)
        a = head
        s_stop = 32.0 / decay
        while True:
            b = a + chunk
            s = 0.5 * (b - a) * nodes + 0.5 * (b + a)
            piece = 0.5 * (b - a) * float(weights @ np.abs(self.correlation_values(s)))
            total += piece
            a = b
            if a > s_stop and piece < rtol * total * chunk * decay:
                break
            if a > 4000.0 / decay:
                raise NumericalError("the RLC correlation integral did not converge")
        if T == 0.0:
            # power-law tail C(s) ~ 6 G^2 R kappa^2 / (pi w0^4 s^4)
            total += 2 * G**2 * R * k**2 / (np.pi * w0**4 * a**3)
        return total
