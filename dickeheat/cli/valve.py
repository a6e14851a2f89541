"""The ``dickeheat valve`` verb: the steady state of one heat valve from the command line.

Natural units by default (ħ = k_B = 1, energies in the unit of ``--omega0``, default 1). With
``--si``: ``--omega0`` and the rates are ordinary frequencies ω/2π and γ/2π in GHz,
temperatures in mK, heat currents are printed in fW and T* in mK (scipy.constants; see
:mod:`dickeheat.numeric.units`). Bad input exits with status 2 (via
:class:`dickeheat.errors.DickeheatError`).
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from dickeheat.cli._common import print_json
from dickeheat.cli._progress import spinner, wanted
from dickeheat.errors import ParameterError, check_nonnegative

__all__ = ["add_parser", "valve_record"]

_DESCRIPTION = """\
Steady state of N qubits with H0 = omega0 J_z, collective hot and cold baths
(gamma_i(1+n_i) D[J-] + gamma_i n_i D[J+]) and an optional local parasitic bath
(gamma_p(1+n_p) D[sigma-_j] + gamma_p n_p D[sigma+_j]), optional local dephasing
(gamma_phi/2) sum_j D[sigma^z_j] (gamma_phi = 1/T_phi, the decay rate of one qubit's coherence)
and collective dephasing gamma_phi_c D[J_z] (which changes no population and no current), and
optional local pumping gamma_pump sum_j D[sigma+_j] (PIQS's 'pumping'; its energy current is
Q_pump). Prints the heat currents Q_h, Q_c, Q_p
(positive from the bath into the qubits), Q_ind (N independent qubits with the same local
baths; Q_ind_without_parasitic drops the parasitic bath), ratio = Q_h/Q_ind, <J^2>, T*, the
residual and the solve time.

Without a parasitic bath and without local dephasing J^2 is conserved and the steady
state depends on the initial state: it is solved in the J = N/2 sector of the all-ground
state unless --J picks another sector.

Units: natural (hbar = k_B = 1; rates, temperatures and currents in the unit of --omega0,
default omega0 = 1). With --si: --omega0 is omega0/2pi in GHz (required), --gamma-h/-c/-p are
gamma/2pi in GHz (ordinary frequencies, like omega0/2pi), --Th/--Tc/--Tp in mK; currents are
printed in fW and T* in mK.

With --noise: the full counting statistics of the heat currents on the Dicke lattice (exact
rate equation, one Drazin solve per bath): the noise S_h, S_c, S_p (the second cumulant per
unit time of the energy exchanged with each bath), the entropy production
sigma = -(Q_h/T_h + Q_c/T_c + Q_p/T_p) and the TUR ratio tur_h = S_h sigma / Q_h^2 (>= 2).
It needs a unique steady state (a parasitic bath, local dephasing or pumping, or --J) and
costs one more solve (at N = 10000 less than the mean itself at low temperature).
--noise-log-cut X (default 35) leaves out the levels whose population is below e^-X of the
largest; lower it (>= 20) when a hot valve at large N keeps too many levels.

Limits: backend 'qutip' N <= 8 with a parasitic bath (full 2^N space) and N <= 400 in one J
sector; backend 'piqs' N <= 96 (accuracy ~1e-6..1e-3 relative: single-precision rates);
backend 'reduced' (exact rate equations on the Dicke populations) N <= 30000, memory permitting.
'auto' uses 'qutip' up to N = 6 and 'reduced' above.
"""


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``valve`` verb to the sub-command parsers ``sub``."""
    from dickeheat.numeric.steady import BACKENDS

    p = sub.add_parser("valve", help="steady-state heat currents of one collective heat valve",
                       description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--N", type=int, required=True, help="number of qubits (>= 1)")
    p.add_argument("--Th", type=float, required=True, metavar="F", help="hot-bath temperature")
    p.add_argument("--Tc", type=float, required=True, metavar="F", help="cold-bath temperature")
    p.add_argument("--gamma-h", type=float, default=1.0, metavar="F",
                   help="hot-bath rate gamma_h (default 1; with --si: gamma_h/2pi in GHz)")
    p.add_argument("--gamma-c", type=float, default=1.0, metavar="F",
                   help="cold-bath rate gamma_c (default 1; with --si: gamma_c/2pi in GHz)")
    p.add_argument("--Tp", type=float, metavar="F", help="parasitic-bath temperature")
    p.add_argument("--gamma-p", type=float, default=0.0, metavar="F",
                   help="parasitic local rate gamma_p (default 0; with --si: GHz, gamma_p/2pi)")
    p.add_argument("--gamma-phi", type=float, default=0.0, metavar="F",
                   help="local dephasing rate gamma_phi, (gamma_phi/2) sum_j D[sigma^z_j] "
                   "(default 0; with --si: GHz, gamma_phi/2pi)")
    p.add_argument("--gamma-phi-c", type=float, default=0.0, metavar="F",
                   help="collective dephasing rate gamma_phi_c, gamma_phi_c D[J_z] "
                   "(default 0; with --si: GHz, gamma_phi_c/2pi)")
    p.add_argument("--gamma-pump", type=float, default=0.0, metavar="F",
                   help="local pumping rate gamma_pump, gamma_pump sum_j D[sigma+_j] "
                   "(default 0; with --si: GHz, gamma_pump/2pi)")
    p.add_argument("--noise", action="store_true",
                   help="also the noise S_h, S_c, S_p of the heat currents, the entropy "
                   "production sigma and the TUR ratio tur_h (full counting statistics)")
    p.add_argument("--noise-log-cut", type=_log_cut, metavar="X",
                   help="with --noise: leave out the Dicke levels whose population is below "
                   "e^-X of the largest (X in [20, 700]; default 35, the library's LOG_CUT). "
                   "A lower X keeps fewer levels (faster, less memory) at a small cost in "
                   "accuracy; see the valve guide")
    p.add_argument("--J", type=float, metavar="F",
                   help="solve in this collective-spin sector (N/2, N/2-1, ...; no parasitic bath)")
    p.add_argument("--omega0", type=float, metavar="F",
                   help="qubit frequency (natural units: default 1; --si: omega0/2pi in GHz, "
                   "required)")
    p.add_argument("--backend", default="auto", choices=["auto", *BACKENDS],
                   help="steady-state solver (default auto)")
    p.add_argument("--si", action="store_true", help="SI units at the edge: GHz, mK, fW")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_cmd_valve)
    return p


def _log_cut(text: str) -> float:
    """The value of ``--noise-log-cut``: a finite number in [20, 700]."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 20.0 <= value <= 700.0:  # NaN and infinities fail too
        raise argparse.ArgumentTypeError(
            f"must be a number in [20, 700] (the truncation e^-X of the counting statistics), "
            f"got {text!r}")
    return value


def _model_from_args(args: argparse.Namespace):
    from dickeheat.numeric import units
    from dickeheat.numeric.model import HeatValve

    raw = {"--Th": args.Th, "--Tc": args.Tc, "--gamma-h": args.gamma_h,
           "--gamma-c": args.gamma_c, "--gamma-p": args.gamma_p,
           "--gamma-phi": args.gamma_phi, "--gamma-phi-c": args.gamma_phi_c,
           "--gamma-pump": args.gamma_pump}
    if args.Tp is not None:
        raw["--Tp"] = args.Tp
    for flag, value in raw.items():
        check_nonnegative(flag, value)
    if args.N < 1:
        raise ParameterError(f"--N must be an integer >= 1, got {args.N}")
    if args.J is not None and args.gamma_p > 0:
        raise ParameterError("--J cannot be combined with a parasitic bath (--gamma-p > 0): the "
                             "local bath does not conserve J^2")
    if args.J is not None and args.gamma_phi > 0:
        raise ParameterError("--J cannot be combined with local dephasing (--gamma-phi > 0): "
                             "it does not conserve J^2")
    if args.J is not None and args.gamma_pump > 0:
        raise ParameterError("--J cannot be combined with local pumping (--gamma-pump > 0): "
                             "it does not conserve J^2")
    if getattr(args, "noise_log_cut", None) is not None and not getattr(args, "noise", False):
        raise ParameterError("--noise-log-cut sets the truncation of the counting statistics: "
                             "it needs --noise")
    if getattr(args, "noise", False) and args.J is None and args.gamma_p == 0 \
            and args.gamma_phi == 0 and args.gamma_pump == 0:
        raise ParameterError(
            "--noise needs a unique steady state: without a parasitic bath (--gamma-p 0), local "
            "dephasing (--gamma-phi 0) and pumping (--gamma-pump 0) J^2 is conserved; give "
            "--gamma-p > 0 with --Tp, --gamma-phi > 0, --gamma-pump > 0, or fix the sector "
            "with --J")
    if not args.si:
        omega0 = 1.0 if args.omega0 is None else args.omega0
        return HeatValve(N=args.N, omega0=omega0, gamma_h=args.gamma_h, gamma_c=args.gamma_c,
                         T_h=args.Th, T_c=args.Tc, gamma_p=args.gamma_p, T_p=args.Tp, J=args.J,
                         gamma_phi=args.gamma_phi, gamma_phi_c=args.gamma_phi_c,
                         gamma_pump=args.gamma_pump)
    if args.omega0 is None:
        raise ParameterError("--si needs --omega0 (omega0/2pi in GHz, > 0)")
    w = args.omega0

    def T(value: float | None, flag: str) -> float | None:
        return None if value is None else units.temperature_to_natural(value, w, name=flag)

    return HeatValve(
        N=args.N, omega0=1.0,
        gamma_h=units.rate_to_natural(args.gamma_h, w, name="--gamma-h"),
        gamma_c=units.rate_to_natural(args.gamma_c, w, name="--gamma-c"),
        gamma_p=units.rate_to_natural(args.gamma_p, w, name="--gamma-p"),
        T_h=T(args.Th, "--Th"), T_c=T(args.Tc, "--Tc"), T_p=T(args.Tp, "--Tp"), J=args.J,
        gamma_phi=units.rate_to_natural(args.gamma_phi, w, name="--gamma-phi"),
        gamma_phi_c=units.rate_to_natural(args.gamma_phi_c, w, name="--gamma-phi-c"),
        gamma_pump=units.rate_to_natural(args.gamma_pump, w, name="--gamma-pump"),
    )


def valve_record(model, *, backend: str = "auto", omega0_GHz: float | None = None,
                 noise: bool = False, noise_log_cut: float | None = None) -> dict[str, Any]:
    """Solve ``model`` and return the JSON record of the ``valve`` verb.

    With ``omega0_GHz`` (the model must then have ``omega0 = 1``) currents are in fW and
    temperatures in mK; otherwise everything is in the natural units of the model. With
    ``noise``, the full counting statistics (:func:`dickeheat.numeric.valve_fcs.valve_noise`)
    add ``S_h, S_c, S_p`` (noise; fW·zJ with SI units), ``sigma`` (entropy production;
    k_B/ns with SI units), ``tur_h`` and their details; ``noise_log_cut`` is its truncation
    ``log_cut`` (default :data:`~dickeheat.numeric.valve_fcs.LOG_CUT`), reported as
    ``fcs_log_cut``.
    """
    if noise:
        from dickeheat.numeric.valve_fcs import check_unique

        check_unique(model)
    from dickeheat.numeric import units
    from dickeheat.numeric.currents import independent_current
    from dickeheat.numeric.steady import steady_state

    ss = steady_state(model, backend=backend)
    Q_ind = independent_current(model)
    scale = model.N * model.omega0 * (model.gamma_h + model.gamma_c)
    ratio = None if abs(Q_ind) <= 1e-14 * scale else ss.Q_h / Q_ind
    si = omega0_GHz is not None

    def Q(x: float) -> float:
        return units.current_to_fW(x, omega0_GHz) if si else x

    T_star = units.temperature_to_mK(model.T_star, omega0_GHz) if si else model.T_star
    sector = None
    if model.conserves_J:
        sector = model.N / 2 if model.J is None else model.J
    rec: dict[str, Any] = {
        "N": model.N,
        "backend": ss.backend,
        "Q_h": Q(ss.Q_h), "Q_c": Q(ss.Q_c), "Q_p": Q(ss.Q_p), "Q_pump": Q(ss.Q_pump),
        "Q_ind": Q(Q_ind),
        "Q_ind_without_parasitic": Q(independent_current(model, parasitic=False)),
        "ratio": ratio,
        "first_law": Q(ss.first_law),
        "jz": ss.jz, "J2": ss.J2,
        "P_J": {f"{J:g}": p for J, p in ss.P_J.items()},
        "J_sector": sector,
        "T_star": T_star,
        "residual": ss.residual, "trace": ss.trace, "solve_seconds": ss.solve_seconds,
        "units": ({"Q": "fW", "T": "mK", "omega0": "GHz (omega0/2pi)",
                   "rates": "GHz (" + units.RATE_CONVENTION + ")"} if si else
                  {"Q": "natural (hbar = k_B = 1): energy x rate in the unit of omega0",
                   "T": "natural (k_B = 1), unit of omega0"}),
        "model": {"omega0": model.omega0, "gamma_h": model.gamma_h, "gamma_c": model.gamma_c,
                  "gamma_p": model.gamma_p, "gamma_phi": model.gamma_phi,
                  "gamma_phi_c": model.gamma_phi_c, "gamma_pump": model.gamma_pump,
                  "T_h": model.T_h, "T_c": model.T_c,
                  "T_p": model.T_p,
                  "J": model.J, "units": "natural (omega0 = 1)" if si else "natural"},
    }
    J_max = getattr(ss.rho, "J_max", None)
    if J_max is not None:  # backend reduced cut the lattice where the probability is negligible
        rec["lattice_cut_above_J"] = J_max
        rec["probability_at_cut"] = ss.rho.cut_mass
    if noise:
        rec.update(_noise_record(model, ss, omega0_GHz, noise_log_cut))
    return rec


def _noise_record(model, ss, omega0_GHz: float | None,
                  log_cut: float | None = None) -> dict[str, Any]:
    """The ``--noise`` keys (natural units, or fW·zJ and k_B/ns with ``omega0_GHz``);
    ``log_cut`` is passed to :func:`~dickeheat.numeric.valve_fcs.valve_noise` (``None``: its
    default)."""
    import scipy.constants as const

    from dickeheat.numeric.reduced import DickePopulations
    from dickeheat.numeric.valve_fcs import LOG_CUT, valve_noise

    pops = ss.rho if isinstance(ss.rho, DickePopulations) else None
    fcs = valve_noise(model, populations=pops, log_cut=LOG_CUT if log_cut is None else log_cut)
    S_scale, sigma_scale = 1.0, 1.0
    if omega0_GHz is not None:
        w = 2 * const.pi * omega0_GHz * const.giga
        S_scale = const.hbar**2 * w**3 / (const.femto * const.zepto)  # (ħω0)²ω0 in fW·zJ
        sigma_scale = w * const.nano  # k_B ω0 in k_B per ns
    out = fcs.as_dict()
    for key in ("S_h", "S_c", "S_p"):
        out[key] = float(out[key]) * S_scale  # type: ignore[arg-type]
    if fcs.sigma is not None:
        out["sigma"] = fcs.sigma * sigma_scale
    out["fcs_levels_total"] = fcs.levels_total
    out["fcs_log_cut"] = fcs.log_cut
    out["noise_units"] = ({"S": "fW zJ (= 1e-36 J^2/s)", "sigma": "k_B/ns"}
                          if omega0_GHz is not None else
                          {"S": "natural: energy^2 x rate in the unit of omega0",
                           "sigma": "natural: k_B x rate in the unit of omega0"})
    return out


def _fmt(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:.6g}" if isinstance(x, float) else str(x)


def _cmd_valve(args: argparse.Namespace) -> int:
    model = _model_from_args(args)
    what = "steady state and noise" if args.noise else "steady state"
    with spinner(f"valve: solving the {what} for N = {model.N}", wanted(args, sys.stderr)):
        rec = valve_record(model, backend=args.backend,
                           omega0_GHz=args.omega0 if args.si else None, noise=args.noise,
                           noise_log_cut=args.noise_log_cut)
    if args.json:
        print_json(rec)
        return 0
    uq, ut = (" fW", " mK") if args.si else ("", "")
    print(f"heat valve N = {rec['N']}  (backend {rec['backend']}, {rec['solve_seconds']:.2f} s)")
    for key in ("Q_h", "Q_c", "Q_p", "Q_ind"):
        print(f"  {key:<6} = {_fmt(rec[key])}{uq}")
    if model.gamma_p > 0:
        print(f"  Q_ind without the parasitic bath = {_fmt(rec['Q_ind_without_parasitic'])}{uq}")
    if model.gamma_pump > 0:
        print(f"  Q_pump = {_fmt(rec['Q_pump'])}{uq}  (energy fed in by the local pumping)")
    print(f"  Q_h/Q_ind = {_fmt(rec['ratio'])}")
    print(f"  <J_z> = {_fmt(rec['jz'])}   <J^2> = {_fmt(rec['J2'])}   "
          f"T* = {_fmt(rec['T_star'])}{ut}")
    print("  P_J: " + ", ".join(f"J={J}: {p:.4g}" for J, p in rec["P_J"].items()))
    if rec["J_sector"] is not None:
        print(f"  (no parasitic bath, no local dephasing: J^2 is conserved; solved in the "
              f"J = {rec['J_sector']:g} sector)")
    if "lattice_cut_above_J" in rec:
        print(f"  (solved for J <= {rec['lattice_cut_above_J']:g}: the ladder there and all "
              f"above it hold {rec['probability_at_cut']:.1e} of the probability; P_J above "
              f"is 0)")
    print(f"  residual ||L rho|| = {rec['residual']:.2e}   first law Q_h+Q_c+Q_p"
          f"{'+Q_pump' if model.gamma_pump > 0 else ''} = {rec['first_law']:.2e}{uq}")
    if args.noise:
        us = " fW zJ" if args.si else ""
        print(f"  noise S_h = {_fmt(rec['S_h'])}{us}  S_c = {_fmt(rec['S_c'])}{us}  "
              f"S_p = {_fmt(rec['S_p'])}{us}")
        print(f"  entropy production sigma = {_fmt(rec['sigma'])}{' k_B/ns' if args.si else ''}"
              f"   TUR ratio S_h sigma/Q_h^2 = {_fmt(rec['tur_h'])} (>= 2)")
        if rec["fcs_note"]:
            print(f"  ({rec['fcs_note']})")
        print(f"  counting statistics on {rec['fcs_levels']} of {rec['fcs_levels_total']} Dicke "
              f"levels (log_cut {rec['fcs_log_cut']:g}), residual {rec['fcs_residual']:.1e}, "
              f"{rec['fcs_seconds']:.2f} s")
    return 0
