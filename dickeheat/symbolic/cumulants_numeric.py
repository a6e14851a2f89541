r"""Numbers from closed moment equations: real variables, one compiled right-hand side and its
Jacobian, steady states, dynamics and Jacobian spectra.

:func:`real_system` writes every complex representative moment :math:`\mu = u + iv` as two real
variables (real moments, :math:`M = M^\dagger`, stay one) and splits each equation into real and
imaginary parts. :class:`CompiledMoments` code-generates the right-hand side and its Jacobian
through the one SymPy → NumPy bridge (:func:`dickeheat.symbolic.codegen.to_function`,
``lambdify`` with CSE) and solves: :meth:`CompiledMoments.steady_state` (integration towards
stationarity, then a Newton polish, returning the residual), :meth:`CompiledMoments.evolve`
(``solve_ivp``) and :meth:`CompiledMoments.spectrum` (eigenvalues of the Jacobian).

>>> import sympy as sp
>>> from dickeheat.symbolic.spin_poly import SpinSystem
>>> from dickeheat.symbolic.cumulants import Channel, meanfield
>>> g = sp.Symbol("gamma", positive=True)
>>> ops = SpinSystem((sp.Integer(5),))
>>> eqs = meanfield([ops.sz(0)], 0, [Channel(g, ops.sm(0))], order=1)
>>> model = CompiledMoments(real_system(eqs, (g,)))
>>> sol = model.steady_state({g: 1.0}, [4.0], t_relax=10.0)  # relax past the unstable root 6
>>> round(float(sol.y[0]), 6), sol.residual < 1e-12
(-5.0, True)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import sympy as sp
from scipy.integrate import solve_ivp
from scipy.optimize import root

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.symbolic.codegen import to_function
from dickeheat.symbolic.cumulants import MomentEquations, moment_symbol, representative
from dickeheat.symbolic.spin_poly import Monomial, dagger_monomial

__all__ = [
    "CompiledMoments",
    "gaussian_noise",
    "MomentSolution",
    "RealMomentSystem",
    "real_system",
    "stationary_point",
]


@dataclasses.dataclass(frozen=True)
class RealMomentSystem:
    """Closed moment equations in real variables.

    ``layout[i] = (monomial, j_re, j_im)`` gives the variable indices of the representative
    moment ``monomial`` (``j_im`` is ``None`` for a real moment).
    """

    equations: MomentEquations
    parameters: tuple[sp.Symbol, ...]
    variables: tuple[sp.Symbol, ...]
    rhs: tuple[sp.Expr, ...]
    layout: tuple[tuple[Monomial, int, int | None], ...]

    @cached_property
    def jacobian(self) -> sp.Matrix:
        return sp.Matrix(self.rhs).jacobian(sp.Matrix(self.variables))


def _conjugate_real(expr: sp.Expr) -> sp.Expr:
    # every symbol is real: complex conjugation flips the sign of i
    return expr.xreplace({sp.I: -sp.I})


def real_system(eqs: MomentEquations, parameters: Sequence[sp.Symbol]) -> RealMomentSystem:
    """Split closed equations into real variables and real right-hand sides.

    Every free symbol other than the moments must be among ``parameters`` and be real.
    """
    missing = eqs.missing()
    if missing:
        labels = ", ".join(eqs.system.monomial_label(m) for m in missing)
        raise ParameterError(f"the equations are not closed: no equation for {labels}; "
                             "run complete() first")
    parameters = tuple(parameters)
    for p in parameters:
        if not p.is_real:
            raise ParameterError(f"parameter {p} must be declared real "
                                 "(real=True or positive=True)")
    subs: dict[sp.Expr, sp.Expr] = {}
    variables: list[sp.Symbol] = []
    layout: list[tuple[Monomial, int, int | None]] = []
    for m in eqs.monomials:
        s = moment_symbol(eqs.system, m)
        if m == dagger_monomial(m):
            layout.append((m, len(variables), None))
            variables.append(s)
        else:
            label = eqs.system.monomial_label(m)
            u, v = sp.Symbol(f"Re<{label}>", real=True), sp.Symbol(f"Im<{label}>", real=True)
            layout.append((m, len(variables), len(variables) + 1))
            variables += [u, v]
            subs[sp.conjugate(s)] = u - sp.I * v
            subs[s] = u + sp.I * v
    rhs: list[sp.Expr] = []
    for (_m, _, j_im), f in zip(layout, eqs.sympy_rhs()):
        f = sp.expand(f.xreplace(subs))
        fc = _conjugate_real(f)
        rhs.append(sp.expand((f + fc) / 2))
        if j_im is not None:
            rhs.append(sp.expand((f - fc) / (2 * sp.I)))
    extra = set().union(*(r.free_symbols for r in rhs)) - set(variables) - set(parameters)
    if extra:
        raise ParameterError(f"symbols {sorted(map(str, extra))} are neither moments nor "
                             "parameters")
    return RealMomentSystem(eqs, parameters, tuple(variables), tuple(rhs), tuple(layout))


@dataclasses.dataclass(frozen=True)
class MomentSolution:
    """A stationary point of the moment equations and its residual ‖f(y)‖∞."""

    y: np.ndarray
    residual: float
    method: str


class CompiledMoments:
    """Compiled right-hand side and Jacobian of a :class:`RealMomentSystem`."""

    def __init__(self, system: RealMomentSystem) -> None:
        self.system = system
        args = tuple(system.variables) + tuple(system.parameters)
        self._f = to_function(args, sp.Matrix(system.rhs))
        self._jac = to_function(args, system.jacobian)

    def __repr__(self) -> str:
        return (f"CompiledMoments({len(self.system.variables)} variables, parameters "
                f"{[str(p) for p in self.system.parameters]})")

    # -- parameters and state vectors -----------------------------------------------------
    def params(self, values: Mapping[sp.Symbol, float] | Sequence[float]) -> tuple[float, ...]:
        """Parameter values in :attr:`RealMomentSystem.parameters` order."""
        if isinstance(values, Mapping):
            unknown = set(values) - set(self.system.parameters)
            if unknown:
                raise TypeError(f"unknown parameters {sorted(map(str, unknown))}")
            try:
                return tuple(float(values[p]) for p in self.system.parameters)
            except KeyError as err:
                raise ParameterError(f"missing a value for parameter {err.args[0]}") from None
        values = tuple(float(v) for v in values)
        if len(values) != len(self.system.parameters):
            raise ParameterError(f"expected {len(self.system.parameters)} parameter values")
        return values

    def pack(self, moments: Mapping[Monomial, complex]) -> np.ndarray:
        """A state vector from the values of the representative moments."""
        y = np.zeros(len(self.system.variables))
        for m, j_re, j_im in self.system.layout:
            z = complex(moments[m])
            y[j_re] = z.real
            if j_im is not None:
                y[j_im] = z.imag
        return y

    def value(self, y: np.ndarray, m: Monomial) -> complex:
        """``⟨m⟩`` from a state vector (conjugated if ``m`` is not a representative)."""
        rep, conj = representative(m)
        for mono, j_re, j_im in self.system.layout:
            if mono == rep:
                z = complex(y[j_re], 0.0 if j_im is None else y[j_im])
                return z.conjugate() if conj else z
        raise ParameterError(f"{self.system.equations.system.monomial_label(m)} is not a "
                             "variable of these equations")

    # -- evaluation -----------------------------------------------------------------------
    def rhs(self, y: np.ndarray, p: Sequence[float]) -> np.ndarray:
        return np.asarray(self._f(*y, *p), dtype=float).ravel()

    def jacobian(self, y: np.ndarray, p: Sequence[float]) -> np.ndarray:
        n = len(self.system.variables)
        return np.asarray(self._jac(*y, *p), dtype=float).reshape(n, n)

    def spectrum(self, y: np.ndarray, params: Any) -> np.ndarray:
        """Eigenvalues of the Jacobian at ``y``, largest real part first."""
        ev = np.linalg.eigvals(self.jacobian(np.asarray(y, float), self.params(params)))
        return ev[np.argsort(-ev.real)]

    def evolve(self, params: Any, y0: Sequence[float] | np.ndarray,
               t_eval: Sequence[float] | np.ndarray, *,
               rtol: float = 1e-9, atol: float = 1e-12) -> np.ndarray:
        """The state at the times ``t_eval`` (``solve_ivp``, implicit, with the Jacobian)."""
        p = self.params(params)
        times = np.asarray(t_eval, dtype=float)
        sol = solve_ivp(lambda t, y: self.rhs(y, p), (0.0, float(times[-1])),
                        np.asarray(y0, float), method="LSODA", t_eval=times, rtol=rtol,
                        atol=atol, jac=lambda t, y: self.jacobian(y, p))
        if not sol.success:
            raise NumericalError(f"integration of the moment equations failed: {sol.message}")
        return sol.y.T

    def steady_state(self, params: Any, y0: Sequence[float], *, t_relax: float = 0.0,
                     tol: float = 1e-9) -> MomentSolution:
        """A stationary point: integrate for ``t_relax`` from ``y0``, then Newton-polish.

        Raises
        ------
        NumericalError
            If the polish does not converge or the residual ‖f(y)‖∞ exceeds ``tol``.
        """
        p = self.params(params)
        return stationary_point(lambda x: self.rhs(x, p), lambda x: self.jacobian(x, p), y0,
                                t_relax=t_relax, tol=tol)


def stationary_point(f: Callable[[np.ndarray], np.ndarray],
                     jac: Callable[[np.ndarray], np.ndarray], y0: Sequence[float] | np.ndarray,
                     *, t_relax: float = 0.0, tol: float = 1e-9) -> MomentSolution:
    """A root of ``f`` reached by integrating ``dy/dt = f(y)`` for ``t_relax`` from ``y0``
    (LSODA with the Jacobian ``jac``), then polishing with Powell's hybrid method.

    Raises
    ------
    NumericalError
        If the integration fails, or the residual ‖f(y)‖∞ exceeds ``tol`` or is not finite.
    """
    y = np.asarray(y0, dtype=float)
    if t_relax > 0.0:
        sol = solve_ivp(lambda t, x: f(x), (0.0, float(t_relax)), y, method="LSODA",
                        t_eval=[float(t_relax)], rtol=1e-9, atol=1e-12,
                        jac=lambda t, x: jac(x))
        if not sol.success:
            raise NumericalError(f"integration of the moment equations failed: {sol.message}")
        y = sol.y[:, -1]
    sol = root(f, y, jac=jac, method="hybr", tol=1e-14)
    residual = float(np.max(np.abs(f(sol.x)))) if sol.x.size else 0.0
    if not np.all(np.isfinite(sol.x)) or not residual <= tol:
        raise NumericalError(f"no stationary point of the moment equations: residual "
                             f"{residual:.2e} > {tol:.0e} ({sol.message})")
    return MomentSolution(sol.x, residual, "relax + hybr" if t_relax else "hybr")


def gaussian_noise(A: np.ndarray, G0: np.ndarray, w: np.ndarray) -> float:
    r"""Zero-frequency noise :math:`2\int_0^\infty\langle\delta p(0)\delta p(\tau)\rangle
    d\tau` of a quadratic form :math:`p = v^T w v` of a zero-mean Gaussian process with
    :math:`\langle v(\tau)v(0)^T\rangle = e^{A\tau}G_0`.

    Isserlis' theorem gives :math:`\langle\delta p(0)\delta p(\tau)\rangle = 2\,
    \mathrm{tr}[w\,G(\tau)^T w\,G(\tau)]` (``w`` symmetric); the integral of
    :math:`G(\tau)\otimes G(\tau) = e^{(A\oplus A)\tau}(G_0\otimes G_0)` is
    :math:`-(A\otimes 1 + 1\otimes A)^{-1}(G_0\otimes G_0)`.

    Raises
    ------
    NumericalError
        If ``A`` is not stable (an eigenvalue with a non-negative real part).
    """
    A, G0, w = (np.asarray(x, dtype=float) for x in (A, G0, w))
    n = A.shape[0]
    lam = np.linalg.eigvals(A)
    if np.max(lam.real) >= 0:
        raise NumericalError(f"the regression matrix is not stable (eigenvalue "
                             f"{lam[np.argmax(lam.real)]:.3g}): no stationary noise")
    K = np.kron(A, np.eye(n)) + np.kron(np.eye(n), A)
    M = -np.linalg.solve(K, np.kron(G0, G0))
    wf = ((w + w.T) / 2).ravel()
    return float(4.0 * wf @ M @ wf)
