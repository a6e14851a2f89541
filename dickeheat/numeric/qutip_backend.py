r"""Backend ``"qutip"``: exact steady states of the heat valve with QuTiP operators.

Three situations (:func:`solve` picks one):

fixed J (``model.J`` set)
    the master equation inside the :math:`(2J+1)`-dimensional spin-J sector (``qutip.jmat``);
    the steady state is unique there. ``P_J = {J: 1}``.
no parasitic bath (``gamma_p == 0``, ``J`` unset)
    :math:`J^2` is a strong symmetry, so the steady state is *not* unique: it depends on the
    initial populations of the J sectors (Eq. 17 of the heat-valve paper). This backend then
    solves in the sector :math:`J = N/2` of the all-ground initial state
    :math:`|0\rangle^{\otimes N} = |N/2, -N/2\rangle`; the returned ``P_J = {N/2: 1}`` says so.
parasitic bath, local dephasing or local pumping (``gamma_p``, ``gamma_phi`` or ``gamma_pump`` > 0)
    the full :math:`2^N`-dimensional space, with the Liouvillian
    (``qutip.liouvillian`` + ``qutip.lindblad_dissipator``, :math:`4^N \times 4^N`). The
    dynamics commutes with qubit permutations and with the U(1) rotation
    :math:`e^{-i\phi J_z}`, and the steady state is unique, so it lies in the span of the
    joint spectral projectors :math:`\Pi_{J,m}` of :math:`(J^2, J_z)` (Schur's lemma). The
    full-space Liouvillian is applied to each :math:`\Pi_{J,m}`, the (numerically verified)
    closure of that span gives a :math:`\sim N^2/4`-dimensional linear system, and its solution
    is certified by the residual :math:`\|\mathcal{L}\rho\|` of the *full-space* Liouvillian.
    A brute-force :func:`solve_direct` (``qutip.steadystate`` on the whole Liouvillian) is kept
    for cross-checks at small N.

Heat currents :math:`\dot Q_i = \mathrm{Tr}[H_0\,\mathcal{D}_i(\rho)]` (positive from bath
``i`` into the qubits) use the dissipators of :mod:`dickeheat.numeric.operators`.

Limits: :data:`MAX_N` = 8 for the full space (the Liouvillian of N = 8 has dimension 65 536
and ~10^7 non-zeros; it builds and solves in about 2-4 s; N = 9 needs ~1 GB),
:data:`SECTOR_MAX_N` = 400 for a fixed-J sector (dimension 2J + 1 <= 401).
"""

from __future__ import annotations

import time

import numpy as np
import qutip
import scipy.sparse.linalg as spla

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.operators import (
    BathSuperoperators,
    CollectiveOps,
    apply,
    bath_superoperators,
    collective_ops,
    sector_ops,
)
from dickeheat.numeric.steady import SteadyState

__all__ = [
    "MAX_N",
    "RESIDUAL_RTOL",
    "SECTOR_MAX_N",
    "max_N_for",
    "solve",
    "solve_direct",
    "solve_sector",
    "solve_symmetric",
]

#: largest N in the full 2^N space (parasitic bath)
MAX_N = 8
#: largest N when the problem reduces to one spin-J sector (fixed J or no parasitic bath)
SECTOR_MAX_N = 400
#: largest accepted ‖Lρ‖₂ / (‖L‖₁ ‖ρ‖₂)
RESIDUAL_RTOL = 1e-8
#: most negative accepted eigenvalue of ρ
POSITIVITY_TOL = 1e-10

NAME = "qutip"


def max_N_for(model: HeatValve) -> int:
    """The largest N this backend accepts for ``model`` (sector or full space)."""
    return MAX_N if (not model.conserves_J and model.J is None) else SECTOR_MAX_N


def solve(model: HeatValve) -> SteadyState:
    """The steady state of ``model`` (see the module docstring for the three cases).

    >>> from dickeheat.numeric.model import HeatValve
    >>> ss = solve(HeatValve(N=2, T_h=2.0, T_c=0.5))
    >>> ss.P_J, abs(ss.first_law) < 1e-12
    ({1.0: 1.0}, True)
    """
    if model.J is not None:
        return solve_sector(model, model.J)
    if model.conserves_J:
        return solve_sector(model, model.N / 2)
    return solve_symmetric(model)


def _check_limit(model: HeatValve, limit: int, what: str) -> None:
    if model.N > limit:
        raise ParameterError(
            f"N = {model.N} is too large for backend {NAME!r} ({what}): it accepts N <= {limit}"
        )


