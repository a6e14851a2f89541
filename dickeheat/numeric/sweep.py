"""Parameter sweeps of the heat valve: labelled arrays, parallel, resumable, saved as NetCDF.

:func:`sweep` solves the steady state at every point of a grid over
:class:`~dickeheat.numeric.model.HeatValve` fields (and ``backend``) and returns an
:class:`xarray.Dataset` whose dimensions are the swept parameter names, in the order given.

Data variables (each over the swept dimensions)

``Q_h, Q_c, Q_p``
    heat currents from the hot, cold and parasitic baths (positive into the qubits);
``Q_pump``
    the energy current of the local pumping (``gamma_pump``);
``S_h, S_c, S_p, sigma, tur_h``
    with ``noise = true`` in ``fixed``: the noise of the three heat currents, the entropy
    production and the TUR ratio (:mod:`~dickeheat.numeric.valve_fcs`, truncated at
    ``noise_log_cut`` in ``fixed``, default 35, recorded in the attribute ``noise_log_cut``);
    NaN otherwise;
``Q_ind``
    ``N`` times the hot-bath current of one qubit coupled alone to the same baths (the
    independent-qubit reference, :func:`~dickeheat.numeric.currents.independent_current`);
``J2, jz``
    ⟨J²⟩ and ⟨J_z⟩;  ``T_star``: the effective temperature of the collective baths;
``residual, solve_seconds``
    the solver's ‖L(ρ)‖ and wall time;  ``backend_used``: the backend that solved the point
    (``"auto"`` resolved);
``failed, error``
    ``True`` and the message where the solver raised :class:`~dickeheat.errors.NumericalError`.

Failure policy: a point whose solve raises ``NumericalError`` (the documented failure of
:func:`~dickeheat.numeric.steady.steady_state`) is *recorded*: ``failed`` is ``True``, ``error``
holds the message and its observables are NaN; the other points are still computed. Any other
exception aborts the sweep (points already finished stay saved). Invalid parameters never reach
a solver: they are rejected up front by :class:`~dickeheat.numeric.sweep_config.SweepConfig`.

Resuming: with ``out=`` every finished point is appended, flushed and fsync'ed to a journal
``<out>.points.jsonl`` as soon as it arrives. A rerun with the same configuration and solver
reads the journal and computes only the points it lacks; when all are done the dataset is
written to ``out`` (NetCDF4, atomically) and the journal removed. A rerun whose ``out`` already
holds the finished sweep returns it without solving. While it runs, a sweep holds an exclusive
lock on ``<out>.points.lock`` (which records its PID); its local workers die with it and never
hold the lock, and a lock whose recorded owner is dead is taken over, so a rerun after a kill
(even SIGKILL) is never refused.

>>> from dickeheat.numeric.steady import SteadyState
>>> def toy(model, *, backend):  # a stand-in solver with the steady_state signature
...     q = model.N * (model.T_h - model.T_c)
...     return SteadyState(model, backend, q, -q, 0.0, 0.0, 0.0, {}, 0.0, 1.0, 0.0)
>>> ds = sweep({"N": [1, 2], "T_h": [1.0, 2.0]}, fixed={"T_c": 0.5}, processes=1,
...            progress=False, solver=toy)
>>> ds.Q_h.dims, float(ds.Q_h.sel(N=2, T_h=2.0))
(('N', 'T_h'), 3.0)
"""

from __future__ import annotations

import functools
import json
import math
import multiprocessing
import os
import pickle
import socket
import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import numpy as np

from dickeheat import __version__
from dickeheat.errors import (
    DickeheatError,
    NumericalError,
    ParameterError,
    UnknownNameError,
)
from dickeheat.numeric import steady
from dickeheat.numeric.currents import independent_current
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.sweep_config import MODEL_FIELDS, SweepConfig
from dickeheat.numeric.sweep_lock import (
    Journal,
    RunLock,
    journal_path,
    lock_path,
    read_journal,
    worker_init,
)

__all__ = [
    "OUTPUTS",
    "SCHEDULER_TIMEOUT",
    "MissingDependencyError",
    "SchedulerError",
    "Sweep",
    "journal_path",
    "lock_path",
    "sweep",
]

#: seconds to wait for a Dask scheduler to answer before giving up with SchedulerError
SCHEDULER_TIMEOUT = 5.0

