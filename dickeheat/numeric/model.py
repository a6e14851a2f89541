r"""The collective heat valve, as a typed, validated parameter set (natural units).

.. math::

    \dot\rho = -i[\omega_0 J_z, \rho]
      + \sum_{i=h,c} \gamma_i\big[(1+n_i)\mathcal{D}[J_-]\rho + n_i\,\mathcal{D}[J_+]\rho\big]
      + \gamma_p \sum_{j=1}^{N}\big[(1+n_p)\mathcal{D}[\sigma_-^{(j)}]\rho
                                   + n_p\,\mathcal{D}[\sigma_+^{(j)}]\rho\big]
      + \frac{\gamma_\phi}{2}\sum_{j=1}^{N}\mathcal{D}[\sigma_z^{(j)}]\rho
      + \gamma_{\phi c}\,\mathcal{D}[J_z]\rho
      + \gamma_{\rm pump} \sum_{j=1}^{N}\mathcal{D}[\sigma_+^{(j)}]\rho,

with :math:`\mathcal{D}[A]\rho = A\rho A^\dagger - \tfrac12\{A^\dagger A,\rho\}`,
:math:`n_i = 1/(e^{\omega_0/T_i}-1)` and :math:`\hbar = k_B = 1`. Energies, rates and
temperatures are plain floats in the same unit (usually :math:`\omega_0 = 1`).

>>> HeatValve(N=3, gamma_h=1.0, gamma_c=1.0, T_h=1.0, T_c=1/3)  # doctest: +NORMALIZE_WHITESPACE
HeatValve(N=3, omega0=1.0, gamma_h=1.0, gamma_c=1.0, T_h=1.0, T_c=0.3333333333333333,
          gamma_p=0.0, T_p=None, J=None, gamma_phi=0.0, gamma_phi_c=0.0, gamma_pump=0.0)
>>> HeatValve(N=2, gamma_h=1, gamma_c=1, T_h=1, T_c=1, J=0.5)  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
dickeheat.errors.ParameterError: J must be one of N/2, N/2 - 1, ..., >= 0 = [1.0, 0.0]
    for N=2, got 0.5
"""

from __future__ import annotations

import dataclasses
import math
import numbers

from dickeheat.errors import ParameterError, check_nonnegative, check_positive, real_number
from dickeheat.numeric.thermal import bose, log_bose

__all__ = ["HeatValve", "allowed_J"]


