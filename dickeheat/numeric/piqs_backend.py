r"""Backend ``"piqs"``: steady states from QuTiP's permutation-invariant Dicke Liouvillian.

PIQS (``qutip.piqs``) represents a permutation-invariant state of N qubits in the *Dicke basis*:
an ``nds × nds`` matrix (``nds = (N/2+1)^2`` rounded down), block diagonal in J, blocks ordered
``J = N/2, N/2-1, ...`` and, inside a block, rows ``m = J, J-1, ..., -J``. The element
:math:`\rho_{J,m,m'}` is the *total* weight of :math:`|J,m\rangle\langle J,m'|` summed over the
:math:`d_J` degenerate copies of the spin-J multiplet, so :math:`\sum_{J,m} \rho_{J,m,m} = 1`
and :math:`P_J = \sum_m \rho_{J,m,m}`. ``Dicke.lindbladian()`` is an ``nds² × nds²`` matrix that
acts on the row-major flattening (index ``nds*i + k`` for element ``(i, k)``,
``qutip.piqs._piqs.jmm1_dictionary``); only the ``Σ_J (2J+1)²`` *physical*, J-block-diagonal
entries carry rows, every other row and column is identically zero.

Why ``qutip.steadystate`` on that matrix fails for N >= 2 ("singular matrix"): each unphysical
(off-block) index is a zero mode. Here the Lindbladian is restricted to the physical indices and
solved there with the trace condition replacing one population equation (sparse LU). Without a
parasitic bath J is conserved and each block has its own zero mode, so only the chosen block
(``model.J``, else ``J = N/2``, the sector of the all-ground initial state) is solved; the
result says so through ``P_J``.

Mapping of the model to PIQS (PIQS's ``γ/2 · (2AρA† − {A†A, ρ})`` equals ``γ D[A]``):
``collective_emission = γ_h(1+n_h) + γ_c(1+n_c)``, ``collective_pumping = γ_h n_h + γ_c n_c``,
``emission = γ_p(1+n_p)``, ``pumping = γ_p n_p + γ_pump`` (the model's local pumping
γ_pump Σ_j D[σ_+^{(j)}] is PIQS's ``pumping`` process with the same coefficient),
``dephasing = 2 γ_φ`` (PIQS's
``(γ_D/2) L[σ_z/2] = (γ_D/4) D[σ_z]`` against the model's ``(γ_φ/2) D[σ_z]``; derived in
:func:`dickeheat.symbolic.dicke_dephasing.piqs_dephasing`) and
``collective_dephasing = γ_φc`` (``(γ_CD/2) L[J_z] = γ_CD D[J_z]``). The Hamiltonian ω0 J_z is
diagonal in the Dicke basis and every dissipator is phase covariant, so the steady state is
diagonal in m and independent of H0; the Lindbladian alone is solved.

Observables are evaluated in double precision in the Dicke basis (``qutip.piqs.jspin``):
:math:`\mathrm{Tr}[H_0\,\mathcal D[J_\mp]\rho] = \mp\omega_0\langle J_\pm J_\mp\rangle` gives
:math:`\dot Q_i = \omega_0\gamma_i[n_i\langle J_-J_+\rangle - (1+n_i)\langle J_+J_-\rangle]`
(Eq. 22 of the heat-valve paper), and the local bath gives
:math:`\dot Q_p = \omega_0\gamma_p[n_p(N/2 - \langle J_z\rangle)
- (1+n_p)(N/2 + \langle J_z\rangle)]`
(from :math:`\sum_j \sigma_+^{(j)}\sigma_-^{(j)} = N/2 + J_z`); the pumping feeds in
:math:`\dot Q_{\rm pump} = \omega_0\gamma_{\rm pump}(N/2 - \langle J_z\rangle)`.

Precision: ``qutip/piqs/_piqs.pyx`` declares the rates and the quantum numbers of every
Lindbladian element as Cython ``cdef float`` (C single precision, 24-bit mantissa; a rate 0.1
enters as float32(0.1) = 0.10000000149...), so the Lindbladian is correct only to ~1e-7
relative and is trace preserving only to that level. Within a J block (no parasitic bath) that
costs ~1e-7..1e-6. With a weak parasitic bath the sector populations P_J are set by the small
local rates against the large collective ones, and the single-precision defect is amplified by
about Γ↓/γ_p (it also depends on which population equation carries the trace condition).
Measured against the full-space backend for N = 1..8, γ_h = 1, γ_c = 0.7,
(T_h, T_c) ∈ {(2, 1/3), (10, 0.1), (0.5, 2), (1, 1)}, γ_p ∈ {0, 0.01, 0.1},
T_p ∈ {0.1, 10} (so γ_p/Γ↓ >= 9e-4): max relative error of Q_h 1.9e-4, of ⟨J²⟩ 1.9e-4,
of ⟨J_z⟩ 1.8e-4 (at N = 7, 8). At γ_p/Γ↓ ≈ 1e-4 it reaches 1.7e-3 (N = 8). Hence
:data:`PIQS_REL_TOL` = 1e-3, stated for γ_p/Γ↓ >= 1e-3. Without a parasitic bath (one J
block) the error of Q_h is <= 2.3e-6 for N <= 8 and <= 1.9e-5 up to N = 96 (against the
fixed-J sector of the QuTiP backend): :data:`PIQS_SECTOR_REL_TOL` = 5e-5.

Limit: :data:`MAX_N` = 96. The Lindbladian is built by a Python loop over the O(N³) physical
elements: at N = 96 (156 849 unknowns) building plus solving takes ~8-15 s; N = 128 works but
takes ~40 s.
"""

