r"""Collective-spin operators and the heat-valve Lindblad superoperators, built with QuTiP.

Two representations of :math:`N` two-level systems (qubits):

full space
    the :math:`2^N`-dimensional tensor product. Qubit ``j`` uses QuTiP's convention
    ``basis(2, 0)`` = excited (:math:`\sigma_z = +1`), ``basis(2, 1)`` = ground, so
    :math:`\sigma_-^{(j)}` = ``sigmam()`` on factor ``j``. The collective operators are
    :math:`J_\alpha = \sum_j \sigma_\alpha^{(j)}/2` and :math:`J_\pm = \sum_j \sigma_\pm^{(j)}`.
spin-J sector
    the :math:`(2J+1)`-dimensional irreducible representation, ``qutip.jmat(J, ...)``
    (basis :math:`|J, m\rangle`, :math:`m = J, J-1, \dots, -J`).

The superoperators of the model (:class:`~dickeheat.numeric.model.HeatValve`) are assembled from
``qutip.liouvillian`` (the Hamiltonian part) and ``qutip.lindblad_dissipator``
(:math:`\mathcal{D}[A]\rho = A\rho A^\dagger - \tfrac12\{A^\dagger A, \rho\}`), one per bath, so the
heat current of each bath, :math:`\dot Q_i = \mathrm{Tr}[H_0\,\mathcal{D}_i(\rho)]`, uses the very
superoperator that entered the steady-state equation.

>>> ops = collective_ops(2)
>>> float((ops.jp * ops.jm - ops.jm * ops.jp - 2 * ops.jz).norm())
0.0
>>> sector_ops(1.5).jz.shape
(4, 4)
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

import numpy as np
import qutip

from dickeheat.errors import ParameterError
from dickeheat.numeric.model import HeatValve

__all__ = [
    "BathSuperoperators",
    "CollectiveOps",
    "apply",
    "bath_superoperators",
    "collective_ops",
    "local_ops",
    "sector_ops",
]


@dataclasses.dataclass(frozen=True)
class CollectiveOps:
    """The collective spin operators of one representation (all ``qutip.Qobj``).

    Attributes
    ----------
    jx, jy, jz, jp, jm
        :math:`J_x, J_y, J_z, J_+, J_-`.
    j2
        :math:`J^2 = J_x^2 + J_y^2 + J_z^2`.
    sm
        The local lowering operators :math:`\\sigma_-^{(j)}` (full space only, else empty).
    """

    jx: qutip.Qobj
    jy: qutip.Qobj
    jz: qutip.Qobj
    jp: qutip.Qobj
    jm: qutip.Qobj
    j2: qutip.Qobj
    sm: tuple[qutip.Qobj, ...] = ()

    @property
    def sp(self) -> tuple[qutip.Qobj, ...]:
        """The local raising operators :math:`\\sigma_+^{(j)}`."""
        return tuple(s.dag() for s in self.sm)


def _check_N(N: int) -> int:
    if isinstance(N, bool) or not float(N).is_integer() or N < 1:
        raise ParameterError(f"N must be an integer >= 1, got {N!r}")
    return int(N)


def _embed(op: qutip.Qobj, j: int, N: int) -> qutip.Qobj:
    factors = [qutip.qeye(2)] * N
    factors[j] = op
    return qutip.tensor(factors).to("csr")


def local_ops(N: int) -> tuple[list[qutip.Qobj], list[qutip.Qobj], list[qutip.Qobj]]:
    """The local operators :math:`(\\sigma_-^{(j)}, \\sigma_+^{(j)}, \\sigma_z^{(j)})_{j=1..N}`.

    >>> sm, sp, sz = local_ops(3)
    >>> sm[0].dims
    [[2, 2, 2], [2, 2, 2]]
    """
    N = _check_N(N)
    sm = [_embed(qutip.sigmam(), j, N) for j in range(N)]
    sp = [s.dag() for s in sm]
    sz = [_embed(qutip.sigmaz(), j, N) for j in range(N)]
    return sm, sp, sz


def collective_ops(N: int) -> CollectiveOps:
    """Collective operators of ``N`` qubits in the full :math:`2^N`-dimensional space.

    >>> ops = collective_ops(3)
    >>> sorted({float(x) for x in np.round(ops.j2.eigenenergies(), 9)})
    [0.75, 3.75]
    """
    sm, _sp, sz = local_ops(N)
    jm = sum(sm[1:], sm[0])
    jp = jm.dag()
    jz = 0.5 * sum(sz[1:], sz[0])
    jx = 0.5 * (jp + jm)
    jy = -0.5j * (jp - jm)
    j2 = jp * jm + jz * jz - jz
    return CollectiveOps(jx, jy, jz, jp, jm, j2, tuple(sm))


def sector_ops(J: float) -> CollectiveOps:
    """Collective operators of the spin-``J`` sector (``qutip.jmat``), ``J`` >= 0 a half-integer.

    >>> float(sector_ops(1.0).j2.tr())
    6.0
    """
    J = float(J)
    if not (J >= 0 and float(2 * J).is_integer()):
        raise ParameterError(f"J must be a non-negative integer or half-integer, got {J!r}")
    if J == 0.0:  # the singlet; qutip.jmat(0, "+") raises in QuTiP 5.3
        zero = qutip.Qobj(np.zeros((1, 1)))
        return CollectiveOps(zero, zero, zero, zero, zero, zero, ())
    jx, jy, jz = (qutip.jmat(J, a) for a in ("x", "y", "z"))
    jp, jm = qutip.jmat(J, "+"), qutip.jmat(J, "-")
    j2 = jx * jx + jy * jy + jz * jz
    return CollectiveOps(jx, jy, jz, jp, jm, j2, ())


@dataclasses.dataclass(frozen=True)
class BathSuperoperators:
    """The Liouvillian of a heat valve split into its parts (``qutip.Qobj`` superoperators).

    Attributes
    ----------
    H0
        The Hamiltonian :math:`\\omega_0 J_z`.
    hamiltonian
        :math:`-i[H_0, \\cdot]` (``qutip.liouvillian(H0)``).
    D_h, D_c, D_p
        The dissipators of the hot, cold and parasitic baths (``D_p`` is ``None`` without a
        parasitic bath).
    D_phi
        Local and collective dephasing, :math:`(\\gamma_\\phi/2)\\sum_j\\mathcal{D}[\\sigma_z^{(j)}]
        + \\gamma_{\\phi c}\\mathcal{D}[J_z]` (``None`` without dephasing). It exchanges no
        energy with the qubits (:math:`[\\sigma_z^{(j)}, H_0] = 0`), so it has no heat current.
    D_pump
        Local pumping :math:`\\gamma_{\\rm pump}\\sum_j\\mathcal{D}[\\sigma_+^{(j)}]` (``None``
        without it).
    """

    H0: qutip.Qobj
    hamiltonian: qutip.Qobj
    D_h: qutip.Qobj
    D_c: qutip.Qobj
    D_p: qutip.Qobj | None
    D_phi: qutip.Qobj | None = None
    D_pump: qutip.Qobj | None = None

    @functools.cached_property
    def L(self) -> qutip.Qobj:
        """The total Liouvillian (computed once)."""
        out = self.hamiltonian + self.D_h + self.D_c
        for part in (self.D_p, self.D_phi, self.D_pump):
            if part is not None:
                out = out + part
        return out


def _thermal_pair(rate: float, n: float, lower: qutip.Qobj) -> qutip.Qobj:
    """rate (1+n) D[lower] + rate n D[lower†] with qutip.lindblad_dissipator."""
    out = rate * (1.0 + n) * qutip.lindblad_dissipator(lower)
    if rate * n != 0.0:
        out = out + rate * n * qutip.lindblad_dissipator(lower.dag())
    return out


def bath_superoperators(model: HeatValve, ops: CollectiveOps) -> BathSuperoperators:
    """The Hamiltonian part and the three bath dissipators of ``model`` on ``ops``.

    Collective baths :math:`\\gamma_i(1+n_i)\\mathcal{D}[J_-] + \\gamma_i n_i\\mathcal{D}[J_+]`,
    ``i = h, c``; parasitic bath :math:`\\sum_j \\gamma_p(1+n_p)\\mathcal{D}[\\sigma_-^{(j)}] +
    \\gamma_p n_p \\mathcal{D}[\\sigma_+^{(j)}]` (needs the local operators of the full space).
    """
    H0 = model.omega0 * ops.jz
    D_h = _thermal_pair(model.gamma_h, model.n_h, ops.jm)
    D_c = _thermal_pair(model.gamma_c, model.n_c, ops.jm)
    D_p = None
    if model.gamma_p > 0.0:
        if not ops.sm:
            raise ParameterError(
                "a parasitic bath (gamma_p > 0) acts on single qubits: it needs the full-space "
                "operators, not a fixed-J sector"
            )
        parts: Sequence[qutip.Qobj] = [_thermal_pair(model.gamma_p, model.n_p, s) for s in ops.sm]
        D_p = sum(parts[1:], parts[0])
    D_phi = None
    if model.gamma_phi > 0.0:
        if not ops.sm:
            raise ParameterError(
                "local dephasing (gamma_phi > 0) acts on single qubits: it needs the full-space "
                "operators, not a fixed-J sector"
            )
        sz = [s.dag() * s - s * s.dag() for s in ops.sm]
        terms = [(model.gamma_phi / 2) * qutip.lindblad_dissipator(z) for z in sz]
        D_phi = sum(terms[1:], terms[0])
    if model.gamma_phi_c > 0.0:
        D_c_phi = model.gamma_phi_c * qutip.lindblad_dissipator(ops.jz)
        D_phi = D_c_phi if D_phi is None else D_phi + D_c_phi
    D_pump = None
    if model.gamma_pump > 0.0:
        if not ops.sm:
            raise ParameterError(
                "local pumping (gamma_pump > 0) acts on single qubits: it needs the full-space "
                "operators, not a fixed-J sector"
            )
        pumps = [model.gamma_pump * qutip.lindblad_dissipator(s.dag()) for s in ops.sm]
        D_pump = sum(pumps[1:], pumps[0])
    return BathSuperoperators(H0, qutip.liouvillian(H0), D_h, D_c, D_p, D_phi, D_pump)


def apply(superop: qutip.Qobj, rho: qutip.Qobj) -> qutip.Qobj:
    """The operator ``superop(rho)`` (vectorise, multiply, un-vectorise).

    >>> s = sector_ops(0.5)
    >>> rho = qutip.ket2dm(qutip.basis(2, 0))
    >>> float(apply(qutip.lindblad_dissipator(s.jm), rho).diag()[1].real)
    1.0
    """
    return qutip.vector_to_operator(superop * qutip.operator_to_vector(rho))