def allowed_J(N: int) -> list[float]:
    """The collective-spin quantum numbers N/2, N/2 − 1, …, down to 0 or 1/2.

    >>> allowed_J(3)
    [1.5, 0.5]
    """
    return [N / 2 - k for k in range(N // 2 + 1)]


@dataclasses.dataclass(frozen=True)
class HeatValve:
    """N qubits collectively coupled to a hot and a cold bath, optionally a local parasitic bath.

    Parameters
    ----------
    N
        Number of qubits, an integer >= 1.
    omega0
        Qubit frequency ω0 > 0 (the energy unit, ħ = 1).
    gamma_h, gamma_c
        Collective coupling rates γ_h, γ_c >= 0 of the hot and cold baths.
    T_h, T_c
        Bath temperatures >= 0 (k_B = 1). ``T_h < T_c`` is allowed: the heat then flows the
        other way.
    gamma_p, T_p
        Local parasitic bath: rate γ_p >= 0 and temperature T_p >= 0 (required if γ_p > 0).
    J
        Restrict to the conserved collective-spin sector J (one of N/2, N/2 − 1, …). Only
        without a parasitic bath and without local dephasing, which do not conserve J².
    gamma_phi
        Local dephasing γ_φ >= 0, the dissipator (γ_φ/2) Σ_j D[σ_z^{(j)}]: γ_φ is the decay
        rate of one qubit's coherence ⟨σ_+^{(j)}⟩ (γ_φ = 1/T_φ), and it does not change
        populations of a single qubit. It connects the Dicke ladders J and J ± 1 at fixed M
        (rates in :mod:`dickeheat.symbolic.dicke_dephasing`). QuTiP's PIQS ``dephasing``
        parameter γ_D (dissipator (γ_D/2) Σ_j L[σ_z^{(j)}/2], L[A] = 2D[A]) is 2 γ_φ.
    gamma_phi_c
        Collective dephasing γ_φc >= 0, the dissipator γ_φc D[J_z] (J_z = Σ_j σ_z^{(j)}/2),
        equal to PIQS's ``collective_dephasing``. It commutes with J_z and J², so it leaves
        every Dicke population, the steady state and the heat currents unchanged (it only
        damps coherences between different M).
    gamma_pump
        Local incoherent pumping γ_pump >= 0 at its own rate, the dissipator
        γ_pump Σ_j D[σ_+^{(j)}]: QuTiP's PIQS ``pumping`` process with the same coefficient
        (PIQS writes (γ_P/2) Σ_j L[σ_+^{(j)}] with L[A] = 2D[A]). It is not a thermal bath:
        the energy it feeds in is reported as ``Q_pump`` and it does not conserve J².

    Raises
    ------
    ParameterError
        For a value of the wrong type (strings, booleans, complex numbers; NumPy scalars are
        accepted) or outside its range, naming the parameter and the range.
    """

    N: int
    omega0: float = 1.0
    gamma_h: float = 1.0
    gamma_c: float = 1.0
    T_h: float = 1.0
    T_c: float = 1.0
    gamma_p: float = 0.0
    T_p: float | None = None
    J: float | None = None
    gamma_phi: float = 0.0
    gamma_phi_c: float = 0.0
    gamma_pump: float = 0.0

    def __post_init__(self) -> None:
        N = self.N
        if isinstance(N, bool) or not isinstance(N, numbers.Real) \
                or not math.isfinite(float(N)) or not float(N).is_integer() or N < 1:
            raise ParameterError(f"N must be an integer >= 1, got {N!r}")
        object.__setattr__(self, "N", int(N))
        omega0 = real_number("omega0", self.omega0, "> 0")
        object.__setattr__(self, "omega0", check_positive("omega0", omega0))
        for name in ("gamma_h", "gamma_c", "T_h", "T_c", "gamma_p", "gamma_phi", "gamma_phi_c",
                     "gamma_pump"):
            value = real_number(name, getattr(self, name), ">= 0")
            object.__setattr__(self, name, check_nonnegative(name, value))
        if self.gamma_h + self.gamma_c == 0.0:
            raise ParameterError("gamma_h + gamma_c must be > 0 (no bath couples the qubits)")
        if self.T_p is not None:
            object.__setattr__(self, "T_p", check_nonnegative("T_p", real_number("T_p", self.T_p,
                                                                          ">= 0 or None")))
        if self.gamma_p > 0.0 and self.T_p is None:
            raise ParameterError("T_p (parasitic-bath temperature >= 0) is required when "
                                 "gamma_p > 0")
        if self.J is not None:
            object.__setattr__(self, "J", real_number("J", self.J, "in {N/2, N/2 - 1, ...}"))
            if self.gamma_p > 0.0:
                raise ParameterError(
                    "J cannot be fixed together with a parasitic bath (gamma_p > 0): the local "
                    "bath does not conserve J²"
                )
            if self.gamma_phi > 0.0:
                raise ParameterError(
                    "J cannot be fixed together with local dephasing (gamma_phi > 0): "
                    "the local sigma_z noise does not conserve J²"
                )
            if self.gamma_pump > 0.0:
                raise ParameterError(
                    "J cannot be fixed together with local pumping (gamma_pump > 0): "
                    "the local sigma_+ pumping does not conserve J²"
                )
            allowed = allowed_J(self.N)
            if not any(abs(float(self.J) - a) < 1e-12 for a in allowed):
                raise ParameterError(
                    f"J must be one of N/2, N/2 - 1, ..., >= 0 = {allowed} for N={self.N}, "
                    f"got {self.J!r}"
                )
            object.__setattr__(self, "J", float(self.J))

    #: every rate of the model; the steady state depends only on their ratios
    RATE_FIELDS = ("gamma_h", "gamma_c", "gamma_p", "gamma_phi", "gamma_phi_c", "gamma_pump")

    @property
    def max_rate(self) -> float:
        """The largest rate that moves populations (> 0, since gamma_h + gamma_c > 0); the
        collective dephasing gamma_phi_c is left out: it moves none, and the steady state does
        not depend on it, so it must not change the solve either."""
        return max(getattr(self, name) for name in self.RATE_FIELDS if name != "gamma_phi_c")

    def rates_divided_by(self, scale: float) -> HeatValve:
        """This model with every rate divided by ``scale``: the same steady state (the
        dissipators are U(1)-covariant, so H0 drops out of it) in the time unit 1/scale;
        currents scale back by ``scale``.

        >>> HeatValve(N=2, T_h=1.0, T_c=0.5, gamma_h=1e-30, gamma_c=2e-30).rates_divided_by(
        ...     1e-30).gamma_c
        2.0
        """
        if scale == 1.0:
            return self
        return dataclasses.replace(
            self, **{name: getattr(self, name) / scale for name in self.RATE_FIELDS})

    @property
    def conserves_J(self) -> bool:
        """True if J² is conserved (no parasitic bath, no local dephasing, no local pumping):
        the steady state is then not unique, one per J sector."""
        return self.gamma_p == 0.0 and self.gamma_phi == 0.0 and self.gamma_pump == 0.0

    # -- derived rates --------------------------------------------------------------------
    @property
    def n_h(self) -> float:
        return bose(self.omega0, self.T_h)

    @property
    def n_c(self) -> float:
        return bose(self.omega0, self.T_c)

    @property
    def n_p(self) -> float:
        return 0.0 if self.T_p is None else bose(self.omega0, self.T_p)

    @property
    def emission_rate(self) -> float:
        """Γ↓ = γ_h(1+n_h) + γ_c(1+n_c), the collective rate of the J_- jump."""
        return self.gamma_h * (1 + self.n_h) + self.gamma_c * (1 + self.n_c)

    @property
    def absorption_rate(self) -> float:
        """Γ↑ = γ_h n_h + γ_c n_c, the collective rate of the J_+ jump."""
        return self.gamma_h * self.n_h + self.gamma_c * self.n_c

    @property
    def T_star(self) -> float:
        """Effective temperature ω0 / ln(Γ↓/Γ↑) of the two collective baths (0 if both are at
        T = 0).

        Γ↓/Γ↑ = 1 + (γ_h + γ_c)/Γ↑ is evaluated in the log domain, so two equal temperatures
        give that temperature from 10⁻³ ω0 (where the occupations underflow) to 10¹⁷ ω0 (where
        the ratio rounds to 1).
        """
        logs = [math.log(g) + log_bose(self.omega0, T)
                for g, T in ((self.gamma_h, self.T_h), (self.gamma_c, self.T_c)) if g > 0]
        finite = [v for v in logs if v != -math.inf]
        if not finite:
            return 0.0
        top = max(finite)
        log_up = top + math.log(sum(math.exp(v - top) for v in finite))  # ln Γ↑
        L = math.log(self.gamma_h + self.gamma_c) - log_up  # ln[(γ_h + γ_c)/Γ↑]
        log_ratio = L + math.log1p(math.exp(-L)) if L > 0 else math.log1p(math.exp(L))
        return self.omega0 / log_ratio
