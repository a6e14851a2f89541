"""The driven engine in the macroscopic limit, from registered results only.

The closed (order 2) moment equations are the step ``system`` of the registered
``dasilvasouza2022.macro_power_per_pair``; they are compiled once
(:class:`~dickeheat.symbolic.cumulants_numeric.CompiledMoments`) and solved for the stationary
point, whose Jacobian spectrum gives the gap (43). The power per pair is the registered result;
the power variance (D3) is the registered ``macro_power_variance`` evaluated at the integrals
K = ∫₀^∞⟨p(0)q(τ)⟩⟨r(0)s(τ)⟩dτ of the registered regression equations (D4)–(D5) (a
Lyapunov-type linear solve); the constancy is the registered (20).

All parameters are the paper's unscaled ones (the scaling (28) is inside the equations):
the constancy uses T₁ itself, because C_N = P_N/Var(P_N) · 2ηNT₁/(η_C − η) with P_N ∝ N and
Var(P_N) ∝ N².
"""

from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np
import qutip

from dickeheat.errors import NumericalError
from dickeheat.reproduce.dasilvasouza2022.common import registered
from dickeheat.symbolic.cumulants_numeric import CompiledMoments

__all__ = ["MacroPoint", "MacroEngine", "macro_engine"]

_U = ("m1x", "m1y", "m2x", "m2y")


@dataclasses.dataclass(frozen=True)
class MacroPoint:
    """One macroscopic steady state (per-pair quantities, Γ₀ and ω₀ unscaled)."""

    P: float  # P_N/N
    gap: float  # Jacobian gap (43)
    var_P: float  # Var(P_N)/N² (D3), NaN if not requested
    constancy: float  # (20), NaN if not requested or undefined
    mutual_information: float  # nats, one spin of each cloud
    concurrence: float
    residual: float
    y: np.ndarray


def _pauli() -> list[np.ndarray]:
    return [np.eye(2), qutip.sigmax().full(), qutip.sigmay().full(), qutip.sigmaz().full()]


