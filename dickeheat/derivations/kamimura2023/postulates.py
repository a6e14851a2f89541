"""kamimura2023: the physical inputs its chains start from and do not derive (id → phrase), and
the ids each result rests on; attached by :func:`dickeheat.derivations.paper_results`."""

__all__ = ["POSTULATES", "USES"]

POSTULATES: dict[str, str] = {
    "K1": "Redfield master equation (6)-(8) with one-sided correlation integrals Lambda_kl",
    "K2": "heat current J = Tr[H_S D(rho)] (7)",
    "K3": "||Lambda_kl|| <= Xi_kl ||A_l|| (definition of Xi, Eq. 9) and the norm lemmas "
          "(checked on random matrices, not proved)",
    "K4": "band condition (13): ||[A, H]|| <= Delta_E ||A|| (Bernstein)",
    "K5": "m-body model (10)-(11): H_S = omega_q J_z, A = (g L/C(L,m)) sum_{|S|=m} prod sigma_x",
    "K6": "white noise C(s) = c delta(s), gamma_wn = c g^2",
    "K7": "initial state: all qubits excited (12)",
    "K8": "superradiance model (15)-(16): H = omega_q J_z, A = 2 g J_x, gamma_0 = g^2 S(omega_q)",
    "K9": "detailed balance S(-omega) = exp(-omega/T) S(omega) at T -> 0",
    "K10": "superabsorption Hamiltonian omega_q J_z + Omega J_z^2 with Omega > 0 (18)",
    "K11": "GKSL (secular) master equation (20), gamma_kl = Gamma_kl + Gamma_lk^*",
    "K12": "eta = S(omega_q)/(2 Xi) <= 1",
}

_RED = ("K1", "K2")

USES: dict[str, tuple[str, ...]] = {
    "bound1": (*_RED, "K3"), "bound2": (*_RED, "K3", "K4"),
    "J_mbody": (*_RED, "K5", "K6", "K7"), "norm_A_mbody": ("K5",),
    "bound1_mbody": (*_RED, "K3", "K5", "K6"),
    "mbody_bound1_ratio": (*_RED, "K3", "K5", "K6", "K7"),
    "mbody_exponent": (*_RED, "K5", "K6", "K7"),
    "J_dicke": (*_RED, "K8"), "J_superradiance": (*_RED, "K8", "K9"),
    "dE_superradiance": ("K4", "K8"),
    "bound2_superradiance": (*_RED, "K3", "K4", "K8"),
    "superradiance_bound2_ratio": (*_RED, "K3", "K4", "K8", "K9", "K12"),
    "superradiance_ratio_limit": (*_RED, "K3", "K4", "K8", "K9", "K12"),
    "superabsorption_gap": ("K10",), "superabsorption_dE": ("K4", "K8", "K10"),
    "bound2_superabsorption": (*_RED, "K3", "K4", "K8", "K10"),
    "gksl_equals_redfield": (*_RED, "K11"),
}
