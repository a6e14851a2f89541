"""andolina2024: the physical inputs its chains start from and do not derive (id → phrase), and
the ids each result rests on; attached by :func:`dickeheat.derivations.paper_results`."""

__all__ = ["POSTULATES", "USES"]

POSTULATES: dict[str, str] = {
    "A1": "circuit Lagrangian (A17) of the transmon, coupling capacitors and resonators",
    "A2": "Josephson potential -E_J cos(2 pi phi/phi_0), phi_0 = h/2e (A5)",
    "A3": "charging energy E_C = e^2/(2 C_T) (definition)",
    "A4": "canonical quantisation by Dirac's rule [phi, Q] = i hbar {phi, Q}",
    "A5": "first order in C_c/C_T (A19-A21)",
    "A6": "truncation to the two lowest transmon levels (A14)",
    "A7": "RLC bath R || L || C (B11), element impedances in the e^{-i omega t} convention",
    "A8": "resistor as a Caldeira-Leggett bath of LC sections in a thermal state (B9-B10)",
    "A9": "coupling H_int = -hbar G_i J_x V_i (B3, B6)",
    "A10": "Born-Markov (golden-rule) rate gamma = |a|^2 S(omega_0)/hbar^2 (B16-B17)",
    "A11": "H_0 = hbar omega_0 J_z with J_x = sum sigma_x/2 (5)",
    "A12": "collective Lindblad dissipators (11): gamma_i (1 + n_i) D[J_-] + gamma_i n_i D[J_+]",
    "A13": "Bose occupation n_i = 1/(exp(hbar omega_0/k_B T_i) - 1) (12)",
    "A14": "heat current Q_i = Tr[H_0 D_i(rho)] (19)",
    "A15": "Gibbs state in a fixed, conserved J sector (App. C)",
    "A16": "comparison system: N independent qubits, each with its own hot and cold bath (25)",
    "A17": "local parasitic dissipators (31): gamma_p (1 + n_p) D[sigma_-^(j)] + "
           "gamma_p n_p D[sigma_+^(j)]",
    "A18": "product-Gibbs ansatz at T_p = T* (its annihilation by each dissipator is derived, "
           "its uniqueness is not)",
    "A19": "detuned protocol: each qubit a separate J = 1/2 system with gamma_h = gamma_c",
    "A20": "gamma(omega) at fixed G, R, Q with qubit 1 at omega_LC (37)",
    "A21": "bath mode as a thermal harmonic oscillator (33)",
}

_CIRCUIT = ("A1", "A2", "A3", "A4")
_RATE = ("A7", "A8", "A9", "A10")
_HEAT = ("A11", "A12", "A14")

USES: dict[str, tuple[str, ...]] = {
    "charge": ("A1",), "phidot_exact": ("A1",), "H_exact": ("A1",),
    "phidot": ("A1", "A5"), "H": ("A1", "A5"), "C_eff": ("A1", "A5"),
    "L_J": ("A2",), "E_J": ("A2",),
    "E_T_harmonic": _CIRCUIT, "quartic": _CIRCUIT, "E_T": _CIRCUIT,
    "H_qubit": (*_CIRCUIT, "A6"),
    "Q_ladder": ("A1", "A4"), "phi_ladder": ("A1", "A4"),
    "Q_qubit": ("A1", "A4", "A6"), "phi_qubit": ("A1", "A4", "A6"),
    "commutator": ("A1", "A4"),
    "G": ("A1", "A4", "A5", "A6"), "G_exact": ("A1", "A4", "A6"),
    "Z_LC": ("A7",), "re_Z": ("A7",), "quality": ("A7",), "linewidth": ("A7",),
    "re_Z_lorentzian": ("A7",),
    "structure_factor": ("A7", "A8"),
    "gamma": _RATE,
    "gamma_circuit": ("A1", "A4", "A5", "A6", *_RATE),
    "dicke_state": (),
    "detailed_balance": ("A12", "A13"),
    "T_star": ("A11", "A12"),
    "Q_h": _HEAT, "Q_h_steady": _HEAT,
    "Q_ind": (*_HEAT, "A16"),
    "partition_function": ("A11", "A15"), "jz_thermal": ("A11", "A15"),
    "jz_low_T": ("A11", "A15"), "jz_high_T": ("A11", "A15"), "jz_ratio": ("A11", "A15"),
    "Q_lim": (*_HEAT, "A15"), "Q_high_T": (*_HEAT, "A15"),
    "coth_limit": (*_HEAT, "A15", "A16"),
    "Q_max": _HEAT,
    "Q_p": ("A11", "A14", "A17"),
    "Q_h_Tp_eq_Tstar": (*_HEAT, "A13", "A17", "A18"),
    "T_k_star": ("A12", "A17", "A19"),
    "Q_det": (*_HEAT, "A17", "A19"),
    "gamma_2": (*_RATE, "A20"),
    "occupation": ("A21",),
}
