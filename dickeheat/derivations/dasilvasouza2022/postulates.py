"""dasilvasouza2022: the physical inputs its chains start from and do not derive (id → phrase), and
the ids each result rests on; attached by :func:`dickeheat.derivations.paper_results`."""

__all__ = ["POSTULATES", "USES"]

POSTULATES: dict[str, str] = {
    "D1": "H_0 (3): two collective spins S = N/2 with level spacings E_1, E_2",
    "D2": "drive V(t) (4), resonant nu = E_2 - E_1, in the interaction picture",
    "D3": "dissipators (6)-(8): Gamma_0 (n_i + 1) D[S_-^(i)] + Gamma_0 n_i D[S_+^(i)], "
          "Bose n_i",
    "D4": "GKSL master equation (5), used through the Heisenberg adjoint of moments",
    "D5": "power P = -<(dV/dt)_I> (10)",
    "D6": "heat current Q_i = Tr[H_0 D_i(rho)] (12)",
    "D7": "entropy production -beta_1 Q_1 - beta_2 Q_2 (15)",
    "D8": "efficiency eta = P/Q_2 and coefficient of performance Q_1/(-P) (definitions)",
    "D9": "thermodynamic uncertainty relation (19) and the constancy C_N (20) (definitions)",
    "D10": "variance (11) as twice the integrated power autocorrelation, by the quantum "
           "regression theorem",
    "D11": "macroscopic scaling (28)",
    "D12": "second-order cumulant closure (31)",
    "D13": "third-order closure about a stationary state with <m^x> = <m^y> = 0 (D4-D5)",
    "D14": "Gaussian (Isserlis) pairing of four-point functions (D2)",
    "D15": "T_1,2 = Tbar -+ Delta T/2 (definition, 23)",
    "D16": "cumulant closure at the stated order (order 2 is the paper's (31))",
}

_S = ("D1", "D2", "D3", "D4", "D5", "D6")
_MACRO = ("D1", "D3", "D4", "D11")

USES: dict[str, tuple[str, ...]] = {
    "power": ("D1", "D2", "D5"),
    "heat_current_1": ("D1", "D3", "D6"), "heat_current_2": ("D1", "D3", "D6"),
    "first_law": _S,
    "entropy_production_Q2": (*_S, "D7"), "entropy_production_Q1": (*_S, "D7"),
    "eta_carnot": (*_S, "D7", "D8"), "cop_carnot": (*_S, "D7", "D8"),
    "Q1_proportional": _S, "Q2_proportional": _S,
    "efficiency": (*_S, "D8"), "cop": (*_S, "D8"),
    "dE_star": (*_S, "D7", "D8", "D15"), "Tbar_star": (*_S, "D7", "D8", "D15"),
    "tur_bound": (*_S, "D7", "D8", "D9"), "constancy": (*_S, "D7", "D8", "D9"),
    "pair_power": _S, "pair_heat_1": _S, "pair_heat_2": _S,
    "pair_power_variance": (*_S, "D10"),
    "dissipator_mx": ("D1", "D3", "D4"), "dissipator_mz": ("D1", "D3", "D4"),
    "macro_dissipator_mx": _MACRO, "macro_dissipator_mz": _MACRO,
    "gibbs_exponent": ("D1", "D3", "D11"),
    "mz_ss": ("D1", "D3", "D11"), "mz2_ss": ("D1", "D3", "D11"),
    "mx2_ss": ("D1", "D3", "D11"),
    "hierarchy_n2": _MACRO, "hierarchy_n3": _MACRO,
    **{n: (*_MACRO, "D12") for n in ("eq38", "eq39", "jacobian_11", "jacobian_12",
                                      "jacobian_21", "jacobian_22", "lambda_plus",
                                      "lambda_minus")},
    **{f"eq47_m{s}{a}": ("D1", "D2", "D3", "D4", "D11") for s in "12" for a in "xyz"},
    **{f"eq{c}": ("D1", "D2", "D3", "D4", "D11", "D12")
       for c in ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12")},
    # the closed macroscopic equations at orders 1, 2, 3 (what `engine --method cumulant` uses)
    **{f"macro_rhs_order{k}": ("D1", "D2", "D3", "D4", "D11", "D16") for k in (1, 2, 3)},
    **{f"macro_{q}_order{k}": ("D1", "D2", "D3", "D4", "D5", "D6", "D11", "D16")
       for q in ("P", "J1", "J2") for k in (1, 2, 3)},
    # Appendix D with the order-2 closure
    "eqD1": ("D1", "D2", "D5", "D10", "D11"),
    "eqD3": ("D1", "D2", "D5", "D10", "D11", "D12", "D14"),
    **{f"eqD{k}_m{s}": ("D1", "D2", "D3", "D4", "D10", "D11", "D12")
       for k in (4, 5) for s in "12"},
    # the figures' route: third-order closure about the stationary state
    "macro_power_per_pair": ("D1", "D2", "D5", "D11"),
    **{f"eqD{k}_m{s}_order3": ("D1", "D2", "D3", "D4", "D10", "D11", "D13")
       for k in (4, 5) for s in "12"},
    "macro_power_variance": ("D1", "D2", "D5", "D10", "D11", "D14"),
}