def _relative_residual(L: qutip.Qobj, rho: qutip.Qobj) -> tuple[float, float]:
    """(‖L vec ρ‖₂, the same relative to ‖L‖₁ ‖vec ρ‖₂)."""
    vec = qutip.operator_to_vector(rho)
    res = float(np.linalg.norm((L * vec).full()))
    scale = float(spla.norm(L.data_as("csr_matrix"), 1)) * float(np.linalg.norm(vec.full()))
    return res, (res / scale if scale > 0.0 else res)


def _finish(model: HeatValve, sup: BathSuperoperators, ops: CollectiveOps, rho: qutip.Qobj,
            P_J: dict[float, float], t0: float) -> SteadyState:
    """Check ρ and evaluate the observables."""
    rho = (rho + rho.dag()) / 2
    trace = float(rho.tr().real)
    if not abs(trace - 1.0) < 1e-10:
        raise NumericalError(f"steady state has trace {trace!r}, not 1")
    lowest = float(np.min(np.linalg.eigvalsh(rho.full())))
    if lowest < -POSITIVITY_TOL:
        raise NumericalError(f"steady state is not positive: lowest eigenvalue {lowest:.3e}")
    residual, rel = _relative_residual(sup.L, rho)
    if not rel <= RESIDUAL_RTOL:
        raise NumericalError(
            f"steady-state residual ‖Lρ‖ = {residual:.3e} (relative {rel:.1e}) exceeds "
            f"{RESIDUAL_RTOL:.0e}"
        )

    def current(D: qutip.Qobj | None) -> float:
        return 0.0 if D is None else float((sup.H0 * apply(D, rho)).tr().real)

    return SteadyState(
        model=model, backend=NAME,
        Q_h=current(sup.D_h), Q_c=current(sup.D_c), Q_p=current(sup.D_p),
        Q_pump=current(sup.D_pump),
        jz=float(qutip.expect(ops.jz, rho)), J2=float(qutip.expect(ops.j2, rho)),
        P_J=P_J, residual=residual, trace=trace,
        solve_seconds=time.perf_counter() - t0, rho=rho,
    )


