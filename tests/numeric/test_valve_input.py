"""Bad input to the valve from Python: wrong types, unknown steady-state requests, limits."""

from __future__ import annotations

import numpy as np
import pytest

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import resolve_backend, steady_state

GOOD = {"N": 3, "T_h": 2.0, "T_c": 0.5}


@pytest.mark.parametrize(("name", "value", "text"), [
    ("T_h", "hot", "T_h must be a real number >= 0"),
    ("T_h", True, "T_h must be a real number >= 0"),
    ("T_c", None, "T_c must be a real number >= 0"),
    ("T_c", 1 + 2j, "T_c must be a real number >= 0"),
    ("N", "3", "N must be an integer >= 1"),
    ("N", True, "N must be an integer >= 1"),
    ("N", 2.5, "N must be an integer >= 1"),
    ("N", float("nan"), "N must be an integer >= 1"),
    ("N", float("inf"), "N must be an integer >= 1"),
    ("N", np.bool_(True), "N must be an integer >= 1"),
    ("omega0", "1", "omega0 must be a real number > 0"),
    ("omega0", False, "omega0 must be a real number > 0"),
    ("gamma_h", [1.0], "gamma_h must be a real number >= 0"),
    ("gamma_p", "0.1", "gamma_p must be a real number >= 0"),
    ("gamma_pump", -0.1, "gamma_pump must be a finite number >= 0"),
    ("gamma_pump", "x", "gamma_pump must be a real number >= 0"),
    ("gamma_pump", float("nan"), "gamma_pump must be a finite number >= 0"),
    ("gamma_phi", True, "gamma_phi must be a real number >= 0"),
    ("T_p", "cold", "T_p must be a real number"),
    ("J", "1.5", "J must be a real number"),
])
def test_wrong_types_name_the_parameter(name, value, text):
    kw = dict(GOOD)
    kw[name] = value
    with pytest.raises(ParameterError, match=text.replace("(", r"\(").replace(")", r"\)")):
        HeatValve(**kw)


def test_numpy_scalars_are_accepted():
    m = HeatValve(N=np.int64(3), T_h=np.float64(2.0), T_c=np.float32(0.5),
                  gamma_p=np.float64(0.1), T_p=np.int32(1), gamma_pump=np.float64(0.0))
    assert m.N == 3 and type(m.N) is int and type(m.T_h) is float and type(m.T_p) is float
    assert HeatValve(N=3.0, T_h=1, T_c=1).N == 3  # an integral float is an integer


def test_pumping_and_fixed_J_are_contradictory():
    with pytest.raises(ParameterError, match="gamma_pump"):
        HeatValve(N=4, T_h=1.0, T_c=0.5, gamma_pump=0.1, J=1.0)


def test_pumping_breaks_the_conservation_of_J2():
    assert not HeatValve(N=4, T_h=1.0, T_c=0.5, gamma_pump=0.1).conserves_J


@pytest.mark.parametrize("model", ["x", None, 3, {"N": 3}])
def test_steady_state_of_something_else(model):
    with pytest.raises(ParameterError, match="model must be a HeatValve"):
        steady_state(model)  # type: ignore[arg-type]


def test_auto_names_the_backend_it_picks_and_its_limit():
    m = HeatValve(N=30001, T_h=1.0, T_c=0.5, gamma_p=0.1, T_p=0.5)
    with pytest.raises(ParameterError, match=r"backend 'auto' \(which picks 'reduced'.*"
                                             r"N <= 30000"):
        resolve_backend(m, "auto")
    with pytest.raises(ParameterError, match=r"too large for backend 'piqs': it accepts N <= 96"):
        resolve_backend(HeatValve(N=97, T_h=1.0, T_c=0.5, gamma_p=0.1, T_p=0.5), "piqs")


def test_unknown_backend_name():
    from dickeheat.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="backend"):
        steady_state(HeatValve(**GOOD), backend=3)  # type: ignore[arg-type]


# -- rates that are valid but tiny (or huge): the physics depends on ratios only -----------

@pytest.mark.parametrize("backend", ["qutip", "reduced", "piqs"])
@pytest.mark.parametrize("scale", [1e-25, 1e25])
def test_rates_scaled_together_scale_the_currents(backend, scale):
    from dickeheat.numeric.steady import steady_state

    base = dict(N=3, T_h=2.0, T_c=1.0, T_p=1.0, gamma_p=1e-2, gamma_pump=3e-3)
    ref = steady_state(HeatValve(**base), backend=backend)
    rates = dict(gamma_h=scale, gamma_c=scale, gamma_p=1e-2 * scale, gamma_pump=3e-3 * scale)
    got = steady_state(HeatValve(**{**base, **rates}), backend=backend)
    assert got.model.gamma_h == scale  # the state reports the model the user gave
    for key in ("Q_h", "Q_c", "Q_p", "Q_pump"):
        assert getattr(got, key) == pytest.approx(scale * getattr(ref, key), rel=1e-9, abs=0)
    # PIQS computes its rates in single precision
    assert abs(got.first_law) <= (1e-5 if backend == "piqs" else 1e-9) * scale


def test_auto_leaves_the_full_space_when_the_J_changing_rates_are_tiny():
    from dickeheat.numeric.steady import resolve_backend, steady_state

    model = HeatValve(N=4, T_h=2.0, T_c=1.0, T_p=1.0, gamma_p=1e-10)
    assert resolve_backend(model) == "reduced"
    assert steady_state(model).residual < 1e-10
    with pytest.raises(NumericalError, match="gamma_p = 1e-10.*backend 'reduced'"):
        steady_state(model, backend="qutip")


def test_reduced_refuses_rate_ratios_it_cannot_resolve_naming_the_rate():
    from dickeheat.numeric.steady import steady_state

    model = HeatValve(N=20, T_h=2.0, T_c=1.0, T_p=1.0, gamma_p=1e-14)
    with pytest.raises(ParameterError, match="gamma_p = 1e-14 is too small"):
        steady_state(model, backend="reduced")
