"""Data of the experimental-proposal figure (Sec. IV): arXiv Fig. 6 = published Fig. 5.

Parameters: Table I of each version (:mod:`dickeheat.reproduce.andolina2024.proposal`):
ω0/2π = 4 GHz, T_c = 96 mK (ν = 2.0 GHz; both captions print "ν_Tc = 1.0 GHz", which would be
48 mK), T_h = 384 mK, γ_p = 0.01 GHz, γ_h = γ_c = 1.0 GHz (arXiv) or 0.5 GHz (published);
rates read like ω0 (γ/ω0 = ν_γ/4 GHz), currents in fW via ħω0².

Panel (a): Q_h/N versus N for several T_p (steady state of Eq. (32) [published 33],
``backend="auto"``) with Q_h^ind/N. Panel (b), N = 2 versus T_p: the collective Q_h (QuTiP,
full 4-dimensional space), Q_h^ind (Eq. 25 [published 26]) and 2 Q_h^det (Eq. 36
[published D4]) with γ_2 = γ_1/(1 + Q²(ω/ω_LC − ω_LC/ω)²) as printed in Eq. (37)
[published D5] (what the paper plots), and with the γ_2 derived from (B18), which carries an
extra factor ω_0^(2)/ω_LC (the registered ``andolina2024.gamma_2`` is an erratum). γ_1 = γ_h
of the version's Table I (the published Appendix D says γ_1 = 1 GHz while its Table I and
Fig. 5 caption give 0.5 GHz); ω_0^(2) = ω_LC/2, quality factor 20.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from dickeheat.numeric import units
from dickeheat.reproduce.andolina2024 import proposal
from dickeheat.reproduce.andolina2024.common import (
    DEFAULT_VERSION,
    Q_ind,
    check_fast,
    check_version,
    run_sweep,
)

__all__ = ["TABLE_VERSION", "compute_fig6"]

#: figure version -> key of :data:`proposal.TABLE_I`
TABLE_VERSION = {"arxiv": "arXiv", "published": "published"}


def compute_fig6(*, version: str = DEFAULT_VERSION, fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """arXiv Fig. 6 = published Fig. 5 (see the module docstring); currents in fW."""
    key = TABLE_VERSION[check_version(version)]
    if check_fast(fast):
        N, Tp_a, Tp_b = [1, 2, 4, 8], [50.0, 150.0, 500.0], np.array([50.0, 150.0, 300.0, 450.0])
    else:
        N, Tp_a = list(range(1, 13)), [50.0, 100.0, 150.0, 250.0, 500.0]
        Tp_b = np.arange(50.0, 500.1, 10.0)
    base = proposal.proposal_model(key, 50.0)
    p = proposal.table_parameters(key)
    fixed = {"gamma_h": base.gamma_h, "gamma_c": base.gamma_c, "T_h": base.T_h, "T_c": base.T_c,
             "gamma_p": base.gamma_p}
    what = f"andolina2024-fig6 ({version})"
    nat_a = [proposal.mK_to_natural(t, p) for t in Tp_a]
    nat_b = np.array([proposal.mK_to_natural(t, p) for t in Tp_b])
    a = run_sweep({"T_p": nat_a, "N": N}, fixed | {"backend": "auto"}, what=what,
                  progress=progress)
    b = run_sweep({"T_p": list(nat_b)}, fixed | {"N": 2, "backend": "qutip"}, what=what,
                  progress=progress)

    def fW(q):
        return proposal.to_femtowatt(np.asarray(q, dtype=float), key)

    Nf = np.asarray(N, dtype=float)
    q_ind2 = float(Q_ind(2, base.T_h, base.T_c, base.gamma_h, base.gamma_c))
    det = proposal.detuned_currents(key, nat_b)
    return xr.Dataset(
        {
            "Q_a_fW": (("T_p_a", "N"), fW(a["Q_h"].values / Nf),
                       {"long_name": "Q_h/N [fW], steady state with the parasitic bath"}),
            "Q_ind_a_fW": ((), fW(Q_ind(1, base.T_h, base.T_c, base.gamma_h, base.gamma_c)),
                           {"long_name": "Q_h^ind/N [fW] (Eq. 25 [published 26])"}),
            "Q_b_fW": ("T_p_b", fW(b["Q_h"].values),
                       {"long_name": "collective Q_h [fW], N = 2 (QuTiP)"}),
            "Q_ind_b_fW": ((), fW(q_ind2), {"long_name": "Q_h^ind [fW], N = 2 (Eq. 25)"}),
            "Q_det2_fW": ("T_p_b", fW(det["printed"]),
                          {"long_name": "2 Q_h^det [fW], gamma_2 as printed (Eq. 37)"}),
            "Q_det2_derived_fW": ("T_p_b", fW(det["derived"]),
                                  {"long_name": "2 Q_h^det [fW], gamma_2 derived from (B18)"}),
            "enhancement": ("T_p_b", b["Q_h"].values / q_ind2 - 1.0,
                            {"long_name": "Q_h/Q_h^ind - 1, N = 2"}),
        },
        coords={"T_p_a": ("T_p_a", np.asarray(Tp_a), {"long_name": "T_p [mK]"}),
                "N": ("N", np.asarray(N), {"long_name": "number of qubits N"}),
                "T_p_b": ("T_p_b", Tp_b, {"long_name": "T_p [mK]"})},
        attrs={"figure": "andolina2024-fig6", "version": version,
               "omega0_over_2pi_GHz": p.omega0_GHz, "gamma_h_GHz": p.gamma_h_GHz,
               "gamma_c_GHz": p.gamma_c_GHz, "gamma_p_GHz": p.gamma_p_GHz,
               "T_h_mK": units.temperature_to_mK(base.T_h, p.omega0_GHz),
               "T_c_mK": units.temperature_to_mK(base.T_c, p.omega0_GHz),
               "quality_factor": p.quality,
               "gamma_2_printed": float(det["gamma_2_printed"]),
               "gamma_2_derived": float(det["gamma_2_derived"]),
               "units": "currents in fW (hbar omega0^2 with omega0/2pi = 4 GHz); T_p in mK; "
                        "gamma_2 in units of omega0"},
    )
