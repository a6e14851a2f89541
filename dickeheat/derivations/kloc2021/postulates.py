"""kloc2021: the physical inputs its chains start from and do not derive (id → phrase), and
the ids each result rests on; attached by :func:`dickeheat.derivations.paper_results`."""

__all__ = ["POSTULATES", "USES"]

POSTULATES: dict[str, str] = {
    "L1": "H = Omega J_z^2 in the sector j = N/2 (1)-(2)",
    "L2": "parity Pi = exp(i pi (J_x - N/2)) (footnote [58]) and the proper basis |v_a^pm> (3)",
    "L3": "couplings A_c = A_w = J_x, A_h = J_x^2/N (2)",
    "L4": "spectral density Gamma(omega) (5), continued as an odd function",
    "L5": "thermal bosonic baths gamma(omega) = Gamma(omega)[1 + n(omega)] (4)",
    "L6": "Pauli (Born-Markov-secular) rates R_ab = gamma(E_b - E_a) |<v_a|A|v_b>|^2 (7)",
    "L7": "counting-field rate matrix; cumulants from its dominant eigenvalue (10), App. E",
    "L8": "reduced three-level rate model (G1) with effective rates at resonance (G2)",
    "L9": "reduced two-level model with a cold and a work bath (App. D)",
    "L10": "T = 0 waiting-time density R exp(-R tau) (C2)",
    "L11": "entropy production sigma_i = -sum_nu beta_nu I_nu (18)",
    "L12": "thermodynamic uncertainty relation sigma_i S/I^2 >= 2 (19), sampled here",
    "L13": "GHZ preparation unitary exp(+- i theta sigma_y^{(x)N}) (App. A)",
    "L14": "resonant laser Gamma_L -> infinity (G6)",
    "L15": "work bath n_w -> infinity (G3)",
    "L16": "T = 0 and constant Gamma along the ladder (C3)",
}

_PAULI = ("L1", "L2", "L3", "L4", "L5", "L6")
_REDUCED = ("L1", "L2", "L5", "L7", "L8")
_LADDER = ("L1", "L2", "L3", "L6", "L10", "L16")

USES: dict[str, tuple[str, ...]] = {
    "parity_Jx": ("L2",), "parity_Jy": ("L2",), "parity_Jz": ("L2",),
    "proper_parity": ("L2",), "spectrum": ("L1", "L2"), "sector_dimension": ("L2",),
    "ghz_angle": ("L13",), "alpha_plus": (), "alpha_minus": (),
    **{n: ("L2", "L3") for n in ("Jx_up", "Jx_down", "Jx2_up", "Jx2_down", "Jx2_boundary",
                                 "Jx_ground")},
    **{n: ("L4",) for n in ("spectral_odd", "peak_position", "peak_position_limit",
                            "peak_height", "peak_height_limit")},
    "gamma_absorption": ("L4", "L5"), "kms": ("L4", "L5"),
    **{n: _PAULI for n in ("rate_up_Jx", "rate_up_Jx2", "local_detailed_balance",
                           "local_thermalisation")},
    "current_generic": ("L7",), "noise_generic": ("L7",),
    "gap_cold": ("L1", "L2"), "gap_work": ("L1", "L2"), "gap_hot": ("L1", "L2"),
    **{f"G_{x}_eff": ("L2", "L3", "L4", "L6", "L8") for x in "chw"},
    "current_finite_nw": _REDUCED,
    **{n: (*_REDUCED, "L15") for n in ("G3_conditional", "G3_escape", "G4_current",
                                       "G5_noise", "beta_c_max")},
    "G6_laser_current": (*_REDUCED, "L14"), "G6_laser_noise": (*_REDUCED, "L14"),
    "first_law": _REDUCED,
    "entropy_production": (*_REDUCED, "L11"),
    "tur_ratio": (*_REDUCED, "L11", "L15"),
    "carnot_bound": ("L11",),
    "tur_cop_bound": ("L11", "L12"),
    "zero_T_decay_rate": ("L1", "L2", "L3", "L6", "L16"),
    "waiting_time": _LADDER,
    "D1_rate": ("L2", "L3", "L4", "L6", "L9"), "D2_current": ("L5", "L7", "L9"),
    "ladder_relaxation_time": _LADDER, "ladder_log_coefficient": _LADDER,
}
