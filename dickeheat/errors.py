"""The package's exception hierarchy.

Every error raised on purpose by dickeheat derives from :class:`DickeheatError` and from the
built-in exception it refines, so callers can catch either.
"""

import numbers
from typing import SupportsFloat

__all__ = [
    "DickeheatError",
    "ParameterError",
    "UnknownNameError",
    "NumericalError",
    "check_positive",
    "check_nonnegative",
    "real_number",
]


class DickeheatError(Exception):
    """Base class of all dickeheat errors."""


class ParameterError(DickeheatError, ValueError):
    """A parameter is outside its allowed range; the message names it and the range."""


class UnknownNameError(DickeheatError, KeyError):
    """An unknown result name, paper key, figure id or option value."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the plain message
        return str(self.args[0]) if self.args else ""


class NumericalError(DickeheatError, ArithmeticError):
    """A numerical computation failed (singular matrix, no convergence, residual too large)."""


def real_number(name: str, value: object, allowed: str = "") -> float:
    """``float(value)`` for a real number; :class:`ParameterError` naming ``name`` for a bool
    (Python's or NumPy's), a string, a complex number or anything else that is not a real
    number (``True`` is not a temperature, ``"3"`` is not a count). ``allowed`` describes the
    allowed range in the message.

    >>> real_number("T_h", 2)
    2.0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        where = f" {allowed}" if allowed else ""
        raise ParameterError(f"{name} must be a real number{where}, got {value!r} "
                             f"({type(value).__name__})")
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        raise ParameterError(f"{name} must be a real number, got {value!r}") from None


def check_positive(name: str, value: SupportsFloat) -> float:
    """Return ``float(value)`` if it is finite and > 0, else raise :class:`ParameterError`.

    >>> check_positive("R_h", 50.0)
    50.0
    """
    v = real_number(name, value)
    if not (v > 0.0) or v == float("inf"):
        raise ParameterError(f"{name} must be a finite number > 0, got {value!r}")
    return v


def check_nonnegative(name: str, value: SupportsFloat) -> float:
    """Return ``float(value)`` if it is finite and >= 0, else raise :class:`ParameterError`.

    >>> check_nonnegative("gamma_p", 0)
    0.0
    """
    v = real_number(name, value)
    if not (v >= 0.0) or v == float("inf"):
        raise ParameterError(f"{name} must be a finite number >= 0, got {value!r}")
    return v
