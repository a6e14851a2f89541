r"""SI units at the edge: GHz, mK and fW to and from the natural units of the heat valve.

Inside, :math:`\hbar = k_B = 1` and energies are in units of :math:`\hbar\omega_0`
(``omega0 = 1``). At the edge:

frequencies and rates
    given as *ordinary* frequencies in GHz, :math:`\nu = \omega/2\pi`, for the qubit
    (:math:`\omega_0/2\pi`) **and for the rates** (:math:`\gamma/2\pi`), the way a table lists
    "ω0/2π = 4 GHz, γ = 1 GHz" in one row. So :math:`\gamma/\omega_0 = \nu_\gamma/\nu_0`.
    (Reading a rate as an angular rate in 10^9 s^-1 instead divides it by 2π; heat-current
    *ratios* do not depend on the choice, absolute currents scale with it.)
temperatures
    in mK: :math:`k_B T/(\hbar\omega_0) = k_B T/(h\nu_0)`.
heat currents
    a natural-unit current (units of :math:`\hbar\omega_0\cdot\omega_0`) times
    :math:`\hbar\omega_0^2`, in fW.

All constants come from :mod:`scipy.constants`.

>>> round(temperature_to_natural(96.0, 4.0), 4)   # 96 mK at ω0/2π = 4 GHz: ν_T = 2.0 GHz
0.5001
>>> round(current_to_fW(1.0, 4.0), 2)             # ħω0² for ω0/2π = 4 GHz
66.61
"""

from __future__ import annotations

import scipy.constants as const

from dickeheat.errors import check_nonnegative, check_positive

__all__ = [
    "RATE_CONVENTION",
    "current_to_fW",
    "rate_to_natural",
    "temperature_to_mK",
    "temperature_to_natural",
]

#: how SI rates are read (documented in the module docstring and the CLI help)
RATE_CONVENTION = "gamma/2pi in GHz (ordinary frequency, like omega0/2pi)"


def rate_to_natural(nu_GHz: float, omega0_GHz: float, *, name: str = "rate") -> float:
    """γ/ω0 for a rate given as γ/2π in GHz.

    >>> rate_to_natural(1.0, 4.0)
    0.25
    """
    return check_nonnegative(f"{name} [GHz]", nu_GHz) / check_positive("omega0 [GHz]", omega0_GHz)


def temperature_to_natural(T_mK: float, omega0_GHz: float, *, name: str = "T") -> float:
    """k_B T/(ħω0) for T in mK and ω0/2π in GHz."""
    T = check_nonnegative(f"{name} [mK]", T_mK) * const.milli
    nu0 = check_positive("omega0 [GHz]", omega0_GHz) * const.giga
    return const.k * T / (const.h * nu0)


def temperature_to_mK(T: float, omega0_GHz: float) -> float:
    """The inverse of :func:`temperature_to_natural`.

    >>> round(temperature_to_mK(temperature_to_natural(50.0, 4.0), 4.0), 9)
    50.0
    """
    nu0 = check_positive("omega0 [GHz]", omega0_GHz) * const.giga
    return check_nonnegative("T", T) * const.h * nu0 / const.k / const.milli


def current_to_fW(Q: float, omega0_GHz: float) -> float:
    """A heat current in units of ħω0² (natural units, ω0 = 1) in femtowatt."""
    omega0 = 2 * const.pi * check_positive("omega0 [GHz]", omega0_GHz) * const.giga
    return Q * const.hbar * omega0**2 / const.femto
