"""The reproduced figures of Andolina et al. as regression tests.

Pinned numbers are the paper's (T0/T* ≈ 1.42 and ≈ 0.57; +13 % and −4 % for N = 2;
2 Q_det ≈ Q_ind); its qualitative statements are pinned as inequalities; and figure data are
cross-checked against computations done another way (closed form vs QuTiP / PIQS / reduced
steady states). Default runs use the reduced (``fast``) grids; the full figures are ``slow``.
"""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr
from matplotlib.figure import Figure

from dickeheat import reproduce as F
from dickeheat.errors import ParameterError, UnknownNameError
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import steady_state
from dickeheat.numeric.units import current_to_fW
from dickeheat.reproduce.andolina2024 import sec2 as s2
from dickeheat.reproduce.andolina2024 import sec3 as s3
from dickeheat.reproduce.andolina2024 import sec4 as s4
from dickeheat.reproduce.andolina2024.common import closed_form

VERSIONS = ("arxiv", "published")


@pytest.fixture(scope="module")
def fast():
    """Every figure on its fast grid, per version (computed once)."""
    cache: dict[tuple[str, str], xr.Dataset] = {}

    def get(fig_id: str, version: str = "arxiv") -> xr.Dataset:
        if (fig_id, version) not in cache:
            cache[fig_id, version] = F.compute(fig_id, version=version, fast=True)
        return cache[fig_id, version]

    return get


# -- the registry ----------------------------------------------------------------------------
def test_ids_and_numbering():
    assert [i for i in F.figure_ids() if i.startswith("andolina2024")] == [
        "andolina2024-fig3", "andolina2024-fig4", "andolina2024-fig5", "andolina2024-fig6",
        "andolina2024-fig7", "andolina2024-fig5-large", "andolina2024-coth-approach"]
    assert F.get_figure("andolina2024-fig4").numbering == "arXiv Fig. 4 = published Fig. 3"
    assert F.get_figure("andolina2024-fig5").numbers["published"] == "Fig. 4"
    assert F.get_figure("andolina2024-fig6").numbers["published"] == "Fig. 5"
    assert F.get_figure("andolina2024-fig7").numbers["published"] == "Fig. 6"
    assert F.get_figure("andolina2024-fig3").numbers["published"] is None
    assert F.get_figure("andolina2024-fig5-large").beyond_paper


def test_unknown_figure_lists_known_ids():
    with pytest.raises(UnknownNameError) as e:
        F.get_figure("andolina2024-fig9")
    assert all(i in str(e.value) for i in F.figure_ids())


def test_versions_and_options_are_checked(tmp_path):
    with pytest.raises(ParameterError, match="arxiv"):
        F.compute("andolina2024-fig3", version="published")
    with pytest.raises(ParameterError, match="version"):
        F.compute("andolina2024-fig7", version="preprint")
    with pytest.raises(ParameterError, match="fast"):
        F.compute("andolina2024-fig7", fast="yes")
    with pytest.raises(TypeError):
        F.compute("andolina2024-fig7", grid=3)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ParameterError, match="out_dir"):
        F.reproduce("andolina2024-fig7", blocker, fast=True)


@pytest.mark.slow
def test_closed_forms_are_the_registered_ones():
    from dickeheat.derivations import registry

    reg = registry()
    for name in ("T_star", "Q_h_steady", "Q_ind", "jz_thermal", "Q_lim", "coth_limit", "Q_det",
                 "gamma_2", "jz_low_T", "jz_high_T"):
        a, b = closed_form(name), reg.get(f"andolina2024.{name}")
        assert a.args == b.args and a.expr == b.expr


# -- arXiv Fig. 3: T* ------------------------------------------------------------------------
def test_fig3_operating_points_match_the_paper(fast):
    """Secs. III: T0/T* ≈ 1.42 (T_h = T0) and ≈ 0.57 (T_h = 3 T0), T_c = T0/3."""
    ds = fast("andolina2024-fig3")
    assert float(ds.T0_over_T_star_op.sel(T_h_op=1.0)) == pytest.approx(1.42, abs=0.005)
    assert float(ds.T0_over_T_star_op.sel(T_h_op=3.0)) == pytest.approx(0.57, abs=0.005)