#: solver outputs copied from each SteadyState
_SOLVED = ("Q_h", "Q_c", "Q_p", "J2", "jz", "residual", "solve_seconds")
#: optional solver outputs (NaN where the solver does not give them): the pumping's energy
#: current and, with ``noise = true``, the counting statistics (``numeric.valve_fcs``)
_OPTIONAL_OUT = ("Q_pump", "S_h", "S_c", "S_p", "sigma", "tur_h")
#: every data variable of a sweep dataset
OUTPUTS = (*_SOLVED[:3], "Q_ind", *_SOLVED[3:5], "T_star", *_SOLVED[5:], "backend_used",
           "failed", "error", *_OPTIONAL_OUT)
_DESCRIPTION = {
    "Q_h": "heat current from the hot bath into the qubits",
    "Q_c": "heat current from the cold bath into the qubits",
    "Q_p": "heat current from the parasitic bath into the qubits",
    "Q_ind": "N x hot-bath current of one qubit alone between the same baths",
    "J2": "<J^2> in the steady state",
    "jz": "<J_z> in the steady state",
    "T_star": "effective temperature omega0 / ln(Gamma_down / Gamma_up) of the collective baths",
    "residual": "norm of L(rho) of the solution, as reported by the backend",
    "solve_seconds": "wall time of the solve [s]",
    "backend_used": "backend that solved the point",
    "failed": "the solver raised NumericalError at this point",
    "error": "the solver's error message ('' where it succeeded)",
    "Q_pump": "energy current fed in by the local pumping",
    "S_h": "noise (second cumulant rate) of the energy from the hot bath (noise = true)",
    "S_c": "noise (second cumulant rate) of the energy from the cold bath (noise = true)",
    "S_p": "noise (second cumulant rate) of the energy from the parasitic bath (noise = true)",
    "sigma": "entropy production -(Q_h/T_h + Q_c/T_c + Q_p/T_p) (noise = true; NaN if undefined)",
    "tur_h": "TUR ratio S_h sigma / Q_h^2 >= 2 (noise = true; NaN if undefined)",
}

Solver = Callable[..., steady.SteadyState]


class MissingDependencyError(DickeheatError, ImportError):
    """An optional dependency (Dask distributed) needed for the requested option is missing."""


class SchedulerError(ParameterError):
    """The ``scheduler`` address is malformed or no Dask scheduler answers there in time."""


def _solve_point(solver: Solver, model: HeatValve, backend: str) -> dict[str, Any]:
    """Solve one point; a NumericalError becomes a record with ``error`` set."""
    try:
        result = solver(model, backend=backend)
    except NumericalError as err:
        return {"error": f"{type(err).__name__}: {err}"}
    record: dict[str, Any] = {k: float(getattr(result, k)) for k in _SOLVED}
    record["backend_used"] = str(result.backend)
    for k in _OPTIONAL_OUT:
        v = getattr(result, k, None)
        record[k] = math.nan if v is None else float(v)
    return record


def _solver_name(solver: Solver) -> str:
    qualname = getattr(solver, "__qualname__", type(solver).__qualname__)
    return f"{getattr(solver, '__module__', type(solver).__module__)}.{qualname}"


def _check_picklable(solver: Solver, name: str) -> None:
    """Refuse a solver that cannot be sent to worker processes (it would hang the pool)."""
    try:
        pickle.dumps(solver)
    except Exception as err:  # PicklingError, AttributeError ("local object"), TypeError
        raise ParameterError(
            f"solver {name} cannot be pickled ({type(err).__name__}: {err}), so it cannot run "
            "on worker processes or Dask; use a module-level function, or processes=1"
        ) from None


