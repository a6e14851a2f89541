r"""Collective-spin absorption refrigerator: three baths on the levels of :math:`\Omega J_z^2`.

.. math::

    H_S = \Omega J_z^2, \qquad
    H_I = J_x \otimes B_c + \frac{J_x^2}{N} \otimes B_h + J_x \otimes B_w ,

for :math:`N` qubits in the maximal-spin multiplet :math:`j = N/2`, each bath bosonic with the
peaked spectral density :func:`~dickeheat.numeric.spectral.peaked_spectral_density`
(amplitude :math:`\bar\Gamma_\nu`, center :math:`\varepsilon_\nu`, width :math:`\delta_\nu`)
at inverse temperature :math:`\beta_\nu`. Collective couplings conserve :math:`J^2` and the
reflection parity :math:`|j,m\rangle \to |j,-m\rangle` (the :math:`x`-parity of the qubits),
and inside one parity sector (:mod:`~dickeheat.numeric.parity_sector`) :math:`H_S` is
non-degenerate, so the secular Born–Markov master equation is a Pauli rate equation
(:mod:`~dickeheat.numeric.pauli`) on the :math:`\approx N/2` levels :math:`E_a = \Omega a^2`:
:math:`J_x` is tridiagonal and :math:`J_x^2` pentadiagonal there, the generator is banded, and
the counting statistics of the cold bath (:mod:`~dickeheat.numeric.fcs`) cost O(N).

Conventions: every energy current is positive when it flows from the bath into the system;
:math:`\sigma = -\sum_\nu \beta_\nu I_\nu \ge 0`; the refrigerator cools when
:math:`I_c > 0` (and then :math:`I_w > 0`, :math:`I_h < 0` for
:math:`\beta_c > \beta_h \ge \beta_w`).

Special cases handled exactly:

* ``beta = 0`` for the work bath (infinite temperature, :math:`n_w \to \infty`): its rates
  diverge like :math:`\Gamma_w(\omega)/(\beta_w\omega)` in both directions, so the levels it
  joins share their population equally; the other baths act on those groups
  (:func:`~dickeheat.numeric.fcs.coarse_grain`). In the full model the peaked density is
  non-zero at every Bohr frequency, so *all* levels form one group (uniform populations) and
  the device does not cool; in the three-level model the group is the upper pair.
* ``laser``: the work bath is replaced by a resonant drive with equal up and down rate
  ``laser`` on the transitions whose Bohr frequency is within :math:`\delta_w` of
  :math:`\varepsilon_w` (three-level model: the work transition).
* ``reduced=True``: the three lowest levels of the sector only, each bath driving exactly one
  transition (cold: 0↔1, work: 1↔2, hot: 0↔2) with the rate :math:`\bar\Gamma_\nu
  |\langle a|A_\nu|b\rangle|^2` times :math:`1+n_\nu` (down) or :math:`n_\nu` (up), the Bose
  factors at the transition's Bohr frequency (the ideal limit :math:`\delta_\nu \to 0` of
  baths tuned to those transitions; :math:`\varepsilon_\nu, \delta_\nu` are not used).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import time

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from dickeheat.errors import ParameterError, check_nonnegative, check_positive
from dickeheat.numeric import fcs
from dickeheat.numeric.parity_sector import (
    ParitySector,
    parity_sector,
    sector_dimension,
)
from dickeheat.numeric.pauli import generator, pauli_jump_rates
from dickeheat.numeric.spectral import peaked_spectral_density, thermal_rate
from dickeheat.numeric.thermal import bose

__all__ = ["PeakedBath", "SpinRefrigerator", "RefrigeratorSteadyState", "solve",
           "jump_rates", "MAX_N"]

#: largest N accepted (O(N) memory and time; N = 10^5 takes well under a second)
MAX_N = 1_000_001  # verified; at 2e6 the level spacing test hits rounding


@dataclasses.dataclass(frozen=True)
class PeakedBath:
    """A bosonic bath with a peaked spectral density, at inverse temperature ``beta``.

    ``beta = 0`` is infinite temperature (allowed for the work bath only).
    """

    beta: float
    center: float
    width: float
    amplitude: float

    def __post_init__(self) -> None:
        b = float(self.beta)
        if not (b >= 0.0) or not math.isfinite(b):
            raise ParameterError(f"beta must be a finite number >= 0, got {self.beta!r}")
        check_positive("center (epsilon)", self.center)
        check_positive("width (delta)", self.width)
        check_nonnegative("amplitude (Gamma)", self.amplitude)

    def spectral(self, omega: np.ndarray) -> np.ndarray:
        return peaked_spectral_density(omega, amplitude=self.amplitude, center=self.center,
                                       width=self.width)

    def rate(self, omega: np.ndarray) -> np.ndarray:
        return thermal_rate(omega, self.spectral, beta=self.beta)


@dataclasses.dataclass(frozen=True)
class SpinRefrigerator:
    r"""The refrigerator :math:`H_S = \Omega J_z^2` with cold, hot and work baths.

    Parameters
    ----------
    N
        Number of qubits (:math:`j = N/2`), ``>= 2``.
    cold, hot, work
        The baths (couplings :math:`J_x`, :math:`J_x^2/N`, :math:`J_x`).
    Omega
        Energy scale of :math:`H_S`.
    parity
        +1 or −1: the reflection-parity sector (for odd N both are equivalent).
    laser
        If given (>= 0), a resonant drive replaces the work bath (see the module docstring).

    Examples
    --------
    >>> b = PeakedBath(beta=1.0, center=2.0, width=0.1, amplitude=1.0)
    >>> SpinRefrigerator(N=5, cold=b, hot=b, work=b).sector_dimension
    3
    """

    N: int
    cold: PeakedBath
    hot: PeakedBath
    work: PeakedBath
    Omega: float = 1.0
    parity: int = 1
    laser: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.N, (int, np.integer)) or not (2 <= self.N <= MAX_N):
            raise ParameterError(f"N must be an integer in [2, {MAX_N}], got {self.N!r}")
        check_positive("Omega", self.Omega)
        if self.parity not in (1, -1):
            raise ParameterError(f"parity must be +1 or -1, got {self.parity!r}")
        if self.cold.beta == 0.0:
            raise ParameterError("beta_c must be > 0 (only the work bath may be at infinite "
                                 "temperature)")
        if self.hot.beta == 0.0:
            raise ParameterError("beta_h must be > 0 (only the work bath may be at infinite "
                                 "temperature)")
        if self.laser is not None:
            check_nonnegative("laser", self.laser)

    @property
    def sector_dimension(self) -> int:
        return sector_dimension(self.N / 2, self.parity)


@dataclasses.dataclass(frozen=True)
class RefrigeratorSteadyState:
    """Stationary currents and cold-bath counting statistics of a :class:`SpinRefrigerator`.

    ``I_c, I_h, I_w`` are energy currents from each bath into the system; ``S_c`` and
    ``C3_c`` the second and third scaled cumulants of the energy taken from the cold bath;
    ``sigma`` the entropy production rate; ``populations`` over ``labels`` (:math:`|m|`);
    ``residual`` the relative residual of the stationary rate equation.
    """

    I_c: float
    I_h: float
    I_w: float
    S_c: float
    C3_c: float
    sigma: float
    beta_c: float
    beta_h: float
    beta_w: float
    populations: np.ndarray
    labels: np.ndarray
    residual: float
    solve_seconds: float
    model: str

    @property
    def cooling(self) -> bool:
        """The cold bath loses energy and the work source supplies it."""
        return self.I_c > 0.0 and self.I_w > 0.0

    @property
    def first_law(self) -> float:
        return self.I_c + self.I_h + self.I_w

    @property
    def tur_ratio(self) -> float | None:
        r""":math:`S_c\sigma/I_c^2` (``None`` if :math:`I_c = 0`); the TUR says it is >= 2."""
        return None if self.I_c == 0.0 else self.S_c * self.sigma / self.I_c**2

    @property
    def cop(self) -> float | None:
        r""":math:`\kappa = I_c/I_w` when the device cools, else ``None``."""
        return self.I_c / self.I_w if self.cooling else None

    def cop_carnot(self) -> float | None:
        r""":math:`\kappa_{Ca} = \beta_h/(\beta_c-\beta_h)` (the :math:`\beta_w \to 0` Carnot
        bound), ``None`` unless :math:`\beta_c > \beta_h`."""
        if not self.beta_c > self.beta_h:
            return None
        return self.beta_h / (self.beta_c - self.beta_h)

    def cop_carnot_exact(self) -> float | None:
        r"""The tight Carnot bound :math:`(\beta_h-\beta_w)/(\beta_c-\beta_h)` (from
        :math:`\sigma \ge 0` and the first law); ``None`` unless :math:`\beta_c > \beta_h`."""
        if not self.beta_c > self.beta_h:
            return None
        return (self.beta_h - self.beta_w) / (self.beta_c - self.beta_h)

    def cop_tur(self) -> float | None:
        r""":math:`\bar\kappa = \kappa_{Ca}/(1 + 2 I_c/(S_c(\beta_c-\beta_h)))` when cooling."""
        ca = self.cop_carnot()
        if ca is None or not self.cooling or self.S_c <= 0.0:
            return None
        return ca / (1.0 + 2.0 * self.I_c / (self.S_c * (self.beta_c - self.beta_h)))


def _couplings(model: SpinRefrigerator, sector: ParitySector) -> dict[str, sp.csr_matrix]:
    jx = sector.jx
    return {"c": jx, "h": _jx2(sector) / model.N, "w": jx}


@functools.lru_cache(maxsize=32)
def _jx2(sector: ParitySector) -> sp.csr_matrix:
    return sp.csr_matrix(sector.jx @ sector.jx)


def _laser_rates(model: SpinRefrigerator, E: np.ndarray, A: sp.csr_matrix) -> sp.csr_matrix:
    if model.laser is None:
        raise ParameterError("laser: the model has no laser rate (laser=None)")
    laser = float(model.laser)
    C = sp.coo_matrix(A)
    off = (C.row != C.col) & (C.data != 0)
    r, c = C.row[off], C.col[off]
    hit = np.abs(np.abs(E[r] - E[c]) - model.work.center) <= model.work.width
    if not np.any(hit):
        raise ParameterError(
            f"laser: no transition within delta_w = {model.work.width:g} of eps_w = "
            f"{model.work.center:g}; Bohr frequencies of J_x here are "
            f"{sorted(set(np.round(np.abs(E[r] - E[c]), 6)))[:6]}..."
        )
    return sp.csr_matrix((np.full(int(hit.sum()), laser), (r[hit], c[hit])),
                         shape=A.shape)


def jump_rates(model: SpinRefrigerator, *, reduced: bool = False,
               ) -> tuple[np.ndarray, np.ndarray, dict[str, sp.csr_matrix | None]]:
    """Energies, labels and the jump-rate matrices ``{"c", "h", "w"}`` of the sector.

    ``w`` is ``None`` for an infinite-temperature work bath (no laser): its rates are infinite
    and are handled by coarse-graining in :func:`solve`.
    """
    sector = parity_sector(model.N / 2, model.parity)
    A = _couplings(model, sector)
    if reduced:
        return _reduced_rates(model, sector, A)
    E = model.Omega * sector.jz2()
    W: dict[str, sp.csr_matrix | None] = {}
    for key, bath in (("c", model.cold), ("h", model.hot)):
        W[key] = pauli_jump_rates(E, A[key], bath.rate)
    if model.laser is not None:
        W["w"] = _laser_rates(model, E, A["w"])
    elif model.work.beta == 0.0:
        W["w"] = None
    else:
        W["w"] = pauli_jump_rates(E, A["w"], model.work.rate)
    return E, sector.labels, W


_REDUCED_PAIRS = {"c": (0, 1), "w": (1, 2), "h": (0, 2)}


def _reduced_rates(model: SpinRefrigerator, sector: ParitySector,
                   A: dict[str, sp.csr_matrix]):
    if sector.dimension < 3:
        raise ParameterError(
            f"the three-level (reduced) model needs a sector with >= 3 levels; N = {model.N} "
            f"with parity {model.parity:+d} has {sector.dimension} (use odd N >= 5, or even "
            "N >= 4 with parity +1, N >= 6 with parity -1)"
        )
    labels = sector.labels[:3]
    E = model.Omega * labels**2
    W: dict[str, sp.csr_matrix | None] = {}
    for key, bath in (("c", model.cold), ("h", model.hot), ("w", model.work)):
        lo, hi = _REDUCED_PAIRS[key]
        g = bath.amplitude * abs(float(A[key][lo, hi])) ** 2
        w = E[hi] - E[lo]
        M = np.zeros((3, 3))
        if key == "w" and model.laser is not None:
            M[lo, hi] = M[hi, lo] = float(model.laser)
        elif key == "w" and bath.beta == 0.0:
            W[key] = None
            continue
        else:
            n = float(bose(w, 0.0 if np.isinf(bath.beta) else 1.0 / bath.beta))
            M[lo, hi] = g * (1.0 + n)   # down: hi -> lo
            M[hi, lo] = g * n           # up: lo -> hi
        W[key] = sp.csr_matrix(M)
    return E, labels, W


def _fast_groups(model: SpinRefrigerator, E: np.ndarray, reduced: bool) -> np.ndarray:
    """Groups of levels joined by the infinite-temperature work bath."""
    n = E.size
    if reduced:
        lo, hi = _REDUCED_PAIRS["w"]
        adj = sp.csr_matrix(([1.0], ([lo], [hi])), shape=(n, n))
    else:
        A = _couplings(model, parity_sector(model.N / 2, model.parity))["w"]
        C = sp.coo_matrix(A)
        off = (C.row != C.col) & (C.data != 0)
        g = model.work.spectral(np.abs(E[C.row[off]] - E[C.col[off]]))
        keep = g > 0
        adj = sp.csr_matrix((np.ones(int(keep.sum())), (C.row[off][keep], C.col[off][keep])),
                            shape=(n, n))
    _, comp = connected_components(adj, directed=False)
    return comp


def solve(model: SpinRefrigerator, *, reduced: bool = False,
          residual_tol: float = fcs.RESIDUAL_TOL) -> RefrigeratorSteadyState:
    """Stationary currents, cold-bath noise and third cumulant, entropy production.

    Raises
    ------
    ParameterError
        For a reduced model on a sector with fewer than three levels, or a laser with no
        resonant transition.
    NumericalError
        If the stationary state is not unique or its residual exceeds ``residual_tol``.
    """
    t0 = time.perf_counter()
    E, labels, W = jump_rates(model, reduced=reduced)
    Wc, Wh, Ww = W["c"], W["h"], W["w"]
    dc, dh = fcs.energy_increments(Wc, E), fcs.energy_increments(Wh, E)
    Mc = fcs.jump_moments(Wc, dc, 3)
    Mh1 = fcs.jump_moments(Wh, dh, 1)[0]
    if Ww is not None:
        R0 = generator(Wc, Wh, Ww)
        solver = fcs.BorderedSolver(R0)
        p, res = fcs.checked_stationary(solver, residual_tol=residual_tol)
        c1, c2, c3 = fcs.cumulants(solver, p, Mc)
        I_h = float(np.sum(Mh1 @ p))
        if model.laser is None:
            I_w = fcs.mean_current(Ww, fcs.energy_increments(Ww, E), p)
        else:
            I_w = -c1 - I_h  # a drive: the energy balance defines the work input
    else:
        comp = _fast_groups(model, E, reduced)
        sizes = np.bincount(comp)
        weights = 1.0 / sizes[comp]
        R_slow = generator(Wc, Wh)
        Rg, M1g, M2g, M3g, Mhg = fcs.coarse_grain([R_slow, *Mc, Mh1], comp, weights)
        if Rg.shape[0] == 1:
            P, res = np.array([1.0]), float(abs(Rg[0, 0]))
            c1 = float(M1g.sum())
            c2 = float(M2g.sum())
            c3 = float(M3g.sum())
        else:
            solver = fcs.BorderedSolver(Rg, sparse=False)
            P, res = fcs.checked_stationary(solver, residual_tol=residual_tol)
            c1, c2, c3 = fcs.cumulants(solver, P, [M1g, M2g, M3g])
        p = P[comp] * weights
        I_h = float(np.sum(Mhg @ P))
        I_w = -c1 - I_h
    bw = 0.0 if model.laser is not None else float(model.work.beta)
    bc, bh = float(model.cold.beta), float(model.hot.beta)
    sigma = -bc * c1 - bh * I_h - (0.0 if bw == 0.0 else bw * I_w)
    return RefrigeratorSteadyState(
        I_c=c1, I_h=I_h, I_w=I_w, S_c=c2, C3_c=c3, sigma=sigma, beta_c=bc, beta_h=bh,
        beta_w=bw, populations=p, labels=labels, residual=res,
        solve_seconds=time.perf_counter() - t0, model="reduced" if reduced else "full")