def test_fig3_T_star_between_bath_temperatures(fast):
    """Eq. (15): T_c <= T* <= T_h; only T_h >= T_c is shown."""
    ds = fast("andolina2024-fig3")
    Th, Tc = np.meshgrid(ds.T_h.values, ds.T_c.values)
    ts = ds.T_star.values
    shown = np.isfinite(ts)
    assert np.array_equal(shown, Th >= Tc)
    assert np.all(ts[shown] >= Tc[shown] - 1e-12)
    assert np.all(ts[shown] <= Th[shown] + 1e-12)


def _T_star_one_qubit(T_h: float, T_c: float) -> float:
    """T* from the QuTiP steady state of one qubit: <J_z> = −tanh(T0/2T*)/2."""
    jz = steady_state(HeatValve(N=1, T_h=T_h, T_c=T_c), backend="qutip").jz
    return 1.0 / (2 * np.arctanh(-2 * jz))


def test_fig3_against_single_qubit_steady_state():
    ds = s2.compute_fig3()
    for T_h in (1.0, 3.0):
        assert float(ds.T0_over_T_star_op.sel(T_h_op=T_h)) == \
            pytest.approx(1 / _T_star_one_qubit(T_h, 1 / 3), rel=1e-9)
    # a plotted curve, interpolated on its grid
    T_fig = float(ds.T_star.sel(T_c=0.5).interp(T_h=2.0))
    assert T_fig == pytest.approx(_T_star_one_qubit(2.0, 0.5), rel=1e-3)


# -- arXiv Fig. 4 = published Fig. 3: fixed-J current ----------------------------------------
def _fig4_claims(ds: xr.Dataset) -> None:
    ratio = ds.Q_b / ds.Q_lim_b  # Q_h / Q_h^lim at the same T0/T_h
    # numerics (QuTiP, sector J) against the closed form (24) with <J_z>_{J,T*} (C10)
    np.testing.assert_allclose(ds.Q_a, ds.Q_a_closed, rtol=1e-7)
    np.testing.assert_allclose(ds.Q_b, ds.Q_b_closed, rtol=1e-7)
    # J = 1/2 is a single qubit: Q_h = Q_h^ind (Eq. 25 with N = 1)
    np.testing.assert_allclose(ds.Q_a.sel(Jbar_a=0.5), ds.Q_ind_a, rtol=1e-7)
    # the bound Q_h <= Q_h^lim (published Eq. 28) everywhere
    assert bool((ds.Q_a <= ds.Q_lim_a * (1 + 1e-9)).all())
    assert bool((ratio <= 1 + 1e-9).all())
    hot, cold = ds.x_b[ds.x_b <= 0.3], ds.x_b[ds.x_b >= 0.7]
    # "for T0/T_h >= 0.7 the heat current saturates the bound Q_h^lim" (within 10 % at J = 8)
    assert bool((ratio.sel(x_b=cold, Jbar_b=8.0) >= 0.9).all())
    # "for T0/T_h <= 0.3 ... always superlinear, far from saturation" (N = 16, J = 8)
    q = ds.Q_b.sel(x_b=hot)
    assert bool((q.diff("Jbar_b") > 0).all())  # Q_h/J grows with J
    assert bool((q.sel(Jbar_b=8.0) / q.sel(Jbar_b=4.0) >= 1.2).all())
    assert bool((ratio.sel(x_b=hot, Jbar_b=8.0) <= 0.85).all())
    # "T0 > 1.5 T_h: Q_h/J does not depend on J" (within 10 % for J >= 2)
    flat = ds.Q_b.sel(x_b=ds.x_b[ds.x_b >= 1.5], Jbar_b=ds.Jbar_b[ds.Jbar_b >= 2])
    assert bool((flat.max("Jbar_b") / flat.min("Jbar_b") <= 1.1).all())


@pytest.mark.parametrize("version", VERSIONS)
def test_fig4_fast(fast, version):
    _fig4_claims(fast("andolina2024-fig4", version))