class Sweep:
    """A validated sweep over heat-valve parameters, runnable (and resumable) many times.

    Parameters
    ----------
    grid, fixed
        Swept values and fixed scalars by parameter name (see
        :class:`~dickeheat.numeric.sweep_config.SweepConfig`, which validates them).
    solver
        ``solver(model, *, backend) -> SteadyState``; default
        :func:`dickeheat.numeric.steady.steady_state`. With the default, backend names and
        each backend's ``MAX_N`` are checked up front. It must be picklable (a module-level
        function) to run on several processes or on Dask.
    """

    def __init__(self, grid: Mapping[str, Sequence] | SweepConfig, *,
                 fixed: Mapping[str, Any] | None = None, solver: Solver | None = None) -> None:
        if isinstance(grid, SweepConfig):
            if fixed is not None:
                raise TypeError("fixed must not be given with a SweepConfig")
            self.config = grid
        else:
            self.config = SweepConfig(grid=grid, fixed=fixed)
        self.solver: Solver = steady.steady_state if solver is None else solver
        self.solver_name = _solver_name(self.solver)
        if solver is None and self.config.fixed.get("noise"):
            from dickeheat.numeric.valve_fcs import steady_state_with_noise

            self.solver = steady_state_with_noise
            self.solver_name = _solver_name(self.solver)
            if "noise_log_cut" in self.config.fixed:  # (its value is in the fingerprint)
                self.solver = functools.partial(steady_state_with_noise,
                                                log_cut=self.config.fixed["noise_log_cut"])
        if solver is None:
            self._check_backends()
        self.fingerprint = self.config.fingerprint(self.solver_name)

    def _check_backends(self) -> None:
        names = self.config.grid.get("backend", (self.config.fixed.get("backend"),))
        for i, name in enumerate(names):
            if name != "auto" and name not in steady.BACKENDS:
                where = f"grid.backend[{i}]" if "backend" in self.config.grid else "fixed.backend"
                raise UnknownNameError(f"{where} must be one of {['auto', *steady.BACKENDS]}, "
                                       f"got {name!r}")
        for _, point in self.config.points():
            params = {k: v for k, v in point.items() if k in MODEL_FIELDS}
            steady.resolve_backend(HeatValve(**params), point["backend"])
            if point.get("noise"):
                from dickeheat.numeric.valve_fcs import check_unique

                try:
                    check_unique(HeatValve(**params))
                except ParameterError as err:
                    raise ParameterError(f"noise = true at {self.config._describe(point)}: "
                                         f"{err}") from None

    # -- running ---------------------------------------------------------------------------
    def pending(self, out: str | os.PathLike | None = None) -> int:
        """How many points a :meth:`run` with this ``out`` would still have to solve."""
        if out is None:
            return self.config.size
        if self._finished(Path(out)) is not None:
            return 0
        done = read_journal(journal_path(out), self.fingerprint)
        return self.config.size - len(done)

    def run(self, *, out: str | os.PathLike | None = None, scheduler: str | None = None,
            processes: int | None = None, progress: bool = True, overwrite: bool = False):
        """Solve every point not yet done and return the dataset (see :func:`sweep`)."""
        if processes is not None and (isinstance(processes, bool) or
                                      not isinstance(processes, int) or processes < 1):
            raise ParameterError(f"processes must be an integer >= 1, got {processes!r}")
        if processes is not None and scheduler is not None:
            raise ParameterError("give either processes (local) or scheduler (Dask), not both")
        workers = (os.cpu_count() or 1) if processes is None else processes
        if scheduler is not None or workers > 1:
            _check_picklable(self.solver, self.solver_name)
        journal: Journal | None = None
        lock: RunLock | None = None
        done: dict[tuple[int, ...], dict[str, Any]] = {}
        if out is not None:
            out = Path(out)
            if not out.parent.is_dir():
                raise ParameterError(f"out: directory {str(out.parent)!r} does not exist")
            finished = self._finished(out)
            if finished is not None:
                return finished
            if out.exists() and not overwrite:
                raise ParameterError(f"out: {str(out)!r} exists and is not the output of this "
                                     "sweep; pass overwrite=True to replace it, or choose "
                                     "another file")
            lock = RunLock(lock_path(out))
            lock.acquire()
        try:
            if out is not None:
                opened = Journal(journal_path(out), self.fingerprint, self.config.to_dict())
                done = opened.open()  # refuses a foreign journal (left untouched)
                journal = opened
            tasks = [(index, self.config.model(p), p["backend"])
                     for index, p in self.config.points() if index not in done]

            def record(index: tuple[int, ...], rec: dict[str, Any]) -> None:
                done[index] = rec
                if journal is not None:
                    journal.append(index, rec)

            if tasks:
                _execute(tasks, self.solver, record, scheduler=scheduler, processes=processes,
                         progress=progress, initial=self.config.size - len(tasks),
                         total=self.config.size,
                         inherited=() if lock is None or lock.fd is None else (lock.fd,))
            ds = self._assemble(done)
            if out is not None:
                tmp = out.with_name(out.name + ".tmp")
                ds.to_netcdf(tmp, engine="netcdf4", format="NETCDF4")
                os.replace(tmp, out)
                journal_path(out).unlink(missing_ok=True)
        finally:
            if journal is not None:
                journal.close()
                if not done:  # nothing solved (e.g. no scheduler): leave no empty journal
                    journal.path.unlink(missing_ok=True)
            if lock is not None:
                lock.release()
        return ds

    def _finished(self, out: Path):
        """The dataset in ``out`` if it is this sweep, finished; else None."""
        if not out.exists():
            return None
        import xarray as xr

        try:
            ds = xr.load_dataset(out, engine="netcdf4")
        except (OSError, ValueError):
            return None
        return ds if ds.attrs.get("sweep_fingerprint") == self.fingerprint else None

    def _assemble(self, done: dict[tuple[int, ...], dict[str, Any]]):
        import xarray as xr

        cfg = self.config
        shape = cfg.shape
        arrays: dict[str, np.ndarray] = {k: np.full(shape, np.nan) for k in
                                         (*_SOLVED, "Q_ind", "T_star", *_OPTIONAL_OUT)}
        arrays["backend_used"] = np.full(shape, "", dtype=object)
        arrays["error"] = np.full(shape, "", dtype=object)
        arrays["failed"] = np.zeros(shape, dtype=bool)
        for index, point in cfg.points():
            model = cfg.model(point)
            arrays["Q_ind"][index] = independent_current(model)
            arrays["T_star"][index] = model.T_star
            rec = done[index]
            if rec.get("error"):
                arrays["failed"][index] = True
                arrays["error"][index] = rec["error"]
                continue
            for k in _SOLVED:
                arrays[k][index] = rec[k]
            for k in _OPTIONAL_OUT:
                arrays[k][index] = rec.get(k, math.nan)
            arrays["backend_used"][index] = rec["backend_used"]
        dims = cfg.dims
        coords: dict[str, Any] = {}
        for k, values in cfg.grid.items():
            dtype = object if k == "backend" else (np.int64 if k == "N" else np.float64)
            coords[k] = (k, np.array(values, dtype=dtype))
        defaults = HeatValve(N=1)
        for k in (*MODEL_FIELDS, "backend"):
            if k not in cfg.grid:
                v = cfg.fixed.get(k, getattr(defaults, k, None))
                if v is not None:
                    coords[k] = v
        data = {k: (dims, arrays[k], {"description": _DESCRIPTION[k]}) for k in OUTPUTS}
        attrs = {
            "title": "dickeheat heat-valve steady-state sweep",
            "units": "natural units hbar = k_B = 1: energies, rates, temperatures and heat "
                     "currents in the unit of omega0's value",
            "sweep_config": json.dumps(cfg.to_dict()),
            "sweep_fingerprint": self.fingerprint,
            "solver": self.solver_name,
            "dickeheat_version": __version__,
        }
        if cfg.fixed.get("noise"):
            from dickeheat.numeric.valve_fcs import LOG_CUT

            attrs["noise_log_cut"] = cfg.fixed.get("noise_log_cut", LOG_CUT)
        return xr.Dataset(data, coords=coords, attrs=attrs)


