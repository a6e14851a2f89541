"""Exact finite-N numerics of the two-cloud engine with QuTiP (the independent route of the
checks): the Lindbladian (5) of two collective spins S₁ = S₂ = N/2 built from ``qutip.jmat``
and ``qutip.liouvillian``, its steady state with residual, the currents and the power variance
(11) from the regression theorem (Drazin inverse of the Lindbladian).
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import qutip
import scipy.linalg

from dickeheat.errors import NumericalError

__all__ = [
    "Engine",
    "EngineState",
    "apply",
    "bose_n",
    "expect",
    "ops",
    "power_fast",
    "power_variance",
    "steady",
]


def bose_n(beta_E: float) -> float:
    """1/(e^{βE} − 1), 0 when βE is beyond the float range."""
    return 0.0 if beta_E > 700 else float(1.0 / np.expm1(beta_E))


@functools.lru_cache(maxsize=16)
def ops(N: int) -> dict[str, qutip.Qobj]:
    """Collective operators of the two clouds (spin N/2 each)."""
    j = N / 2
    one = qutip.qeye(N + 1)
    out = {}
    for i, (_left, _right) in enumerate(((None, one), (one, None)), start=1):
        for g in ("+", "-", "z"):
            op = qutip.jmat(j, g)
            out[f"S{i}{g}"] = qutip.tensor(op, one) if i == 1 else qutip.tensor(one, op)
    return out


@dataclasses.dataclass(frozen=True)
class Engine:
    """Parameters of (5) in natural units (rates Γ₀, drive ω₀, occupations n₁, n₂)."""

    N: int
    E1: float
    E2: float
    omega0: float
    Gamma0: float
    n1: float
    n2: float

    @property
    def H0(self) -> qutip.Qobj:
        o = ops(self.N)
        S = self.N / 2
        return self.E1 * (o["S1z"] + S) + self.E2 * (o["S2z"] + S)

    @property
    def V_I(self) -> qutip.Qobj:
        o = ops(self.N)
        return self.omega0 / 2 * (o["S1+"] * o["S2-"] + o["S1-"] * o["S2+"])

    def c_ops(self, bath: int | None = None) -> list[qutip.Qobj]:
        o = ops(self.N)
        out = []
        for i, n in ((1, self.n1), (2, self.n2)):
            if bath in (None, i):
                out += [np.sqrt(self.Gamma0 * (n + 1)) * o[f"S{i}-"],
                        np.sqrt(self.Gamma0 * n) * o[f"S{i}+"]]
        return out

    def liouvillian(self, bath: int | None = None, drive: bool = True) -> qutip.Qobj:
        H = self.V_I if drive else 0 * self.H0
        return qutip.liouvillian(H, self.c_ops(bath))

    def power_operator(self) -> qutip.Qobj:
        """(dV/dt)_I = (iνω₀/2)(S₊⁽¹⁾S₋⁽²⁾ − S₋⁽¹⁾S₊⁽²⁾)."""
        o = ops(self.N)
        nu = self.E2 - self.E1
        return 1j * nu * self.omega0 / 2 * (o["S1+"] * o["S2-"] - o["S1-"] * o["S2+"])


@dataclasses.dataclass(frozen=True)
class EngineState:
    rho: qutip.Qobj
    residual: float
    power: float
    Q1: float
    Q2: float


def apply(L: qutip.Qobj, rho: qutip.Qobj) -> qutip.Qobj:
    return qutip.vector_to_operator(L * qutip.operator_to_vector(rho))


def steady(e: Engine) -> EngineState:
    """Steady state of (5) and its relative residual ‖Lρ‖_F/‖L‖_F."""
    L = e.liouvillian()
    rho = qutip.steadystate(L)
    residual = float(np.linalg.norm(apply(L, rho).full())
                     / max(np.linalg.norm(L.full()), 1.0))  # Frobenius norms
    if residual > 1e-10:
        raise NumericalError(f"steady state residual {residual:.1e}")
    P = float(np.real(-(e.power_operator() * rho).tr()))
    Qs = [float(np.real((e.H0 * apply(e.liouvillian(i, drive=False), rho)).tr()))
          for i in (1, 2)]
    return EngineState(rho, residual, P, Qs[0], Qs[1])


def expect(op: qutip.Qobj, rho: qutip.Qobj) -> complex:
    return complex((op * rho).tr())


def power_variance(e: Engine, st: EngineState) -> float:
    """Eq. (11), 2∫₀^∞ Re[⟨P(t)P(0)⟩ − P²] dt, with the regression theorem: x solves
    L x = −(P̂ρ − ⟨P̂⟩ρ) with Tr x = 0 (dense least squares on the full Liouvillian)."""
    L = e.liouvillian().full()
    Pop = e.power_operator()
    rho = st.rho
    mean = expect(Pop, rho)
    src = qutip.operator_to_vector(Pop * rho - mean * rho).full().ravel()
    d = rho.shape[0]
    trace_row = np.eye(d).reshape(-1)[None, :]  # column-stacked vec: Tr x = Σ x_ii
    A = np.vstack([L, trace_row])
    b = np.concatenate([-src, [0.0]])
    x, *_ = scipy.linalg.lstsq(A, b)
    res = np.linalg.norm(A @ x - b) / max(np.linalg.norm(b), 1e-300)
    if res > 1e-8:
        raise NumericalError(f"regression solve residual {res:.1e}")
    X = qutip.Qobj(x.reshape(d, d, order="F"), dims=rho.dims)
    return float(2 * np.real(expect(Pop, X)))


@functools.lru_cache(maxsize=16)
def _parts(N: int) -> dict[str, np.ndarray]:
    """The Lindbladian's parts for unit coefficients (QuTiP superoperators, dense)."""
    o = ops(N)
    V = 0.5 * (o["S1+"] * o["S2-"] + o["S1-"] * o["S2+"])
    out = {"V": qutip.liouvillian(V).full()}
    for i in (1, 2):
        out[f"down{i}"] = qutip.lindblad_dissipator(o[f"S{i}-"]).full()
        out[f"up{i}"] = qutip.lindblad_dissipator(o[f"S{i}+"]).full()
    P = 0.5j * (o["S1+"] * o["S2-"] - o["S1-"] * o["S2+"])
    out["P"] = P.full()
    return out


def power_fast(N: int, E1: float, E2: float, omega0: float, Gamma0: float, n1: float,
               n2: float) -> float:
    """Stationary power of (5) by a dense null-vector solve (for root finding in checks)."""
    parts = _parts(N)
    L = (omega0 * parts["V"] + Gamma0 * ((n1 + 1) * parts["down1"] + n1 * parts["up1"]
                                         + (n2 + 1) * parts["down2"] + n2 * parts["up2"]))
    d = (N + 1) ** 2  # Hilbert dimension of the two clouds
    A = L.copy()
    A[0, :] = np.eye(d).reshape(-1)  # replace one equation by the trace
    b = np.zeros(d * d, complex)
    b[0] = 1.0
    x = np.linalg.solve(A, b)
    residual = np.linalg.norm(L @ x) / np.linalg.norm(L)
    if residual > 1e-10:
        raise NumericalError(f"steady state residual {residual:.1e}")
    rho = x.reshape(d, d, order="F")
    return float(-np.real(np.trace(parts["P"] @ rho)) * omega0 * (E2 - E1))