def test_fig4_published_is_the_arxiv_figure_over_ten(fast):
    """γ_h = γ_c: every current is linear in γ, so ω0/10 (published) divides Fig. 4 by 10."""
    a, p = fast("andolina2024-fig4", "arxiv"), fast("andolina2024-fig4", "published")
    for v in ("Q_a", "Q_b", "Q_ind_a", "Q_lim_b"):
        np.testing.assert_allclose(p[v], a[v] / 10, rtol=1e-7)


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
def test_fig4_full(version):
    _fig4_claims(F.compute("andolina2024-fig4", version=version))


# -- arXiv Fig. 5 = published Fig. 4: parasitic bath -----------------------------------------
def _fig5_claims(ds: xr.Dataset) -> None:
    N2 = ds.N[ds.N >= 2]
    for regime in ("low", "high"):
        q, j2 = ds[f"Q_{regime}"].sel(N=N2), ds[f"J2_{regime}"].sel(N=N2)
        ind, ideal = ds[f"Q_ind_{regime}"].sel(N=N2), ds[f"Q_ideal_{regime}"].sel(N=N2)
        x_star = float(ds[f"T0_over_T_star_{regime}"])
        dim = f"x_{regime}"
        # T_p = T*: the qubits are independent, Q_h = Q_h^ind (registered Q_h_Tp_eq_Tstar)
        np.testing.assert_allclose(q.sel({dim: x_star}), ind, rtol=1e-8)
        # "a hot parasitic bath suppresses the heat current even below the independent case"
        hot = ds[dim][ds[dim] < x_star - 1e-9]
        assert bool((q.sel({dim: hot}) < ind).all())
        # "a hot parasitic bath corresponds to low values of <J^2>": below every colder bath
        cold = ds[dim][ds[dim] > x_star + 1e-9]
        assert bool((j2.sel({dim: hot}).max(dim) < j2.sel({dim: cold}).min(dim)).all())
        assert bool((j2.sel({dim: hot}).diff("N") < 0).all())  # and decreasing with N
        # the no-parasitic J = N/2 current (triangles) bounds the cold-bath currents, up to
        # the parasitic bath's own O(γ_p/γ) cooling, which can raise Q_h slightly above it
        # once J = N/2 dominates (N = 1, or N ~ 1000 at T0/T_p = 30: +2e-7)
        assert bool((q.sel({dim: cold}) <= ideal * (1 + 1e-3)).all())
    # panel (a): "T0/T_p >= 10: Q_h coincides with J = N/2", <J^2> ≈ N/2(N/2+1)
    cold_a = ds.x_low[ds.x_low >= 10]
    np.testing.assert_allclose(ds.Q_low.sel(x_low=cold_a, N=N2),
                               np.broadcast_to(ds.Q_ideal_low.sel(N=N2), (len(cold_a), len(N2))),
                               rtol=0.05)
    assert bool((ds.J2_low.sel(x_low=cold_a) >= 0.95).all())
    # panel (a): "even in this single subspace super-extensive scaling is absent": J = N/2 at
    # T_h = T0 sits near its linear bound Q_lim once N >= 8, unlike T_h = 3 T0
    n8 = int(ds.N[np.argmin(abs(ds.N.values - 8))])  # N = 8, or the grid point nearest to it
    N8 = ds.N[ds.N >= n8]
    lim_low = ds.Q_ind_low * float(s3.coth_limit(1 / float(ds.T0_over_T_star_low)))
    lim_high = ds.Q_ind_high * float(s3.coth_limit(1 / float(ds.T0_over_T_star_high)))
    assert bool((ds.Q_ideal_low.sel(N=N8) >= 0.9 * lim_low.sel(N=N8)).all())
    assert bool((ds.Q_ideal_high.sel(N=n8) <= 0.8 * lim_high.sel(N=n8)).all())
    # panel (c): "sufficiently cold (T0/T_p >= 3): super-extensive scaling with N", with a gap
    cold_c = ds.x_high[ds.x_high >= 3]
    qc = ds.Q_high.sel(x_high=cold_c)
    assert bool((qc.diff("N") > 0).all())
    assert bool((qc.sel(N=n8) >= 1.5 * ds.Q_ind_high.sel(N=n8)).all())
    assert bool((qc.sel(N=N2) < ds.Q_ideal_high.sel(N=N2)).all())


