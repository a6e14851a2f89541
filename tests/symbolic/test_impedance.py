import cmath

import sympy as sp

from dickeheat.symbolic.impedance import (
    capacitor,
    inductor,
    lorentzian_quality_factor,
    parallel,
    real_part,
    resistor,
)

w, L, C, R = sp.symbols("omega L C R", positive=True)


def test_parallel_rlc_against_complex_arithmetic():
    z = parallel(resistor(R), inductor(L, w), capacitor(C, w))
    vals = {w: 2.3, L: 0.7, C: 0.4, R: 5.0}
    num = 1 / (1 / 5.0 + 1 / (-1j * 2.3 * 0.7) + 1 / (1j / (2.3 * 0.4)))
    assert cmath.isclose(complex(z.subs(vals)), num, rel_tol=1e-13)
    assert abs(float(real_part(z).subs(vals)) - num.real) < 1e-13


def test_quality_factor_of_parallel_rlc():
    z = parallel(resistor(R), inductor(L, w), capacitor(C, w))
    q = lorentzian_quality_factor(real_part(z), R, w, 1 / sp.sqrt(L * C))
    assert sp.simplify(q - R * sp.sqrt(C / L)) == 0
