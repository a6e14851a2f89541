r"""Two collective spins coupled by a resonant exchange drive, each with its own thermal bath.

The model (ħ = k_B = 1), in the frame rotating with :math:`H_0 = E_1 S_1^z + E_2 S_2^z`:

.. math::

    \dot\rho = -i[V, \rho] + \sum_{i=1,2} \gamma^{(i)}_\downarrow \mathcal D[S^{(i)}_-]\rho
               + \gamma^{(i)}_\uparrow \mathcal D[S^{(i)}_+]\rho, \qquad
    V = \frac{g}{2}\left(S^{(1)}_+ S^{(2)}_- + S^{(1)}_- S^{(2)}_+\right),

with two spins of length :math:`S = N/2` (the symmetric sector of two ensembles of N spins-1/2),
:math:`\mathcal D[c]\rho = c\rho c^\dagger - \tfrac12\{c^\dagger c, \rho\}`. The drive has
frequency :math:`\nu = E_2 - E_1`; the power it receives from the spins is
:math:`P = g\,\nu\,\mathrm{Im}\langle S^{(1)}_+ S^{(2)}_-\rangle` and the heat currents from the
baths into the spins are :math:`J_i = \mathrm{Tr}[H_0\,\mathcal D_i(\rho)]
= E_i(\gamma^{(i)}_\uparrow\langle S_-S_+\rangle_i
- \gamma^{(i)}_\downarrow\langle S_+S_-\rangle_i)`.

Symmetry used by the solvers
    :math:`V` conserves :math:`M = n_1 + n_2` (the number of excitations, :math:`n_i = S^z_i + S`)
    and every jump changes :math:`M` by ±1 on both sides of ρ, so the Liouvillian maps the
    operators :math:`|a\rangle\langle b|` of charge :math:`q = M_a - M_b` onto themselves (a weak
    U(1) symmetry). The steady state, the power operator and the counting jumps live in the
    :math:`q = 0` sector, of dimension :math:`\sum_M d_M^2 \approx \tfrac23 (N+1)^3` instead of
    :math:`(N+1)^4`, which is block tridiagonal in :math:`M`.

Real form
    With :math:`\rho_{ab} = i^{\,n_{1a} - n_{1b}}\, r_{ab}` (a diagonal unitary similarity) the
    Hamiltonian part becomes a real antisymmetric matrix and the dissipators stay real, so every
    sector of the Liouvillian is a *real* matrix, and a Hermitian ρ is a real symmetric r. The
    block of charge q and ket excitation number M is

    .. math:: r_M \mapsto K_M r_M + r_M K_{M-q}^T + \sum_{c} \gamma_c\, C r_{M\pm1} C^T,
              \qquad K_M = \tilde H_M - \tfrac12 A_M,

    where :math:`\tilde H_M` is the antisymmetric real form of :math:`-iV` and :math:`A_M` the
    diagonal :math:`\sum_c \gamma_c c^\dagger c`.

>>> m = ExchangeCoupledSpins.thermal(N=2, E1=1.0, E2=2.0, beta1=1.0, beta2=0.5,
...                                  coupling=0.1, Gamma0=0.05)
>>> sector_dimension(2, 0), sector_dimension(2, 1), (m.N + 1) ** 4 == sum(
...     sector_dimension(2, q) for q in range(-4, 5))
(19, 16, True)
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import scipy.sparse as sp

from dickeheat.errors import ParameterError, check_nonnegative, check_positive
from dickeheat.numeric.thermal import bose

__all__ = [
    "ExchangeCoupledSpins",
    "SectorLayout",
    "block_generator",
    "block_range",
    "exchange_block",
    "jump_matrix",
    "jump_superoperator",
    "raising_amplitude",
    "sector_dimension",
    "sector_layout",
    "sector_liouvillian",
]


@dataclasses.dataclass(frozen=True)
class ExchangeCoupledSpins:
    r"""Two spins S = N/2 with splittings E1, E2, exchange drive g and collective baths.

    Parameters
    ----------
    N
        Number of spins-1/2 in each ensemble (each collective spin has length N/2), N >= 1.
    E1, E2
        Level splittings (> 0); the drive frequency is ``nu = E2 - E1``.
    coupling
        Drive amplitude g in :math:`V = (g/2)(S^{(1)}_+S^{(2)}_- + \mathrm{h.c.})` (>= 0).
    down1, up1, down2, up2
        Collective emission and absorption rates :math:`\gamma^{(i)}_{\downarrow,\uparrow}`
        (>= 0, with ``down_i + up_i > 0``).
    """

    N: int
    E1: float
    E2: float
    coupling: float
    down1: float
    up1: float
    down2: float
    up2: float

    def __post_init__(self) -> None:
        if isinstance(self.N, bool) or not isinstance(self.N, (int, np.integer)) or self.N < 1:
            raise ParameterError(f"N must be an integer >= 1, got {self.N!r}")
        check_positive("E1", self.E1)
        check_positive("E2", self.E2)
        check_nonnegative("coupling", self.coupling)
        for name in ("down1", "up1", "down2", "up2"):
            check_nonnegative(name, getattr(self, name))
        if self.down1 + self.up1 <= 0 or self.down2 + self.up2 <= 0:
            raise ParameterError("each bath needs a rate > 0 (down_i + up_i > 0)")

    @classmethod
    def thermal(cls, *, N: int, E1: float, E2: float, beta1: float, beta2: float,
                coupling: float, Gamma0: float) -> ExchangeCoupledSpins:
        r"""Bosonic baths: :math:`\gamma_\downarrow = \Gamma_0(n+1)`, :math:`\gamma_\uparrow =
        \Gamma_0 n`, :math:`n = 1/(e^{\beta E} - 1)`; ``beta = inf`` is zero temperature."""
        G = check_positive("Gamma0", Gamma0)
        b1, b2 = float(beta1), float(beta2)
        for name, b in (("beta1", b1), ("beta2", b2)):
            if not b > 0:
                raise ParameterError(f"{name} must be > 0 (inf for zero temperature), got {b!r}")
        n1 = float(bose(check_positive("E1", E1), 1.0 / b1 if math.isfinite(b1) else 0.0))
        n2 = float(bose(check_positive("E2", E2), 1.0 / b2 if math.isfinite(b2) else 0.0))
        return cls(N=int(N), E1=float(E1), E2=float(E2), coupling=float(coupling),
                   down1=G * (n1 + 1.0), up1=G * n1, down2=G * (n2 + 1.0), up2=G * n2)

    @property
    def nu(self) -> float:
        """Drive frequency E2 − E1."""
        return self.E2 - self.E1

    @property
    def rate_scale(self) -> float:
        """A typical magnitude of the Liouvillian entries (used for relative residuals)."""
        S = self.N / 2.0
        return max(self.down1 + self.up1 + self.down2 + self.up2, self.coupling) * (
            S * (S + 1.0) + 1.0)

    def __repr__(self) -> str:
        return (f"ExchangeCoupledSpins(N={self.N}, E1={self.E1:g}, E2={self.E2:g}, "
                f"coupling={self.coupling:g}, down1={self.down1:g}, up1={self.up1:g}, "
                f"down2={self.down2:g}, up2={self.up2:g})")


def raising_amplitude(N: int, n: np.ndarray) -> np.ndarray:
    r""":math:`\langle n+1|S_+|n\rangle = \sqrt{(n+1)(N-n)}` for excitation number n (0 outside)."""
    n = np.asarray(n, dtype=float)
    return np.sqrt(np.clip((n + 1.0) * (N - n), 0.0, None))


def block_range(N: int, M: int) -> tuple[int, int]:
    """The range ``lo, hi`` (inclusive) of n1 in the block of M = n1 + n2 excitations."""
    return max(0, M - N), min(N, M)


def sector_dimension(N: int, q: int) -> int:
    """Number of operators |a><b| with M_a − M_b = q."""
    total = 0
    for M in range(max(0, q), min(2 * N, 2 * N + q) + 1):
        lo, hi = block_range(N, M)
        lo2, hi2 = block_range(N, M - q)
        total += (hi - lo + 1) * (hi2 - lo2 + 1)
    return total


@dataclasses.dataclass(frozen=True)
class SectorLayout:
    """Where each block (ket M, bra M − q) sits in the vectorised sector (row-major blocks)."""

    N: int
    q: int
    kets: tuple[int, ...]
    offsets: tuple[int, ...]
    shapes: tuple[tuple[int, int], ...]

    @property
    def dimension(self) -> int:
        return self.offsets[-1]

    def index(self, M: int) -> int:
        return M - self.kets[0]

    def trace_vector(self) -> np.ndarray:
        """The linear functional tr(·) on the q = 0 sector."""
        if self.q != 0:
            raise ParameterError("trace_vector: only the q = 0 sector has a trace")
        t = np.zeros(self.dimension)
        for i, (d, _) in enumerate(self.shapes):
            t[self.offsets[i] + np.arange(d) * (d + 1)] = 1.0
        return t


def sector_layout(N: int, q: int = 0) -> SectorLayout:
    """The block layout of the charge-q sector."""
    kets = tuple(range(max(0, q), min(2 * N, 2 * N + q) + 1))
    shapes, offsets = [], [0]
    for M in kets:
        lo, hi = block_range(N, M)
        lo2, hi2 = block_range(N, M - q)
        shapes.append((hi - lo + 1, hi2 - lo2 + 1))
        offsets.append(offsets[-1] + shapes[-1][0] * shapes[-1][1])
    return SectorLayout(N, q, kets, tuple(offsets), tuple(shapes))


def block_generator(model: ExchangeCoupledSpins, M: int) -> np.ndarray:
    r"""Dense real :math:`K_M = \tilde H_M - \tfrac12 A_M` of the block with M excitations."""
    N = model.N
    lo, hi = block_range(N, M)
    n1 = np.arange(lo, hi + 1)
    n2 = M - n1
    amp = 0.5 * model.coupling * raising_amplitude(N, n1[:-1]) * raising_amplitude(N, n2[:-1] - 1)
    K = np.diag(amp, 1) - np.diag(amp, -1)          # real form of -iV (antisymmetric)
    up1 = raising_amplitude(N, n1) ** 2              # <S- S+> = (n+1)(N-n)
    dn1 = raising_amplitude(N, n1 - 1) ** 2          # <S+ S-> = n(N-n+1)
    up2 = raising_amplitude(N, n2) ** 2
    dn2 = raising_amplitude(N, n2 - 1) ** 2
    A = model.down1 * dn1 + model.up1 * up1 + model.down2 * dn2 + model.up2 * up2
    K -= 0.5 * np.diag(A)
    return K


def jump_matrix(N: int, M_from: int, spin: int, raising: bool) -> sp.csr_matrix:
    """Matrix of :math:`S^{(spin)}_\\pm` from block ``M_from`` to block ``M_from ± 1``."""
    M_to = M_from + (1 if raising else -1)
    lo, hi = block_range(N, M_from)
    lo_t, hi_t = block_range(N, M_to)
    n1 = np.arange(lo, hi + 1)
    n2 = M_from - n1
    n_own = n1 if spin == 1 else n2
    amp = raising_amplitude(N, n_own) if raising else raising_amplitude(N, n_own - 1)
    t1 = n1 + (1 if raising else -1) if spin == 1 else n1
    ok = (t1 >= lo_t) & (t1 <= hi_t) & (amp > 0)
    return sp.csr_matrix((amp[ok], (t1[ok] - lo_t, np.nonzero(ok)[0])),
                         shape=(hi_t - lo_t + 1, hi - lo + 1))


def sector_liouvillian(model: ExchangeCoupledSpins, q: int = 0,
                       layout: SectorLayout | None = None) -> sp.csr_matrix:
    """The real-form Liouvillian of the charge-q sector, assembled block by block."""
    N = model.N
    lay = sector_layout(N, q) if layout is None else layout
    Ks = {M: sp.csr_matrix(block_generator(model, M)) for M in range(2 * N + 1)}
    rates = {(1, False): model.down1, (1, True): model.up1,
             (2, False): model.down2, (2, True): model.up2}
    rows, cols, vals = [], [], []

    def put(block: sp.spmatrix, i: int, j: int) -> None:
        c = block.tocoo()
        rows.append(c.row + lay.offsets[i])
        cols.append(c.col + lay.offsets[j])
        vals.append(c.data)

    for i, M in enumerate(lay.kets):
        dk, db = lay.shapes[i]
        put(sp.kron(Ks[M], sp.identity(db)) + sp.kron(sp.identity(dk), Ks[M - q]), i, i)
        for src, raising in ((M - 1, True), (M + 1, False)):
            j = src - lay.kets[0]
            if not 0 <= j < len(lay.kets):
                continue
            for spin in (1, 2):
                g = rates[(spin, raising)]
                if g == 0.0:
                    continue
                put(g * sp.kron(jump_matrix(N, src, spin, raising),
                                jump_matrix(N, src - q, spin, raising)), i, j)
    n = lay.dimension
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=(n, n))


def jump_superoperator(model: ExchangeCoupledSpins, spin: int, raising: bool,
                       layout: SectorLayout | None = None) -> sp.csr_matrix:
    r"""The real-form superoperator :math:`\rho \mapsto c\rho c^\dagger` of the charge-q sector
    for :math:`c = S^{(spin)}_\pm` (no rate)."""
    N = model.N
    lay = sector_layout(N, 0) if layout is None else layout
    q = lay.q
    rows, cols, vals = [], [], []
    for i, M in enumerate(lay.kets):
        src = M - 1 if raising else M + 1
        j = src - lay.kets[0]
        if not 0 <= j < len(lay.kets):
            continue
        c = sp.kron(jump_matrix(N, src, spin, raising),
                    jump_matrix(N, src - q, spin, raising)).tocoo()
        rows.append(c.row + lay.offsets[i])
        cols.append(c.col + lay.offsets[j])
        vals.append(c.data)
    n = lay.dimension
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=(n, n))


def exchange_block(N: int, M: int) -> np.ndarray:
    r"""Dense real matrix of :math:`S^{(1)}_+ S^{(2)}_-` inside the block of M excitations."""
    lo, hi = block_range(N, M)
    n1 = np.arange(lo, hi + 1)
    amp = raising_amplitude(N, n1[:-1]) * raising_amplitude(N, M - n1[:-1] - 1)
    return np.diag(amp, -1)