@pytest.mark.parametrize("version", VERSIONS)
def test_fig5_fast(fast, version):
    _fig5_claims(fast("andolina2024-fig5", version))


@pytest.mark.parametrize("regime, x_index, N", [("low", 1, 8), ("high", 4, 8), ("high", 3, 4)])
def test_fig5_against_piqs(fast, regime, x_index, N):
    """Figure points (qutip for N <= 6, reduced beyond) against PIQS (~1e-4 relative)."""
    ds = fast("andolina2024-fig5")
    x = float(ds[f"x_{regime}"][x_index])
    model = HeatValve(N=N, T_h=s3.REGIMES[regime], T_c=1 / 3, gamma_p=1e-3, T_p=1 / x)
    ref = steady_state(model, backend="piqs")
    assert float(ds[f"Q_{regime}"].sel({f"x_{regime}": x, "N": N})) * N == \
        pytest.approx(ref.Q_h, rel=1e-3)
    assert float(ds[f"J2_{regime}"].sel({f"x_{regime}": x, "N": N})) * (N / 2) * (N / 2 + 1) == \
        pytest.approx(ref.J2, rel=1e-3)


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
def test_fig5_full(version):
    _fig5_claims(F.compute("andolina2024-fig5", version=version))


# -- beyond the paper: Fig. 5 up to N = 1000 ------------------------------------------------
def test_fig5_large_fast(fast):
    ds = fast("andolina2024-fig5-large")
    assert int(ds.N.max()) == 100
    _fig5_claims(ds)


@pytest.mark.slow
def test_fig5_large_full():
    ds = F.compute("andolina2024-fig5-large")
    _fig5_claims(ds)
    assert bool(ds.J2_low.sel(x_low=0.3, N=1000) < 0.1)


# -- arXiv Fig. 6 = published Fig. 5: experimental proposal ----------------------------------
def test_fig6_arxiv_claims(fast):
    """arXiv Sec. IV: +13 % at T_p = 50 mK, −4 % at 450 mK (N = 2); 2 Q_det ≈ Q_ind."""
    ds = fast("andolina2024-fig6", "arxiv")
    assert float(ds.enhancement.sel(T_p_b=50.0)) == pytest.approx(0.13, abs=0.005)
    assert float(ds.enhancement.sel(T_p_b=450.0)) == pytest.approx(-0.04, abs=0.005)
    np.testing.assert_allclose(ds.Q_det2_fW / ds.Q_ind_b_fW, 1.0, atol=0.03)


@pytest.mark.xfail(strict=True, reason="the published text keeps +13 %/−4 % although its "
                   "Table I halves the rates (γ = 0.5 GHz): those give +13.9 %/−4.9 %")
def test_fig6_published_claims(fast):
    ds = fast("andolina2024-fig6", "published")
    assert float(ds.enhancement.sel(T_p_b=50.0)) == pytest.approx(0.13, abs=0.005)
    assert float(ds.enhancement.sel(T_p_b=450.0)) == pytest.approx(-0.04, abs=0.005)


@pytest.mark.parametrize("version", VERSIONS)
def test_fig6_qualitative(fast, version):
    ds = fast("andolina2024-fig6", version)
    np.testing.assert_allclose(ds.Q_det2_fW / ds.Q_ind_b_fW, 1.0, atol=0.03)  # 2Q_det ≈ Q_ind
    # published: "collective enhancement pronounced as long as T_p is roughly below 150 mK"
    N2 = ds.N[ds.N >= 2]
    assert bool((ds.Q_a_fW.sel(T_p_a=ds.T_p_a[ds.T_p_a <= 150], N=N2) > ds.Q_ind_a_fW).all())
    assert bool((ds.Q_a_fW.sel(T_p_a=500.0, N=N2) < ds.Q_ind_a_fW).all())