from __future__ import annotations

import time

import numpy as np
import qutip
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from qutip import piqs
from qutip.piqs._piqs import jmm1_dictionary

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import SteadyState

__all__ = [
    "MAX_N",
    "PIQS_REL_TOL",
    "PIQS_SECTOR_REL_TOL",
    "RESIDUAL_RTOL",
    "dicke_rates",
    "max_N_for",
    "solve",
]

#: largest N accepted (build + solve ~8-15 s at N = 96)
MAX_N = 96
#: documented accuracy of this backend relative to the exact (double-precision) full-space
#: result: measured max relative error 1.9e-4 of Q_h, ⟨J_z⟩, ⟨J²⟩ for N <= 8 and
#: γ_p/Γ↓ >= 9e-4 (single-precision rates in PIQS; see the module docstring); the error grows
#: like Γ↓/γ_p for weaker parasitic baths
PIQS_REL_TOL = 1e-3
#: the same for one J block (no parasitic bath): measured max 1.9e-5 (Q_h) for N <= 96
PIQS_SECTOR_REL_TOL = 5e-5
#: largest accepted ‖Lρ‖₂ / (‖L‖₁ ‖ρ‖₂); PIQS's single-precision Lindbladian is trace
#: preserving only to ~1e-7, which the trace condition turns into a residual of that size
RESIDUAL_RTOL = 1e-5
#: most negative accepted population (single precision)
POSITIVITY_TOL = 1e-6

NAME = "piqs"


def max_N_for(model: HeatValve) -> int:
    """The largest N this backend accepts (the same for every model)."""
    return MAX_N


def dicke_rates(model: HeatValve) -> dict[str, float]:
    """Keyword arguments of ``qutip.piqs.Dicke`` for ``model``.

    >>> dicke_rates(HeatValve(N=2, gamma_h=1.0, gamma_c=0.5, T_h=0.0, T_c=0.0))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'collective_emission': 1.5, 'collective_pumping': 0.0, 'emission': 0.0, 'pumping': 0.0,
     'dephasing': 0.0, 'collective_dephasing': 0.0}
    """
    return {
        "collective_emission": model.emission_rate,
        "collective_pumping": model.absorption_rate,
        "emission": model.gamma_p * (1.0 + model.n_p),
        "pumping": model.gamma_p * model.n_p + model.gamma_pump,
        "dephasing": 2.0 * model.gamma_phi,
        "collective_dephasing": model.gamma_phi_c,
    }


def _physical_indices(N: int,
                      J: float | None) -> tuple[np.ndarray, list[tuple[float, float, float]]]:
    """Flattened indices (row-major, nds*i + k) of the physical Dicke elements, optionally of
    one J block only, and their (j, m, m1) labels."""
    flat = jmm1_dictionary(N)[2]
    keys = sorted(k for k, (j, _m, _m1) in flat.items() if J is None or abs(j - J) < 1e-12)
    labels = [(float(j), float(m), float(m1)) for j, m, m1 in (flat[k] for k in keys)]
    return np.asarray(keys, dtype=np.int64), labels