def _execute(tasks, solver, record, *, scheduler, processes, progress, initial, total,
             inherited: tuple[int, ...] = ()) -> None:
    """Run ``tasks`` [(index, model, backend)] and pass each result to ``record`` on arrival.

    ``inherited``: file descriptors (the output's lock) that forked workers must close.
    """
    from tqdm.auto import tqdm

    if scheduler is not None:
        try:
            from dask.distributed import Client
            from dask.distributed import as_completed as dask_completed
        except ImportError:
            raise MissingDependencyError(
                "scheduler= needs Dask distributed: pip install 'dickeheat[dask]'"
            ) from None
        with _connect(Client, scheduler) as client:
            futures = {client.submit(_solve_point, solver, m, b, pure=False): i
                       for i, m, b in tasks}
            bar = tqdm(total=total, initial=initial, disable=not progress, desc="sweep",
                       unit="pt", file=sys.stderr)
            try:
                for fut in dask_completed(futures, loop=client.loop):
                    record(futures[fut], fut.result())
                    bar.update()
            except BaseException:
                client.cancel(list(futures))
                raise
            finally:
                bar.close()
        return
    workers = min((os.cpu_count() or 1) if processes is None else processes, len(tasks))
    if workers == 1:
        with tqdm(total=total, initial=initial, disable=not progress, desc="sweep", unit="pt",
                  file=sys.stderr) as bar:
            for i, m, b in tasks:
                record(i, _solve_point(solver, m, b))
                bar.update()
        return
    ctx = multiprocessing.get_context()
    forked = ctx.get_start_method() == "fork"  # only then are the descriptors inherited
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=worker_init,
                               initargs=(os.getpid(), inherited if forked else ()))
    try:
        futures = {pool.submit(_solve_point, solver, m, b): i for i, m, b in tasks}
        with tqdm(total=total, initial=initial, disable=not progress, desc="sweep", unit="pt",
                  file=sys.stderr) as bar:
            for fut in as_completed(futures):
                record(futures[fut], fut.result())
                bar.update()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _connect(client_class, address: str):
    """A Dask client of the scheduler at ``address``, or SchedulerError within a few seconds."""
    if not isinstance(address, str) or not address:
        raise SchedulerError(f"scheduler must be an address such as 'tcp://127.0.0.1:8786', "
                             f"got {address!r}")
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme == "tcp":  # fail at once on a refused connection (no scheduler there)
            host, port = parse_host_port(location)
            socket.create_connection((host, port), timeout=SCHEDULER_TIMEOUT).close()
        return client_class(address, timeout=SCHEDULER_TIMEOUT, set_as_default=False)
    except (ValueError, TypeError) as err:
        raise SchedulerError(f"scheduler {address!r} is not a valid Dask address ({err}); "
                             "expected e.g. 'tcp://127.0.0.1:8786'") from None
    except OSError as err:  # includes TimeoutError and ConnectionRefusedError
        raise SchedulerError(
            f"scheduler {address!r}: no Dask scheduler answered within {SCHEDULER_TIMEOUT:g} s "
            f"({type(err).__name__}: {err}); start one (dask scheduler) or fix the address"
        ) from None