@pytest.mark.parametrize("version", VERSIONS)
def test_fig6_against_independent_numerics(fast, version):
    """Collective N = 2 point vs the reduced backend; 2 Q_det vs two one-qubit steady states."""
    from dickeheat.reproduce.andolina2024 import proposal

    ds = fast("andolina2024-fig6", version)
    key = s4.TABLE_VERSION[version]
    T_mK = 150.0
    model = proposal.proposal_model(key, T_mK, N=2)
    ref = steady_state(model, backend="reduced")
    assert float(ds.Q_b_fW.sel(T_p_b=T_mK)) == pytest.approx(current_to_fW(ref.Q_h, 4.0),
                                                               rel=1e-8)
    # detuned protocol: qubit 1 at ω0 with γ_1, qubit 2 at ω0/2 with γ_2 of Eq. (37) as printed,
    # each alone between its hot, cold and parasitic baths (QuTiP, N = 1)
    g2 = float(ds.attrs["gamma_2_printed"])
    q1 = steady_state(HeatValve(N=1, omega0=1.0, gamma_h=model.gamma_h, gamma_c=model.gamma_c,
                                T_h=model.T_h, T_c=model.T_c, gamma_p=model.gamma_p,
                                T_p=model.T_p), backend="qutip")
    q2 = steady_state(HeatValve(N=1, omega0=0.5, gamma_h=g2, gamma_c=g2, T_h=model.T_h,
                                T_c=model.T_c, gamma_p=model.gamma_p, T_p=model.T_p),
                      backend="qutip")
    assert float(ds.Q_det2_fW.sel(T_p_b=T_mK)) == \
        pytest.approx(current_to_fW(2 * (q1.Q_h + q2.Q_h), 4.0), rel=1e-8)


# -- arXiv Fig. 7 = published Fig. 6: <J_z>_{J,T} ---------------------------------------------
@pytest.mark.parametrize("J, T", [(0.5, 0.3), (2.0, 1.0), (8.0, 2.0), (4.0, 0.1)])
def test_fig7_against_thermal_steady_state(fast, J, T):
    """Both baths at T: the QuTiP steady state of the sector J is thermal at T."""
    ds = s2.compute_fig7()
    ref = steady_state(HeatValve(N=int(2 * J), J=J, T_h=T, T_c=T), backend="qutip").jz
    assert float(ds.jz_a.sel(Jbar_a=J).interp(T_a=T)) == pytest.approx(ref, rel=2e-3)
    if T in ds.T_b.values:
        assert float(-ds.minus_jz_b.sel(T_b=T, Jbar_b=J)) == pytest.approx(ref, rel=1e-9)


def test_fig7_linear_to_superlinear(fast):
    """App. C: −<J_z> ≈ J̄ for J̄ω0 >> T (C11), ≈ J̄(J̄+1)T0/3T for J̄ω0 << T (C12)."""
    ds = fast("andolina2024-fig7")
    np.testing.assert_allclose(ds.minus_jz_b.sel(T_b=0.1), ds.low_T_b, rtol=1e-3)
    hi = ds.minus_jz_b.sel(T_b=5.0, Jbar_b=ds.Jbar_b[ds.Jbar_b <= 1.0])
    np.testing.assert_allclose(hi, ds.high_T_b.sel(T_b=5.0, Jbar_b=hi.Jbar_b), rtol=0.01)
    # −<J_z>/J̄ is flat at low T and grows with J̄ at high T
    per_J = ds.minus_jz_b / ds.Jbar_b
    assert float(per_J.sel(T_b=0.1).max() / per_J.sel(T_b=0.1).min()) < 1.001
    assert float(per_J.sel(T_b=5.0, Jbar_b=5.0) / per_J.sel(T_b=5.0, Jbar_b=0.5)) > 3.0
    assert bool((ds.jz_a.diff("T_a") >= 0).all())  # <J_z> rises with T toward 0
    assert bool((ds.jz_a <= 0).all())