def solve_sector(model: HeatValve, J: float) -> SteadyState:
    """The steady state inside the spin-``J`` sector (no parasitic bath).

    Observables are those of one copy of the sector; ``P_J = {J: 1}``.
    """
    t0 = time.perf_counter()
    _check_limit(model, SECTOR_MAX_N, "one spin-J sector")
    if not model.conserves_J:
        raise ParameterError("a fixed-J sector cannot hold a parasitic bath (gamma_p > 0), "
                             "local dephasing (gamma_phi > 0) or local pumping (gamma_pump > 0)")
    J = float(J)
    if not any(abs(J - (model.N / 2 - k)) < 1e-12 for k in range(model.N // 2 + 1)):
        raise ParameterError(f"J must be one of N/2, N/2 - 1, ..., >= 0 for N={model.N}, got {J!r}")
    if J == 0.0:  # the singlet |0,0>: J_± annihilate it, no dynamics and no current
        return SteadyState(model=model, backend=NAME, Q_h=0.0, Q_c=0.0, Q_p=0.0, jz=0.0, J2=0.0,
                           P_J={0.0: 1.0}, residual=0.0, trace=1.0,
                           solve_seconds=time.perf_counter() - t0,
                           rho=qutip.Qobj(np.ones((1, 1))))
    ops = sector_ops(J)
    sup = bath_superoperators(model, ops)
    try:
        rho = qutip.steadystate(sup.L)
    except Exception as err:
        raise NumericalError(f"qutip.steadystate failed in the J = {J} sector: {err}") from err
    return _finish(model, sup, ops, rho, {J: 1.0}, t0)


def _invariant_projectors(ops: CollectiveOps, N: int,
                          J_values: list[float] | None) -> tuple[list[tuple[float, float]],
                                                                 list[np.ndarray]]:
    """The joint spectral projectors Π_{J,m} of (J², J_z) in the full space (dense arrays).

    J² is diagonalised inside each J_z eigenspace (computational states with equal m).
    """
    dim = 2**N
    m_diag = np.real(ops.jz.diag())
    j2 = ops.j2.full()
    labels, projectors = [], []
    for m in np.unique(np.round(m_diag * 2)) / 2:
        idx = np.flatnonzero(np.abs(m_diag - m) < 1e-9)
        w, v = np.linalg.eigh(j2[np.ix_(idx, idx)])
        Js = (np.sqrt(1.0 + 4.0 * w) - 1.0) / 2.0
        Jr = np.round(2 * Js) / 2
        if np.max(np.abs(Js - Jr)) > 1e-8:
            raise NumericalError("J² eigenvalues are not of the form J(J+1)")
        for J in np.unique(Jr):
            if J_values is not None and not any(abs(J - x) < 1e-12 for x in J_values):
                continue
            vJ = v[:, Jr == J]
            P = np.zeros((dim, dim), dtype=complex)
            P[np.ix_(idx, idx)] = vJ @ vJ.conj().T
            labels.append((float(J), float(m)))
            projectors.append(P)
    return labels, projectors


def solve_symmetric(model: HeatValve, *, J_values: list[float] | None = None) -> SteadyState:
    """Full-space steady state in the span of the projectors Π_{J,m} (see the module docstring).

    Parameters
    ----------
    model
        The heat valve, N <= :data:`MAX_N`.
    J_values
        Restrict the span to these J (default: all J if ``gamma_p > 0``, else ``[model.J]`` or
        ``[N/2]``). Without a parasitic bath exactly one J must be used (otherwise the steady
        state is not unique and :class:`NumericalError` is raised).
    """
    t0 = time.perf_counter()
    _check_limit(model, MAX_N, "full 2^N space")
    if J_values is None and model.conserves_J:
        J_values = [model.N / 2 if model.J is None else model.J]
    ops = collective_ops(model.N)
    sup = bath_superoperators(model, ops)
    L = sup.L.data_as("csr_matrix")
    labels, projectors = _invariant_projectors(ops, model.N, J_values)
    if not labels:
        raise ParameterError(f"no allowed J among J_values={J_values!r} for N={model.N}")
    B = np.stack([P.reshape(-1, order="F") for P in projectors], axis=1)  # column stacking
    d = np.real(np.einsum("ik,ik->k", B.conj(), B))  # Tr Π = multiplicity
    Y = L @ B
    M = (B.conj().T @ Y) / d[:, None]
    closure = np.linalg.norm(Y - B @ M) / (spla.norm(L, 1) * np.linalg.norm(B))
    if closure > 1e-10:
        raise NumericalError(f"the Liouvillian leaves the span of the Π_(J,m) (closure error "
                             f"{closure:.1e}); the symmetry reduction does not apply")
    s = np.linalg.svd(M, compute_uv=False)
    if len(s) > 1 and s[-2] < 1e-10 * s[0]:
        raise NumericalError(
            "the full-space solve cannot resolve a unique steady state: the J-changing rates "
            f"(gamma_p = {model.gamma_p!r}, gamma_phi = {model.gamma_phi!r}, gamma_pump = "
            f"{model.gamma_pump!r}) are too small relative to the collective rates (gap ratio "
            f"{s[-2] / s[0]:.1e} < 1e-10); use backend 'reduced' (rate ratios >= 1e-12)")
    A = np.vstack([M, d[None, :]])
    rhs = np.zeros(A.shape[0], dtype=complex)
    rhs[-1] = 1.0
    c, *_ = np.linalg.lstsq(A, rhs, rcond=None)
    rho_arr = np.einsum("k,kij->ij", c, np.asarray(projectors))
    rho = qutip.Qobj(rho_arr, dims=ops.jz.dims)
    return _finish(model, sup, ops, rho, _full_space_P_J(ops, rho), t0)


def _full_space_P_J(ops: CollectiveOps, rho: qutip.Qobj) -> dict[float, float]:
    """P_J = Tr[Π_J ρ] with Π_J the J(J+1) eigenspace projector of J²."""
    w, v = np.linalg.eigh(ops.j2.full())
    Js = np.round(np.sqrt(1.0 + 4.0 * w) - 1.0) / 2.0
    r = rho.full()
    weights = np.real(np.einsum("ik,ij,jk->k", v.conj(), r, v))
    return {float(J) + 0.0: float(np.sum(weights[Js == J]))  # + 0.0 turns -0.0 into 0.0
            for J in sorted(set(Js), reverse=True)}


def solve_direct(model: HeatValve) -> SteadyState:
    """Brute force: ``qutip.steadystate`` on the whole 4^N × 4^N Liouvillian (needs gamma_p > 0).

    A reference for small N (it takes seconds at N = 6 and minutes at N = 7).
    """
    t0 = time.perf_counter()
    _check_limit(model, 6, "brute-force full space")
    if model.conserves_J or model.J is not None:
        raise ParameterError("solve_direct needs a parasitic bath (gamma_p > 0) or local "
                             "dephasing (gamma_phi > 0) and J unset: "
                             "otherwise the full-space steady state is not unique")
    ops = collective_ops(model.N)
    sup = bath_superoperators(model, ops)
    try:
        rho = qutip.steadystate(sup.L)
    except Exception as err:
        raise NumericalError(f"qutip.steadystate failed: {err}") from err
    return _finish(model, sup, ops, rho, _full_space_P_J(ops, rho), t0)