def sweep(grid: Mapping[str, Sequence], *, fixed: Mapping[str, Any] | None = None,
          out: str | os.PathLike | None = None, scheduler: str | None = None,
          processes: int | None = None, progress: bool = True, solver: Solver | None = None,
          overwrite: bool = False):
    """Steady states on a grid of heat-valve parameters, as an :class:`xarray.Dataset`.

    Parameters
    ----------
    grid
        Parameter name -> list of values (any :class:`HeatValve` field or ``backend``); the
        keys, in order, are the dimensions of every data variable.
    fixed
        Parameter name -> scalar for the parameters that are not swept (``N`` must be in
        one of the two; ``backend`` defaults to ``"auto"``).
    out
        NetCDF4 file to write. The sweep is then resumable: finished points are journalled
        in ``<out>.points.jsonl`` and a rerun computes only the missing ones.
    scheduler
        Address of a Dask distributed scheduler (e.g. ``"tcp://127.0.0.1:8786"``): run the
        points there instead of on local processes. Needs ``dickeheat[dask]``.
    processes
        Number of local worker processes (default: the number of CPUs); ``1`` solves in
        this process. Not together with ``scheduler``.
    progress
        Show a tqdm progress bar on stderr.
    solver
        ``solver(model, *, backend) -> SteadyState`` used instead of
        :func:`~dickeheat.numeric.steady.steady_state` (e.g. a stand-in in tests).
    overwrite
        Replace an existing ``out`` that is not this sweep's output (default: refuse with
        :class:`~dickeheat.errors.ParameterError`).

    Returns
    -------
    xarray.Dataset
        The variables listed in :data:`OUTPUTS` over the swept dimensions; every parameter
        is a coordinate (swept ones as dimension coordinates, fixed ones as scalars).

    Raises
    ------
    ParameterError, UnknownNameError
        Before any solve, for an invalid configuration (the message names the key), a grid of
        more than :data:`~dickeheat.numeric.sweep_config.MAX_POINTS` points, a solver that
        cannot be pickled when it must run on other processes, or an ``out`` another running
        sweep is writing.
    SchedulerError
        A ``ParameterError``: ``scheduler`` is malformed or no scheduler answers within
        :data:`SCHEDULER_TIMEOUT` seconds.
    """
    return Sweep(grid, fixed=fixed, solver=solver).run(out=out, scheduler=scheduler,
                                                        processes=processes, progress=progress,
                                                        overwrite=overwrite)