# -- beyond the paper: approach to the coth law ---------------------------------------------
def _coth_claims(ds: xr.Dataset, *, N_top: int, tol: float) -> None:
    np.testing.assert_allclose(ds.ratio_p.sel(bath="T_p = T*"), 1.0, rtol=1e-8)
    # J = N/2: Q_h/Q_ind rises monotonically to coth(T0/2T*) from below (Q_lim bounds it)
    assert bool((ds.ratio_ideal.diff("N") > 0).all())
    assert bool((ds.ratio_ideal <= ds.coth * (1 + 1e-9)).all())
    np.testing.assert_allclose(ds.ratio_ideal.sel(N=N_top), ds.coth, rtol=tol)
    # a cold parasitic bath stays below the J = N/2 curve (N >= 2; for one qubit it adds a
    # third bath colder than T*, which raises Q_h) but approaches the same limit
    cold = ds.ratio_p.sel(bath="T0/T_p = 6")
    N2 = ds.N[ds.N >= 2]
    assert bool((cold.sel(N=N2) <= ds.ratio_ideal.sel(N=N2)).all())
    np.testing.assert_allclose(cold.sel(N=N_top), ds.coth, rtol=2 * tol)


def test_coth_fast(fast):
    ds = fast("andolina2024-coth-approach")
    _coth_claims(ds, N_top=100, tol=0.03)
    # closed-form J = N/2 against the QuTiP steady state of the sector J = 50
    th = float(ds.T_h[1])
    ref = steady_state(HeatValve(N=100, J=50.0, T_h=th, T_c=1 / 3), backend="qutip")
    q_ind = float(s3.Q_ind(100, th, 1 / 3, 1.0, 1.0))
    assert float(ds.ratio_ideal.sel(T_h=th, N=100)) == pytest.approx(ref.Q_h / q_ind, rel=1e-7)
    # the limits are Eq. (29) at the paper's T0/T* ≈ 1.42, 0.57 (two digits: ±0.005)
    x = np.array([1.42, 0.57])
    assert np.all(1 / np.tanh((x + 0.005) / 2) <= ds.coth.values)
    assert np.all(ds.coth.values <= 1 / np.tanh((x - 0.005) / 2))


def test_coth_against_piqs(fast):
    ds = fast("andolina2024-coth-approach")
    N, th = 14, float(ds.T_h[0])
    ref = steady_state(HeatValve(N=N, T_h=th, T_c=1 / 3, gamma_p=1e-3, T_p=1 / 6),
                       backend="piqs")
    q_ind = float(s3.Q_ind(N, th, 1 / 3, 1.0, 1.0))
    assert float(ds.ratio_p.sel(T_h=th, bath="T0/T_p = 6", N=N)) == \
        pytest.approx(ref.Q_h / q_ind, rel=1e-3)


@pytest.mark.slow
def test_coth_full():
    _coth_claims(F.compute("andolina2024-coth-approach"), N_top=1000, tol=0.0075)


# -- plots never compute; reproduce writes PNG and NetCDF ------------------------------------
@pytest.mark.parametrize("fig_id, n_axes", [
    ("andolina2024-fig3", 1), ("andolina2024-fig4", 2), ("andolina2024-fig5", 4),
    ("andolina2024-fig6", 2), ("andolina2024-fig7", 2), ("andolina2024-fig5-large", 4),
    ("andolina2024-coth-approach", 2)])
def test_plot_from_saved_data(fast, tmp_path, fig_id, n_axes):
    """Plotting needs only the data: a NetCDF round trip draws the same figure."""
    path = tmp_path / "d.nc"
    fast(fig_id).to_netcdf(path)
    with xr.open_dataset(path) as ds:
        fig = F.plot(fig_id, ds.load())
    assert isinstance(fig, Figure)
    assert len(fig.axes) == n_axes
    assert all(ax.has_data() for ax in fig.axes)


def test_reproduce_writes_png_and_netcdf(tmp_path):
    done = F.reproduce("andolina2024-fig7", tmp_path / "new", fast=True)
    assert done.png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with xr.open_dataset(done.data) as ds:
        assert ds.attrs["paper_numbering"] == "arXiv Fig. 7 = published Fig. 6"
        assert "jz_a" in ds
