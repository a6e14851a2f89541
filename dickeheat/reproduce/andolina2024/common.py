"""Shared pieces of the figure computations: paper versions, closed forms, numeric grids.

Closed forms are the registered results (:func:`closed_form` is
``registry(("andolina2024",)).get(name)``), evaluated by argument name with
:meth:`~dickeheat.symbolic.result.Result.evaluate`; where NumPy overflows (large J̄/T) the
code-generated mpmath function takes over.

Natural units throughout: ħ = k_B = 1, ω0 = 1, so T0 = ħω0/k_B = 1 and a current in units
of ħω0² is the plain number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from dickeheat.derivations import registry
from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric import thermal
from dickeheat.symbolic.result import Result

__all__ = [
    "VERSIONS", "DEFAULT_VERSION", "check_version", "closed_form",
    "collective_gamma", "bose", "T_C", "GAMMA_P", "T_star", "jz_thermal", "Q_steady", "Q_ind",
    "Q_lim", "coth_limit", "run_sweep", "failure_lines", "raise_failures", "integer_grid",
    "check_fast",
]

#: the two versions of the paper: arXiv (file 000) and Phys. Rev. Research 6, 043128 (file 001)
VERSIONS: tuple[str, ...] = ("arxiv", "published")
#: figure ids follow the arXiv numbering, and so does the default parameter set
DEFAULT_VERSION = "arxiv"

#: cold bath of Secs. II C and III: T_c = T0/3 (both versions)
T_C = 1.0 / 3.0
#: parasitic rate of Sec. III: γ_p = 0.001 ω0 (both versions)
GAMMA_P = 1e-3

def check_version(version: str, allowed: Sequence[str] = VERSIONS) -> str:
    """Return ``version`` if it is one of ``allowed``, else raise :class:`ParameterError`."""
    if version not in allowed:
        raise ParameterError(f"version must be one of {list(allowed)}, got {version!r}")
    return version


def closed_form(name: str) -> Result:
    """The registered result ``andolina2024.<name>`` (``name`` with or without the prefix)."""
    short = name.removeprefix("andolina2024.")
    return registry(("andolina2024",)).get(f"andolina2024.{short}")


def collective_gamma(version: str) -> float:
    """γ_h = γ_c of Secs. II–III: ω0 (arXiv Figs. 4–5), ω0/10 (published Figs. 3–4)."""
    return {"arxiv": 1.0, "published": 0.1}[check_version(version)]


def bose(T: Any) -> Any:
    """n(T) = 1/(e^{T0/T} − 1) with T0 = ħω0/k_B = 1 (elementwise; T = 0 gives 0)."""
    return thermal.bose(1.0, T)


def _finite(values: np.ndarray, fallback: Callable[..., Any], *arrays: np.ndarray) -> np.ndarray:
    """Replace non-finite entries of ``values`` by the mpmath fallback at the same point."""
    values = np.array(values, dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        b = np.broadcast_arrays(*arrays)
        for idx in zip(*np.nonzero(bad)):
            values[idx] = float(fallback(*(float(a[idx]) for a in b)))
    return values


def T_star(T_h: Any, T_c: Any, gamma_h: float = 1.0, gamma_c: float = 1.0) -> np.ndarray:
    """Eq. (16), the registered ``andolina2024.T_star``, in units of T0."""
    return np.asarray(closed_form("T_star").evaluate(
        T_0=1.0, gamma_h=gamma_h, gamma_c=gamma_c, n_h=bose(T_h), n_c=bose(T_c)), dtype=float)


def jz_thermal(Jbar: Any, T: Any) -> np.ndarray:
    """⟨J_z⟩_{J̄,T}, Eq. (C10) [published C9]; mpmath where NumPy overflows."""
    r = closed_form("jz_thermal")
    J, T = np.broadcast_arrays(np.asarray(Jbar, float), np.asarray(T, float))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        v = r.evaluate(Jbar=J, hbar=1.0, omega_0=1.0, k_B=1.0, T=T)
    order = [a.name for a in r.args]

    def exact(j: float, t: float) -> Any:
        values = {"Jbar": j, "hbar": 1, "omega_0": 1, "k_B": 1, "T": t}
        return r.mpmath_function(*(values[n] for n in order))

    return _finite(v, exact, J, T)


def Q_steady(jz: Any, T_h: Any, T_c: Any, gamma_h: float, gamma_c: float) -> np.ndarray:
    """Eq. (24): Q_h from ⟨J_z⟩ (registered ``andolina2024.Q_h_steady``), units ħω0²."""
    return np.asarray(closed_form("Q_h_steady").evaluate(
        {"hbar": 1.0, "omega_0": 1.0, "gamma_h": gamma_h, "gamma_c": gamma_c,
         "n_h": bose(T_h), "n_c": bose(T_c), "<J_z>": jz}), dtype=float)


def Q_ind(N: Any, T_h: Any, T_c: Any, gamma_h: float, gamma_c: float) -> np.ndarray:
    """Eq. (25) [published 26]: N independent qubits (registered ``andolina2024.Q_ind``)."""
    return np.asarray(closed_form("Q_ind").evaluate(
        N=N, hbar=1.0, omega_0=1.0, gamma_h=gamma_h, gamma_c=gamma_c, n_h=bose(T_h),
        n_c=bose(T_c)), dtype=float)


def Q_lim(Jbar: Any, T_h: Any, T_c: Any, gamma_h: float, gamma_c: float) -> np.ndarray:
    """Eq. (27) [published 28]: the bound 2γ_hγ_c/(γ_h+γ_c) ħω0 J̄ (n_h − n_c)."""
    return np.asarray(closed_form("Q_lim").evaluate(
        hbar=1.0, omega_0=1.0, gamma_h=gamma_h, gamma_c=gamma_c, n_h=bose(T_h), n_c=bose(T_c),
        Jbar=Jbar), dtype=float)


def coth_limit(T_star_over_T0: Any) -> np.ndarray:
    """Eq. (29): Q_h^lim/Q_h^ind = coth(T0/2T*) (registered ``andolina2024.coth_limit``)."""
    return np.asarray(closed_form("coth_limit").evaluate({"T_0": 1.0, "T^*": T_star_over_T0}),
                      dtype=float)


def integer_grid(lo: int, hi: int, points: int) -> list[int]:
    """About ``points`` distinct integers from ``lo`` to ``hi``, geometrically spaced."""
    return sorted({int(round(v)) for v in np.geomspace(lo, hi, points)})


def run_sweep(grid: Mapping[str, Sequence], fixed: Mapping[str, Any], *, what: str,
              progress: bool = False, strict: bool = True):
    """:func:`dickeheat.numeric.sweep.sweep` in this process.

    With ``strict`` (default) any failed point raises; otherwise the dataset is returned with
    its ``failed``/``error`` variables (see :func:`failure_lines`, :func:`raise_failures`).

    Raises
    ------
    NumericalError
        Listing every point whose solve failed (``what`` names the figure and curve).
    """
    from dickeheat.numeric.sweep import sweep

    ds = sweep(grid, fixed=fixed, processes=1, progress=progress)
    if strict:
        raise_failures([(what, ds)])
    return ds


def failure_lines(what: str, ds) -> list[str]:
    """One line per failed point of sweep dataset ``ds``: coordinates and solver message."""
    bad = ds["failed"].values
    dims = ds["failed"].dims
    lines = []
    for idx in zip(*np.nonzero(bad)):
        where = ", ".join(f"{d}={ds[d].values[i]:.6g}" for d, i in zip(dims, idx))
        lines.append(f"  {what}: {where}: {ds['error'].values[idx]}")
    return lines


def raise_failures(sweeps: Sequence[tuple[str, Any]]) -> None:
    """Raise one :class:`NumericalError` listing the failed points of all ``(what, ds)``."""
    lines = [line for what, ds in sweeps for line in failure_lines(what, ds)]
    if lines:
        total = sum(int(ds["failed"].size) for _, ds in sweeps)
        backends = sorted({str(ds.coords["backend"].values) for _, ds in sweeps
                           if "backend" in ds.coords})
        raise NumericalError(
            f"{len(lines)} of {total} steady states failed (backend {', '.join(backends)}); "
            "no figure is produced from partial data:\n" + "\n".join(lines)
        )


def check_fast(fast: bool) -> bool:
    if not isinstance(fast, bool):
        raise ParameterError(f"fast must be True or False, got {fast!r}")
    return fast
