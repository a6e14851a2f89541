"""Bad input to the valve from Python: wrong types, unknown steady-state requests, limits."""

from __future__ import annotations

import numpy as np
import pytest

from dickeheat.errors import ParameterError
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
