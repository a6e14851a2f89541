"""Validated sweep configurations: which parameters are swept, which are fixed, and TOML files.

A sweep is a grid over the fields of :class:`~dickeheat.numeric.model.HeatValve` plus the
steady-state ``backend``. :class:`SweepConfig` checks every key and value up front, so that a
bad configuration fails before any solve, with a message that names the offending key
(``grid.T_h[1]``, ``fixed.J``, ...).

The TOML schema (see ``docs/sweeps.md``)::

    [fixed]            # scalars; any HeatValve field or backend
    omega0 = 1.0
    T_c = 0.3333
    backend = "qutip"  # optional, default "auto"
    noise = true       # optional: also S_h, S_c, S_p, sigma, tur_h (counting statistics)
    noise_log_cut = 30 # optional, with noise: its truncation, in [20, 700] (default 35)

    [grid]             # non-empty lists; the array dimensions, in this order
    N = [1, 2, 3, 4]
    T_h = [0.5, 1.0, 2.0]

>>> cfg = SweepConfig(grid={"N": [1, 2]}, fixed={"T_h": 2})
>>> cfg.dims, cfg.shape, cfg.fixed["T_h"], cfg.fixed["backend"]
(('N',), (2,), 2.0, 'auto')
>>> SweepConfig(grid={"T_h": [1.0, -1.0]}, fixed={"N": 2})
Traceback (most recent call last):
...
dickeheat.errors.ParameterError: grid.T_h[1] must be a finite number >= 0, got -1.0
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import math
import numbers
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from dickeheat.errors import (
    ParameterError,
    UnknownNameError,
    check_nonnegative,
    check_positive,
)
from dickeheat.numeric.model import HeatValve

__all__ = ["MAX_POINTS", "MODEL_FIELDS", "PARAMETERS", "SweepConfig", "load_config",
           "parse_config"]

#: the HeatValve fields a sweep can set, in the model's order
MODEL_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(HeatValve))
#: every key a sweep accepts in ``grid`` or ``fixed``
PARAMETERS: tuple[str, ...] = (*MODEL_FIELDS, "backend", "noise", "noise_log_cut")
#: options of the whole sweep: ``[fixed]`` only, never a grid dimension
_OPTIONS = ("noise", "noise_log_cut")
#: the largest grid (product of the list lengths) a sweep accepts; split bigger ones
MAX_POINTS = 1_000_000
#: rough costs used to explain the refusal of a too-large grid (orders of magnitude)
_VALIDATE_SECONDS = 2e-5  # building and checking one point's model
_SOLVE_SECONDS = 1e-3  # the fastest backend on the smallest model
_BYTES = 1000  # one point's record while running plus its share of the dataset
_POSITIVE = {"omega0"}
_OPTIONAL = {"T_p", "J"}  # may be left unset (None); a grid cannot contain None


def _check_value(key: str, label: str, value: Any) -> Any:
    """Type- and range-check one value of parameter ``key``; ``label`` names it in errors."""
    if key == "backend":
        if not isinstance(value, str) or not value:
            raise ParameterError(f"{label} must be a backend name (a non-empty string), "
                                 f"got {value!r}")
        return value
    if key == "noise":
        if not isinstance(value, bool):
            raise ParameterError(f"{label} must be true or false (compute the noise S_h, S_c, "
                                 f"S_p, sigma and tur_h), got {value!r}")
        return value
    if key == "noise_log_cut":
        if isinstance(value, bool) or not isinstance(value, numbers.Real) \
                or not 20.0 <= float(value) <= 700.0:  # NaN and infinities fail too
            raise ParameterError(f"{label} must be a number in [20, 700] (the truncation "
                                 f"e^-noise_log_cut of the counting statistics), got {value!r}")
        return float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"{label} must be a number, got {value!r}")
    if key == "N":
        if not float(value).is_integer() or value < 1:
            raise ParameterError(f"{label} must be an integer >= 1, got {value!r}")
        # exact for every Real: Integral has __int__, every other Real has __trunc__
        return int(value) if isinstance(value, numbers.Integral) else math.trunc(value)
    if key in _POSITIVE:
        return check_positive(label, value)
    return check_nonnegative(label, value)


def _duration(seconds: float) -> str:
    for unit, length in (("days", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if seconds >= length:
            return f"{seconds / length:.3g} {unit}"
    return f"{seconds:.3g} s"


def _check_size(grid: Mapping[str, Any]) -> None:
    """Refuse a grid of more than MAX_POINTS points before looking at any value."""
    lengths = {k: len(v) for k, v in grid.items()
               if isinstance(v, Sequence) and not isinstance(v, (str, bytes))}
    size = 1
    for n in lengths.values():
        size *= n
    if size > MAX_POINTS:
        shape = " x ".join(f"{n} ({k})" for k, n in lengths.items())
        raise ParameterError(
            f"grid has {size:,} points ({shape}), more than the limit of {MAX_POINTS:,} "
            f"(MAX_POINTS): checking its points alone would take ~"
            f"{_duration(size * _VALIDATE_SECONDS)}, solving them at least "
            f"~{_duration(size * _SOLVE_SECONDS)} (at >= {_SOLVE_SECONDS * 1e3:g} ms a point) "
            f"and the results ~{size * _BYTES / 1e9:.3g} GB of memory; split it into several "
            "sweeps or use shorter lists"
        )


@dataclasses.dataclass(frozen=True)
class SweepConfig:
    """A validated sweep: swept values by parameter name, and fixed scalars.

    Parameters
    ----------
    grid
        Parameter name -> non-empty sequence of distinct values. The insertion order of the
        keys is the order of the dimensions of the result.
    fixed
        Parameter name -> scalar. Unset model fields take the :class:`HeatValve` defaults;
        ``backend`` defaults to ``"auto"``. ``N`` must be in ``grid`` or ``fixed``.

    Raises
    ------
    UnknownNameError
        For a key that is not a HeatValve field or ``backend``.
    ParameterError
        For a wrong type, a value out of range, an empty or repeated list, a key both swept
        and fixed, or a grid point that is not a valid HeatValve (e.g. ``J`` not allowed
        for ``N``, ``J`` with a parasitic bath); the message names the key and the point.
    """

    grid: dict[str, tuple]
    fixed: dict[str, Any]

    def __init__(self, grid: Mapping[str, Sequence] | None = None,
                 fixed: Mapping[str, Any] | None = None) -> None:
        grid = {} if grid is None else grid
        fixed = {} if fixed is None else fixed
        for where, table in (("grid", grid), ("fixed", fixed)):
            if not isinstance(table, Mapping):
                raise ParameterError(f"{where} must be a table (mapping) of parameters, got "
                                     f"{type(table).__name__}")
            for key in table:
                if key not in PARAMETERS:
                    raise UnknownNameError(f"unknown sweep parameter {where}.{key!s}; allowed: "
                                           f"{', '.join(PARAMETERS)}")
        both = [k for k in grid if k in fixed]
        if both:
            raise ParameterError(f"parameter {both[0]} is both in grid and in fixed; choose one")
        for key in _OPTIONS:
            if key in grid:
                raise ParameterError(f"grid.{key}: {key} is an option, not a dimension; put "
                                     f"it in [fixed]")
        _check_size(grid)
        g: dict[str, tuple] = {}
        for key, values in grid.items():
            if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Sequence):
                raise ParameterError(f"grid.{key} must be a list of values, got {values!r}")
            if len(values) == 0:
                raise ParameterError(f"grid.{key} is an empty list; give at least one value")
            checked = tuple(_check_value(key, f"grid.{key}[{i}]", v) for i, v in enumerate(values))
            if len(set(checked)) != len(checked):
                raise ParameterError(f"grid.{key} has repeated values {list(checked)}; "
                                     "coordinates must be distinct")
            g[key] = checked
        f: dict[str, Any] = {}
        for key, value in fixed.items():
            if value is None and key in _OPTIONAL:
                continue
            if isinstance(value, (list, tuple, Mapping)):
                raise ParameterError(f"fixed.{key} must be a scalar, got {value!r}; put lists "
                                     "of values in grid")
            f[key] = _check_value(key, f"fixed.{key}", value)
        if "noise_log_cut" in f and not f.get("noise"):
            raise ParameterError("fixed.noise_log_cut sets the truncation of the counting "
                                 "statistics: it needs noise = true in [fixed]")
        if "N" not in g and "N" not in f:
            raise ParameterError("N (number of qubits) must be given in grid or in fixed")
        if "backend" not in g:
            f.setdefault("backend", "auto")
        object.__setattr__(self, "grid", g)
        object.__setattr__(self, "fixed", f)
        for _index, point in self.points():
            try:
                self.model(point)
            except ParameterError as err:
                raise ParameterError(f"invalid grid point {self._describe(point)}: {err}") from None

    # -- the grid ---------------------------------------------------------------------------
    @property
    def dims(self) -> tuple[str, ...]:
        """The swept parameter names, in order (the dimensions of the result)."""
        return tuple(self.grid)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(v) for v in self.grid.values())

    @property
    def size(self) -> int:
        """The number of grid points."""
        n = 1
        for s in self.shape:
            n *= s
        return n

    def points(self) -> Iterator[tuple[tuple[int, ...], dict[str, Any]]]:
        """Yield ``(index, parameters)`` for every grid point, in C order."""
        ranges = [range(len(v)) for v in self.grid.values()]
        for index in itertools.product(*ranges):
            point = dict(self.fixed)
            point.update({k: self.grid[k][i] for k, i in zip(self.grid, index)})
            yield index, point

    @staticmethod
    def model(point: Mapping[str, Any]) -> HeatValve:
        """The :class:`HeatValve` of one point (its ``backend`` entry is ignored)."""
        return HeatValve(**{k: v for k, v in point.items() if k in MODEL_FIELDS})

    def _describe(self, point: Mapping[str, Any]) -> str:
        return "{" + ", ".join(f"{k}={point[k]!r}" for k in self.grid) + "}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description: ``{"grid": {...}, "fixed": {...}}`` (grid in order)."""
        return {"grid": {k: list(v) for k, v in self.grid.items()}, "fixed": dict(self.fixed)}

    def fingerprint(self, solver_name: str) -> str:
        """A hash of the configuration and solver; a resumed sweep must match it exactly."""
        text = json.dumps({"config": self.to_dict(), "solver": solver_name},
                          sort_keys=False, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def parse_config(data: Mapping[str, Any], *, source: str = "config") -> SweepConfig:
    """Build a :class:`SweepConfig` from a parsed TOML document (``[fixed]`` and ``[grid]``).

    >>> parse_config({"fixed": {"N": 2}, "grid": {"T_h": [1.0, 2.0]}}).shape
    (2,)
    >>> parse_config({"fixed": {"N": 2}, "grids": {}})
    Traceback (most recent call last):
    ...
    dickeheat.errors.UnknownNameError: config: unknown top-level key grids; allowed: fixed, grid
    """
    for key in data:
        if key not in ("fixed", "grid"):
            raise UnknownNameError(f"{source}: unknown top-level key {key}; allowed: fixed, grid")
    try:
        return SweepConfig(grid=data.get("grid", {}), fixed=data.get("fixed", {}))
    except (ParameterError, UnknownNameError) as err:
        raise type(err)(f"{source}: {err}") from None


def load_config(path: str | Path) -> SweepConfig:
    """Read and validate a TOML sweep configuration file.

    Raises
    ------
    ParameterError
        If the file is missing, is not valid TOML, or holds an invalid configuration.
    UnknownNameError
        For an unknown key.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ParameterError(f"config file {str(path)!r} does not exist") from None
    except IsADirectoryError:
        raise ParameterError(f"config file {str(path)!r} is a directory, not a TOML file") \
            from None
    except OSError as err:
        raise ParameterError(f"config file {str(path)!r} cannot be read: "
                             f"{err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ParameterError(f"{path.name}: not valid TOML: {err}") from None
    except UnicodeDecodeError as err:  # binary content: TOML is UTF-8 text
        raise ParameterError(f"config file {str(path)!r} is not a UTF-8 text (TOML) file: "
                             f"byte {err.start} cannot be decoded") from None
    return parse_config(data, source=path.name)