class MacroEngine:
    """Compiled closed equations of the registered macroscopic engine and its observables."""

    def __init__(self) -> None:
        r = registered("macro_power_per_pair")
        self.power_result = r
        self.model = CompiledMoments(r.step("system"))
        self.variance_result = registered("macro_power_variance")
        self.regression = [registered(f"eqD{4 if a == 'x' else 5}_m{s}_order3") for s, a in
                           ((1, "x"), (1, "y"), (2, "x"), (2, "y"))]
        self._mono = {m: m for m, _, _ in self.model.system.layout}

    # -- parameters and initial guess -------------------------------------------------------
    def params(self, *, omega0: float, Gamma0: float, E1: float, E2: float, T1: float,
               T2: float) -> dict:
        names = ("omega_0", "Gamma_0", "E_1", "E_2", "beta_1", "beta_2")
        vals = (omega0, Gamma0, E1, E2, 1.0 / T1, 1.0 / T2)
        table = dict(zip(names, vals))
        return {p: table[str(p)] for p in self.model.system.parameters}

    def _initial(self, p: dict) -> np.ndarray:
        """Uncoupled clouds in their macroscopic Gibbs states (registered (33), (34))."""
        v = {str(k): x for k, x in p.items()}
        init = {m: 0.0 for m, _, _ in self.model.system.layout}
        mz = registered("mz_ss").numpy_function
        mz2 = registered("mz2_ss").numpy_function
        z = []
        for site, (b, E) in enumerate(((v["beta_1"], v["E_1"]), (v["beta_2"], v["E_2"]))):
            one = [(0, 0, 0), (0, 0, 0)]
            one[site] = (0, 1, 0)
            two = [(0, 0, 0), (0, 0, 0)]
            two[site] = (0, 2, 0)
            z.append(float(mz(b * E)))
            init[tuple(one)] = z[-1]
            init[tuple(two)] = float(mz2(b * E))
        init[((0, 1, 0), (0, 1, 0))] = z[0] * z[1]
        return self.model.pack(init)

    # -- solving ----------------------------------------------------------------------------
    def steady(self, p: dict, y0: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        """A stable stationary point (from ``y0`` if given, else relaxed from the Gibbs clouds)."""
        G0 = float(p[[k for k in p if str(k) == "Gamma_0"][0]])
        if y0 is not None:
            try:
                sol = self.model.steady_state(p, y0, tol=1e-12)
                if self.model.spectrum(sol.y, p)[0].real < 0:
                    return sol.y, sol.residual
            except NumericalError:
                pass
        sol = self.model.steady_state(p, self._initial(p), t_relax=200.0 / G0, tol=1e-12)
        if self.model.spectrum(sol.y, p)[0].real >= 0:
            raise NumericalError("the stationary point of the closed equations is not stable")
        return sol.y, sol.residual

    def cartesian(self, y: np.ndarray) -> dict[str, float]:
        """Commuting Cartesian moments ⟨m_k^a⟩, ⟨m_1^a m_2^b⟩, ⟨(m_k^a)(m_k^b)⟩ (m^± = mˣ ± imʸ)."""
        val = self.model.value
        o = (0, 0, 0)
        out: dict[str, float] = {}
        for k in (1, 2):
            def mono(e, k=k):
                return (e, o) if k == 1 else (o, e)
            zm = val(y, mono((0, 0, 1)))
            out[f"m{k}x"], out[f"m{k}y"] = zm.real, -zm.imag
            out[f"m{k}z"] = val(y, mono((0, 1, 0))).real
            zz = val(y, mono((0, 2, 0))).real
            m2 = val(y, mono((0, 0, 2)))
            out[f"m{k}x m{k}x"] = (1 - zz + m2.real) / 2
            out[f"m{k}y m{k}y"] = (1 - zz - m2.real) / 2
            out[f"m{k}x m{k}y"] = -m2.imag / 2
            out[f"m{k}z m{k}z"] = zz
        mp = val(y, ((0, 0, 1), (1, 0, 0)))  # ⟨m1- m2+⟩
        mm = val(y, ((0, 0, 1), (0, 0, 1)))  # ⟨m1- m2-⟩
        out["m1x m2x"] = (mp.real + mm.real) / 2
        out["m1y m2y"] = (mp.real - mm.real) / 2
        out["m1x m2y"] = (mp.imag - mm.imag) / 2
        out["m1y m2x"] = (-mp.imag - mm.imag) / 2
        a = val(y, ((0, 0, 1), (0, 1, 0)))  # ⟨m1- m2z⟩
        b = val(y, ((0, 1, 0), (0, 0, 1)))  # ⟨m1z m2-⟩
        out["m1x m2z"], out["m1y m2z"] = a.real, -a.imag
        out["m1z m2x"], out["m1z m2y"] = b.real, -b.imag
        out["m1z m2z"] = val(y, ((0, 1, 0), (0, 1, 0))).real
        return out

    def two_spin_state(self, c: dict[str, float]) -> qutip.Qobj:
        """ρ₁₂ = ¼Σ T_ab σ_a⊗σ_b of one spin of each cloud (T_ab = ⟨m₁ᵃm₂ᵇ⟩, exact for
        permutation-symmetric clouds)."""
        s = _pauli()
        rho = np.zeros((4, 4), complex)
        ax = "0xyz"
        for i in range(4):
            for j in range(4):
                if i == 0 and j == 0:
                    t = 1.0
                elif j == 0:
                    t = c[f"m1{ax[i]}"]
                elif i == 0:
                    t = c[f"m2{ax[j]}"]
                else:
                    t = c[f"m1{ax[i]} m2{ax[j]}"]
                rho += t * np.kron(s[i], s[j])
        return qutip.Qobj(rho / 4, dims=[[2, 2], [2, 2]])

    def variance(self, p: dict, c: dict[str, float]) -> float:
        """Var(P_N)/N² (D3) with K from the registered regression equations (D4)–(D5)."""
        v = {str(k): x for k, x in p.items()} | {"<m1z>": c["m1z"], "<m2z>": c["m2z"]}
        M = np.empty((4, 4))
        for i, r in enumerate(self.regression):
            for j, name in enumerate(_U):
                table = v | {f"C_{u}": float(u == name) for u in _U}
                M[i, j] = float(r.evaluate(table, strict=False))
        C0 = np.array([[c[f"{a} {b}"] if f"{a} {b}" in c else c[f"{b} {a}"] for b in _U]
                       for a in _U])
        if np.max(np.linalg.eigvals(M).real) >= 0:
            raise NumericalError("the regression equations (D4)-(D5) are not stable")
        # Z = ∫ (e^{Mτ}C0) ⊗ (e^{Mτ}C0) dτ = −(M⊗1 + 1⊗M)⁻¹ (C0⊗C0)
        one = np.eye(4)
        Z = -np.linalg.solve(np.kron(M, one) + np.kron(one, M), np.kron(C0, C0))
        idx = {u: i for i, u in enumerate(_U)}
        table = {"omega_0": v["omega_0"], "nu": v["E_2"] - v["E_1"]}
        for a in self.variance_result.args:
            name = str(a)
            if name.startswith("K["):
                (pp, q), (r_, s) = [x.split(",") for x in name[2:-1].split(";")]
                # ∫⟨p(0)q(τ)⟩⟨r(0)s(τ)⟩ = ∫ G[q,p] G[s,r],  (G⊗G)[q*4+s, p*4+r]
                table[name] = Z[idx[q] * 4 + idx[s], idx[pp] * 4 + idx[r_]]
        return float(self.variance_result.numpy_function(
            *[table[str(a)] for a in self.variance_result.args]))

    def point(self, *, omega0: float, Gamma0: float, E1: float, E2: float, T1: float,
              T2: float, noise: bool = False, y0: np.ndarray | None = None) -> MacroPoint:
        p = self.params(omega0=omega0, Gamma0=Gamma0, E1=E1, E2=E2, T1=T1, T2=T2)
        y, res = self.steady(p, y0)
        c = self.cartesian(y)
        mu = self.model.value(y, ((0, 0, 1), (1, 0, 0)))
        P = float(self.power_result.numpy_function(omega0, E2 - E1, mu.imag))
        gap = float(-self.model.spectrum(y, p)[0].real)
        rho = self.two_spin_state(c)
        mi, cc = float(qutip.entropy_mutual(rho, 0, 1)), float(qutip.concurrence(rho))
        var = C = math.nan
        if noise:
            var = self.variance(p, c)
            eta = float(registered("efficiency").numpy_function(E1, E2))
            eta_c = float(registered("eta_carnot").numpy_function(1 / T1, 1 / T2))
            if var > 0 and abs(eta - eta_c) > 1e-9 * abs(eta_c):  # undefined at Carnot
                C = float(registered("constancy").numpy_function(P, var, 1 / T1, eta, eta_c))
        return MacroPoint(P, gap, var, C, mi, cc, res, y)


@functools.cache
def macro_engine() -> MacroEngine:
    """The compiled macroscopic engine (built once per process)."""
    return MacroEngine()
