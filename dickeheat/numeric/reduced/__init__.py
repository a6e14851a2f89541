r"""Backend ``reduced``: exact steady state of the heat valve on the Dicke lattice (J, M).

:math:`H_0 = \omega_0 J_z` and every jump operator changes :math:`M` by ±1, so the unique
steady state with a parasitic bath (and the thermal state of a fixed-:math:`J` sector without
one) is diagonal in the Dicke basis and the Lindblad equation reduces to a classical rate
equation for the lumped populations :math:`P(J, M) = d_J\,p(J, M)` (rates in
:mod:`dickeheat.numeric.dicke_lattice`, derived in :mod:`dickeheat.symbolic.dicke_rates`).
For N qubits that is ``(N//2 + 1)(N + 1 − N//2)`` ≈ N²/4 unknowns.

Method (``gamma_p > 0``, ``gamma_pump > 0`` or ``gamma_phi > 0``, the private kernel
``_aggregation``)
    Populations span thousands of orders of magnitude, so the unknowns are scaled,
    :math:`P(J, M) = e^{\lambda_J + \phi_J(M)}\,y(J, M)`, and every coefficient is formed from
    differences of logs (never :math:`d_J`, never a population itself): nothing overflows and
    tiny populations keep their relative accuracy. The scaled equations are solved by
    iterative aggregation–disaggregation: block Gauss–Seidel sweeps (alternating direction) in
    which each J ladder, a tridiagonal system factorised once, is solved exactly given the flux
    from its neighbours, each followed by the exact coarse correction of the sector weights (a
    birth–death chain in J, solved in logs). Where that correction flips sign from sweep to
    sweep (ladders that leak faster than they equilibrate) it is switched off for that pair of
    ladders. Two references:

    * ``thermal`` (fast path): :math:`\phi_J(M) = (J+M)\ln(\Gamma_\uparrow/\Gamma_\downarrow)`;
      couplings are per-ladder scalars times fixed polynomials, ladders are factorised through
      a symmetric LDLᵀ (``dpttrf``'s recurrence); 3 arrays of n levels. Its loops are
      compiled (``_compiled``, numba; compiled on first use, ~10 s, then cached on disk): one
      pass per ladder and sweep. Above 250 000 levels the ladders are split into two runs of
      equal size swept independently from snapshots of their neighbours, on two threads when
      there are two cores (the iterates do not depend on the number of cores). When the
      populations drift beyond e^300 of the reference, its slope is re-fitted to the iterate
      (least squares log y ≈ α_J + β t, moved into ``lam`` and the slope; up to 4 times,
      not when it drifted in its first sweep) before the fallback: a strong local bath at
      another temperature than the collective ones tilts every ladder (N = 1600, γ_p = 5,
      T_p = 3 needs it once);
    * ``log`` (fallback, when the populations stray more than e^300 from the thermal ones or
      the collective baths are at T ≈ 0, and the only path with local dephasing): any
      per-level log reference, starting from the frozen-J balance of the total up/down rates
      and re-centred on the iterate whenever it drifts; 12 arrays of n levels (14 with local
      dephasing).

    Nearly closed ladders (pivots that lost more than 6 digits to cancellation) get their LU
    pivots recomputed without subtractions (``exact_pivots`` of the kernel).

Cut lattice (``cut=True``, the default; not with local dephasing)
    A strong or hot local bath keeps J near a peak far below N/2 (γ_p = 5, T_p = 3: the
    probability of J falls below 1e-30 above J = 258 of 500 at N = 1000 and above J = 1382 of
    5000 at N = 10 000). Before the solve, the birth–death chain in J that the thermal
    conditionals induce (one compiled pass, no per-level storage) estimates P(J); the lattice
    is cut 2 ladders above the largest J where that estimate is >= :data:`CUT_ESTIMATE`
    (1e-30), if that keeps at most 0.8 N/2. The cut chain is closed: the top ladder's local
    rates to J_top + 1 leave its outflow (in the compiled factorisation and the coarse step in
    M as in the rates). After the solve, the probability of the top ladder plus an estimate
    of what the whole chain holds above it (P_top q/(1 − q), q the ratio of the top ladder's
    rates per probability to J_top + 1 and to J_top − 1) must be <= :data:`CUT_TOL` (1e-20);
    otherwise the cut moves up by half its distance from the peak of P(J) and the solve is
    repeated. The state then carries ``J_max`` (every level above it holds ``-inf``: not
    resolved), ``cut_mass`` (that sum), a ``reference`` ending in "cut above J = …", and the
    residual is that of the cut chain (``residual_norm`` says so). The last few ladders below
    the cut are not resolved to relative accuracy (their probability is below 1e-20);
    observables and every population above 1e-10 agree with the whole lattice to the
    solver's tolerance (tests at N = 300–400). ``cut=False`` solves the whole lattice.

Convergence criterion
    the largest componentwise relative change of y between successive iterates (after their
    coarse steps), divided by 1 − (contraction per sweep of the plain sweeps, measured above
    the rounding floor, at most 0.99), is at most ``tol`` (default 1e-11): an estimate of the
    remaining relative error of every population. Or the change of the plain sweeps has stayed
    flat below 1e-8 for 48 plain sweeps, or is below ``tol`` and has not halved in 12 plain
    sweeps (the rounding floor, which grows slowly with N).

Slow sweeps
    When the plain sweeps contract by less than 0.5 per sweep (a strong, hot parasitic bath,
    γ_p ≳ γ), the thermal path first follows the coarse step in J by a second one in M
    (every process changes M by 0 or ±1, so the marginal of M is an exact birth–death chain:
    the levels of each M are rescaled so that its up-flux balances the down-flux of M + 1;
    compiled, one pass over the lattice). The log path does not switch it on by itself (there
    it made a cold-collective, hot-local case at N = 1000 drift without end, where plain
    sweeps converge); it uses it only as the second attempt with local dephasing. It removes
    the slow mode in which the ladders' M-profiles relax only by diffusion across J: with
    γ_p = 5, T_p = 3 the sweeps drop from 834 to 138 at N = 400 and from 3587 to 215 at
    N = 800. The returned state's ``reference`` then ends in ", coarse step in M". If the
    sweeps are still slow, every double sweep is followed by an Anderson extrapolation in
    log y (``_accelerate``: on the linear problem, GMRES preconditioned by the double sweep,
    history sized to the free memory), and an accelerated iterate is accepted only after 6
    plain sweeps confirm it; an accelerated iteration without progress over 200 sweeps
    continues without acceleration. No progress of the plain sweeps over 200 sweeps, or
    ``max_iter`` (default 2000) sweeps, raises :class:`~dickeheat.errors.NumericalError`;
    nothing returns unconverged. The documented stress grid
    (:mod:`dickeheat.numeric.reduced.stress`) exercises this.

Rates
    the steady state depends on rate ratios only: :func:`solve` divides every rate by the
    largest (so γ = 1e-300 and 1e300 work alike) and scales the currents back. A nonzero rate
    below :data:`MIN_RATE_RATIO` (1e-12) times the largest is refused with a
    :class:`~dickeheat.errors.ParameterError` naming it (ladders then close to rounding).

Residual
    ``residual`` is the largest relative balance violation
    :math:`\max_{J,M} |\dot P(J,M)| / (\Gamma_{\rm out}(J,M)\,P(J,M))`, i.e. the ∞-norm of
    the rate-equation residual with each level measured against its own outflow (scale
    invariant, so it speaks for the tiniest populations too), evaluated from the scaled system
    after the last sweep. A residual above ``residual_tol`` (default 1e-8) raises
    :class:`~dickeheat.errors.NumericalError`. The residual has a rounding floor that does not
    shrink with ``tol``: ~1e-13 in most cases, up to ~6e-9 for N of several hundred with a
    very cold parasitic bath (T0/T_p = 30), where populations span e^{-10^4}.

Memory
    24 bytes per level on the ``thermal`` path (5.4 GB at N = 30 000), at most
    :data:`BYTES_PER_LEVEL` = 96 on the ``log`` path (2.4 GB at N = 10 000) and
    :data:`DEPHASING_BYTES_PER_LEVEL` = 112 with local dephasing (2.8 GB at N = 10 000), plus
    the acceleration history when it is used (sized to the free memory, none if it does not
    fit). :func:`memory_estimate` (``reference="thermal"`` first, ``"log"`` before the
    fallback allocates, ``dephasing=True`` with local dephasing) is checked against
    :data:`MAX_N` and against the memory the operating system reports available before
    anything large is allocated.

Local dephasing (``gamma_phi > 0``)
    moves population between J and J ± 1 at fixed M. The ``log`` reference carries these
    couplings: a level (J, M) receives from (J + 1, M) and (J − 1, M) in the block
    Gauss–Seidel inflow, its ladder's diagonal holds the dephasing escape rates, and the
    sector sums of the coarse step hold the dephasing fluxes to J ± 1, so the birth–death
    chain in J stays exact; the residual covers every coupling. The ``thermal`` fast path is
    not used then, nor is the "flat below 1e-8" stop of the convergence criterion: with
    γ_φ ≫ γ the sweeps contract so slowly (the J ladders exchange population faster than
    they equilibrate) that a flat change of 1e-9 can lie 1e-6 from the solution; such runs
    take hundreds of sweeps (agreement with the sparse LU ~1e-9 at γ_φ = 1000 γ). If the
    iteration fails (no convergence, stall, drift) it is repeated once with a second coarse
    step per sweep, in M (every process changes M by 0 or ±1, so the marginal of M is an
    exact birth–death chain as well): at N = 20 to 60 and γ_φ = 1000 γ that converges in
    30–80 sweeps to ~1e-12 where the first attempt does not, but it is not used first
    because it drifts or stalls in some cold cases (N = 400, T ≈ 0.01) that the first
    attempt solves (the returned state's ``reference`` then reads "log, coarse step in M").
    Both failing raises :class:`~dickeheat.errors.NumericalError`. For γ_φ ≤ 10 γ the
    results agree with the sparse LU and the full space to ≤ 1e-10. Accepted up to
    :data:`DEPHASING_MAX_N` (= :data:`MAX_N`), memory permitting. The scaled sparse LU of
    the whole lattice (``_direct``, fill ~N³) is kept as the independent reference the tests
    compare with; :func:`solve` does not fall back on it (it is less accurate for weak
    dephasing, ~1e-8 at γ_φ = 1e-4 γ and N = 300, and its fill limits N). Dephasing alone
    (no local bath, no pumping) makes the state unique: the product Gibbs state at T*.
    Collective dephasing changes no population.

Layout
    one public entry, :func:`solve`, over private modules: ``_aggregation`` (the rates on the
    lattice, the sweep, the coarse step and the iteration shared by both references),
    ``_thermal`` and ``_log`` (the two references; ``_log`` also carries local dephasing),
    ``_compiled`` (the thermal reference's compiled loops), ``_accelerate`` (Anderson),
    ``_direct`` (the independent sparse-LU route with local dephasing, used by the tests),
    ``_populations`` (the returned state) and ``_solve`` (the driver).
"""

from dickeheat.numeric.reduced._populations import DickePopulations
from dickeheat.numeric.reduced._solve import (
    BYTES_PER_LEVEL,
    CUT_ESTIMATE,
    CUT_TOL,
    DEPHASING_BYTES_PER_LEVEL,
    DEPHASING_MAX_N,
    MAX_N,
    MIN_RATE_RATIO,
    RESIDUAL_NORM,
    available_memory,
    memory_estimate,
    solve,
)

__all__ = [
    "BYTES_PER_LEVEL",
    "CUT_ESTIMATE",
    "CUT_TOL",
    "DEPHASING_BYTES_PER_LEVEL",
    "DEPHASING_MAX_N",
    "MAX_N",
    "MIN_RATE_RATIO",
    "RESIDUAL_NORM",
    "DickePopulations",
    "available_memory",
    "memory_estimate",
    "solve",
]