def solve(model: HeatValve) -> SteadyState:
    """The steady state of ``model`` from the PIQS Lindbladian (see the module docstring).

    >>> ss = solve(HeatValve(N=4, T_h=2.0, T_c=0.5, gamma_p=0.01, T_p=0.1))
    >>> sorted(ss.P_J), abs(sum(ss.P_J.values()) - 1) < 1e-6
    ([0.0, 1.0, 2.0], True)
    """
    t0 = time.perf_counter()
    N = model.N
    if N > MAX_N:
        raise ParameterError(f"N = {N} is too large for backend {NAME!r}: it accepts N <= {MAX_N}")
    block = model.J if model.J is not None else (N / 2 if model.conserves_J else None)
    nds = piqs.num_dicke_states(N)
    L_full = piqs.Dicke(N, **dicke_rates(model)).lindbladian().data_as("csr_matrix")
    idx, labels = _physical_indices(N, block)
    L = sp.csr_matrix(L_full[idx][:, idx])
    pops = np.array([m == m1 for (_j, m, m1) in labels])
    trace_row = pops.astype(complex)
    r0 = int(np.flatnonzero(pops)[0])  # the population equation replaced by Tr ρ = 1
    A = sp.lil_matrix(L)
    A[r0, :] = trace_row
    rhs = np.zeros(len(idx), dtype=complex)
    rhs[r0] = 1.0
    try:
        x = spla.spsolve(sp.csc_matrix(A), rhs)
    except Exception as err:
        raise NumericalError(f"sparse LU of the PIQS Lindbladian failed: {err}") from err
    if not np.all(np.isfinite(x)):
        raise NumericalError("the restricted PIQS Lindbladian is singular (non-finite solution)")
    residual = float(np.linalg.norm(L @ x))
    scale = float(spla.norm(L, 1)) * float(np.linalg.norm(x))
    rel = residual / scale if scale > 0.0 else residual  # J = 0 block: L = 0
    if not rel <= RESIDUAL_RTOL:
        raise NumericalError(f"PIQS steady-state residual ‖Lρ‖ = {residual:.3e} (relative "
                             f"{rel:.1e}) exceeds {RESIDUAL_RTOL:.0e}")

    rho = np.zeros((nds, nds), dtype=complex)
    i, k = np.divmod(idx, nds)
    rho[i, k] = x
    rho = (rho + rho.conj().T) / 2
    populations = np.real(x[pops])
    if populations.min() < -POSITIVITY_TOL:
        raise NumericalError(f"PIQS steady state has a negative population {populations.min():.2e}")
    trace = float(np.sum(populations))

    P_J: dict[float, float] = {}
    for (j, _m, _m1), p in zip((lab for lab, q in zip(labels, pops) if q), populations):
        P_J[j] = P_J.get(j, 0.0) + float(p)

    rho_q = qutip.Qobj(rho)
    jz = piqs.jspin(N, "z")
    jp, jm = piqs.jspin(N, "+"), piqs.jspin(N, "-")
    pm = float(qutip.expect(jp * jm, rho_q))
    mp = float(qutip.expect(jm * jp, rho_q))
    mean_jz = float(qutip.expect(jz, rho_q))
    mean_jz2 = float(qutip.expect(jz * jz, rho_q))
    w = model.omega0

    def collective(gamma: float, n: float) -> float:
        return w * gamma * (n * mp - (1.0 + n) * pm)

    n_p = model.n_p
    Q_p = w * model.gamma_p * (n_p * (N / 2 - mean_jz) - (1.0 + n_p) * (N / 2 + mean_jz))
    Q_pump = w * model.gamma_pump * (N / 2 - mean_jz)
    return SteadyState(
        model=model, backend=NAME,
        Q_h=collective(model.gamma_h, model.n_h), Q_c=collective(model.gamma_c, model.n_c),
        Q_p=Q_p, Q_pump=Q_pump, jz=mean_jz, J2=pm + mean_jz2 - mean_jz,
        P_J=dict(sorted(P_J.items(), reverse=True)), residual=residual, trace=trace,
        solve_seconds=time.perf_counter() - t0,
        residual_norm="2-norm of the restricted PIQS Lindbladian times the vectorised "
                      "Dicke-basis rho",
        rho=rho_q,
    )
