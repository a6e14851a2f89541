"""How far a number is from a reference: the one definition every check uses.

>>> round(relative_error([1.0, 2.0], [1.0, 2.002]), 9)
0.000999001
>>> relative_error(1.0, float("nan"))
inf
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["relative_error"]


def relative_error(value: ArrayLike, reference: ArrayLike) -> float:
    r"""The largest deviation from the reference, relative to the reference's largest entry.

    .. math:: \max_i |v_i - r_i| \,/\, \max_i |r_i|

    Both arguments may be scalars or arrays (broadcast against each other), real or complex.
    The scale is the reference's largest magnitude, so entries of the reference that are tiny
    or zero do not blow the error up. A reference that is zero everywhere gives the absolute
    error. Any non-finite entry on either side gives ``inf``, so a check built on this function
    fails on NaN instead of passing.
    """
    v = np.asarray(value, dtype=complex)
    r = np.asarray(reference, dtype=complex)
    v, r = np.broadcast_arrays(v, r)
    if v.size == 0:
        raise ValueError("relative_error: empty arrays")
    if not (np.all(np.isfinite(v)) and np.all(np.isfinite(r))):
        return float("inf")
    scale = float(np.max(np.abs(r)))
    dev = float(np.max(np.abs(v - r)))
    return dev / scale if scale > 0.0 else dev
