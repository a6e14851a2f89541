r"""The exchange-coupled collective spins on the full :math:`(N+1)^2` space with QuTiP.

An independent route for small N (no symmetry used): the Liouvillian from
:func:`qutip.liouvillian`, the steady state from :func:`qutip.steadystate`, the power noise from
:func:`qutip.countstat_current_noise` (given the steady state explicitly) and the spectrum from
a dense diagonalisation.

>>> from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
>>> m = ExchangeCoupledSpins.thermal(N=1, E1=1.0, E2=2.0, beta1=1.0, beta2=0.5,
...                                  coupling=0.1, Gamma0=0.05)
>>> fs = FullSpaceModel(m)
>>> fs.H.shape
(4, 4)
"""

from __future__ import annotations

import numpy as np
import qutip

from dickeheat.errors import ParameterError
from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins

__all__ = ["MAX_N_FULLSPACE", "FullSpaceModel"]

#: largest N accepted on the full space ((N+1)^4 Liouvillian entries)
MAX_N_FULLSPACE = 24


class FullSpaceModel:
    """QuTiP operators of the model on the full two-spin space (spin 1 ⊗ spin 2)."""

    def __init__(self, model: ExchangeCoupledSpins) -> None:
        if model.N > MAX_N_FULLSPACE:
            raise ParameterError(f"N = {model.N}: the full-space QuTiP model accepts "
                                 f"N <= {MAX_N_FULLSPACE}")
        self.model = model
        j = model.N / 2.0
        I = qutip.qeye(model.N + 1)
        sp_, sm = qutip.jmat(j, "+"), qutip.jmat(j, "-")
        sz = qutip.jmat(j, "z")
        self.S1p, self.S1m, self.S1z = (qutip.tensor(o, I) for o in (sp_, sm, sz))
        self.S2p, self.S2m, self.S2z = (qutip.tensor(I, o) for o in (sp_, sm, sz))
        g = model.coupling
        self.H = 0.5 * g * (self.S1p * self.S2m + self.S1m * self.S2p)
        self.jumps = {(1, False): (model.down1, self.S1m), (1, True): (model.up1, self.S1p),
                      (2, False): (model.down2, self.S2m), (2, True): (model.up2, self.S2p)}
        self.c_ops = [np.sqrt(r) * c for r, c in self.jumps.values() if r > 0]
        self.L = qutip.liouvillian(self.H, self.c_ops)
        #: the power operator (its mean is the power delivered to the drive)
        self.p_op = -0.5j * g * model.nu * (self.S1p * self.S2m - self.S1m * self.S2p)

    def steady_state(self) -> qutip.Qobj:
        return qutip.steadystate(self.L)

    def power(self, rho: qutip.Qobj) -> float:
        return float(np.real(qutip.expect(self.p_op, rho)))

    def heat_currents(self, rho: qutip.Qobj) -> tuple[float, float]:
        m = self.model
        H0 = m.E1 * self.S1z + m.E2 * self.S2z
        out = []
        for spin in (1, 2):
            D = sum((r * qutip.lindblad_dissipator(c) for (s, _), (r, c) in self.jumps.items()
                     if s == spin and r > 0), 0 * qutip.spre(H0))
            out.append(float(np.real((H0 * qutip.vector_to_operator(
                D * qutip.operator_to_vector(rho))).tr())))
        return out[0], out[1]

    def counting_variance(self, rho: qutip.Qobj) -> float:
        """ν² × zero-frequency noise of the quanta from bath 2 (``countstat_current_noise``)."""
        m = self.model
        ops, weights = [], []
        for (spin, raising), (r, c) in self.jumps.items():
            if spin == 2 and r > 0:
                ops.append(np.sqrt(r) * c)
                weights.append(1.0 if raising else -1.0)
        _, S, _ = qutip.countstat_current_noise(self.L, ops, rhoss=rho)
        S = np.real(np.asarray(S))[:, :, 0] if np.ndim(S) == 3 else np.real(np.asarray(S))
        w = np.asarray(weights)
        return float(m.nu ** 2 * (w @ S @ w))

    def regression_variance(self, rho: qutip.Qobj) -> float:
        """2 Re ∫ <δp(t) δp(0)> dt from a pseudo-inverse of the full Liouvillian (dense)."""
        L = self.L.full()
        L.shape[0]
        r = qutip.operator_to_vector(rho).full().ravel()
        p = self.p_op
        P = self.power(rho)
        v = qutip.operator_to_vector(p * rho).full().ravel() - P * r
        ident = qutip.operator_to_vector(qutip.qeye(rho.dims[0])).full().ravel().conj()
        # traceless solution of L y = v: bordered least squares
        A = np.vstack([L, ident[None, :]])
        b = np.concatenate([v, [0.0]])
        y = np.linalg.lstsq(A, b, rcond=None)[0]
        pv = qutip.operator_to_vector(p.dag()).full().ravel().conj()
        return float(-2.0 * np.real(pv @ y))

    def eigenvalues(self) -> np.ndarray:
        return np.linalg.eigvals(self.L.full())
