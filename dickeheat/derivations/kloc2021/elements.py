r"""Matrix elements of the couplings between proper-basis states (Eqs. (8)–(9)).

With :math:`|v_a^+\rangle = (|j,a\rangle + |j,-a\rangle)/\sqrt2`,

.. math:: \langle v_a^+|O|v_b^+\rangle = \tfrac12\sum_{\sigma,\sigma'=\pm}
          \langle j,\sigma a|O|j,\sigma' b\rangle,

every bracket evaluated by SymPy's ``qapply`` on :math:`J_x = (J_+ + J_-)/2` for symbolic
:math:`j` and :math:`b`. The cross terms :math:`\langle j,\pm a|O|j,\mp b\rangle` vanish unless
:math:`a + b` equals the change of :math:`m` that :math:`O` can produce; for :math:`J_x` that is
only :math:`a = b = 1/2` (a diagonal element), for :math:`J_x^2` it is
:math:`(a,b) = (1/2, 3/2)`, the boundary pair that the printed Eq. (8) with
:math:`\delta_{a,b-2}` (positive labels) does not contain.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kloc2021.checks import elements as checks
from dickeheat.derivations.kloc2021.symbols import ONE, b, j, make
from dickeheat.symbolic.result import Result, Step
from dickeheat.symbolic.spin import JM, JP, matrix_element

__all__ = ["ElementsChain", "alpha_minus", "alpha_plus", "chain", "proper_element", "results"]

JX = (JP + JM) / 2
HALF = sp.Rational(1, 2)


def proper_element(op: sp.Expr, ma: sp.Expr, mb: sp.Expr, J: sp.Expr = j) -> sp.Expr:
    r""":math:`\langle v_{ma}^+|O|v_{mb}^+\rangle` from the four Dicke-state brackets."""
    total = sp.S.Zero
    for sa in (1, -1):
        for sb in (1, -1):
            total += matrix_element(op, J, sa * ma, J, sb * mb)
    return sp.simplify(total / 2)


@functools.cache
def alpha_plus(m: sp.Expr, J: sp.Expr = j) -> sp.Expr:
    r""":math:`\alpha_m^+ = \langle j, m+1|J_+|j,m\rangle` (SymPy ``qapply``)."""
    return matrix_element(JP, J, m + 1, J, m)


@functools.cache
def alpha_minus(m: sp.Expr, J: sp.Expr = j) -> sp.Expr:
    r""":math:`\alpha_m^- = \langle j, m-1|J_-|j,m\rangle` (SymPy ``qapply``)."""
    return matrix_element(JM, J, m - 1, J, m)


@dataclasses.dataclass(frozen=True)
class ElementsChain:
    """Matrix elements ⟨v_a^+|O|v_b^+⟩ derived from the spin algebra."""

    alpha_p: sp.Expr
    alpha_m: sp.Expr
    jx_up: sp.Expr  # a = b + 1
    jx_down: sp.Expr  # a = b − 1, b ≥ 3/2
    jx2_up: sp.Expr  # a = b + 2
    jx2_down: sp.Expr  # a = b − 2, b ≥ 5/2
    jx2_boundary: sp.Expr  # (a, b) = (1/2, 3/2)
    jx_ground: sp.Expr  # (a, b) = (1/2, 1/2)
    jx2_odd: sp.Expr  # a = b + 1, b ≥ 3/2 (vanishes)


def _printed_alpha(m: sp.Expr, sign: int) -> sp.Expr:
    # Eq. (9) as printed: α_m^± = sqrt(j(j+1) − m(m ± 1))
    return sp.sqrt(j * (j + 1) - m * (m + sign))


@functools.cache
def chain() -> ElementsChain:
    """Derive the matrix elements; ``b`` is a positive (half-integer) label."""
    bb = sp.Symbol("b", positive=True)
    big = bb + 2  # a label ≥ 5/2 so that no boundary cross terms occur
    jx_up = proper_element(JX, b + 1, b)
    jx_down = proper_element(JX, big - 1, big).subs(bb, b - 2)
    jx2_up = proper_element(JX * JX, b + 2, b)
    jx2_down = proper_element(JX * JX, big - 2, big).subs(bb, b - 2)
    jx2_boundary = proper_element(JX * JX, HALF, 3 * HALF)
    jx_ground = proper_element(JX, HALF, HALF)
    jx2_odd = proper_element(JX * JX, big + 1, big)
    return ElementsChain(
        alpha_p=alpha_plus(b), alpha_m=alpha_minus(b), jx_up=jx_up, jx_down=sp.simplify(jx_down),
        jx2_up=jx2_up, jx2_down=sp.simplify(jx2_down), jx2_boundary=sp.simplify(jx2_boundary),
        jx_ground=sp.sqrt(sp.factor(sp.expand(jx_ground**2))), jx2_odd=jx2_odd,
    )


def results() -> list[Result]:
    c = chain()
    def ap(m):
        return _printed_alpha(m, 1)
    def am(m):
        return _printed_alpha(m, -1)
    el = sp.Symbol("M_ab")
    common = ("Derived for symbolic j and b from ⟨j,m'|J_±|j,m⟩ (sympy.physics.quantum qapply) "
              "and the four Dicke-state brackets of the proper basis.")
    out = [
        make("alpha_plus", equation="9", title="Clebsch–Gordan factor α_b^+ = ⟨j,b+1|J_+|j,b⟩",
             lhs=sp.Symbol("alpha_b^+"), expr=c.alpha_p, args=(j, b), printed=ap(b), expected=ONE,
             check=checks.ladder_check(+1)),
        make("alpha_minus", equation="9", title="Clebsch–Gordan factor α_b^- = ⟨j,b−1|J_−|j,b⟩",
             lhs=sp.Symbol("alpha_b^-"), expr=c.alpha_m, args=(j, b), printed=am(b), expected=ONE,
             check=checks.ladder_check(-1)),
        make("Jx_up", equation="8", title="⟨v_{b+1}^+|J_x|v_b^+⟩ (b ≥ 1/2)", lhs=el,
             expr=c.jx_up, args=(j, b), printed=ap(b) / 2, expected=ONE,
             check=checks.element_check("x", 1), notes=common),
        make("Jx_down", equation="8", title="⟨v_{b−1}^+|J_x|v_b^+⟩ (b ≥ 3/2)", lhs=el,
             expr=c.jx_down, args=(j, b), printed=am(b) / 2, expected=ONE,
             check=checks.element_check("x", -1), notes=common),
        make("Jx2_up", equation="8", title="⟨v_{b+2}^+|J_x²|v_b^+⟩ (b ≥ 1/2)", lhs=el,
             expr=c.jx2_up, args=(j, b), printed=ap(b + 1) * ap(b) / 4, expected=ONE,
             check=checks.element_check("x2", 2), notes=common),
        make("Jx2_down", equation="8", title="⟨v_{b−2}^+|J_x²|v_b^+⟩ (b ≥ 5/2)", lhs=el,
             expr=c.jx2_down, args=(j, b), printed=am(b - 1) * am(b) / 4, expected=ONE,
             check=checks.element_check("x2", -2), notes=common),
        make("Jx2_boundary", equation="8", title="⟨v_{1/2}^+|J_x²|v_{3/2}^+⟩ (boundary pair)",
             lhs=el, expr=c.jx2_boundary, args=(j,), printed=sp.S.Zero, expected=ONE,
             steps=(Step("8", "the same element read with δ_{a,|b−2|}", am(HALF) * am(3 * HALF) / 4,
                         name="abs_reading"),
                    Step("8", "⟨v_{b+1}^+|J_x²|v_b^+⟩ for b ≥ 3/2 (vanishes)", c.jx2_odd,
                         name="odd_shift")),
             check=checks.boundary_check,
             notes="Eq. (8) as printed, with δ_{a,b−2} and positive labels a, b, gives 0 for "
                   "(a, b) = (1/2, 3/2) (that is the printed value compared here). The element "
                   "comes from the cross brackets ⟨j,±1/2|J_x²|j,∓3/2⟩ and equals "
                   "α_{1/2}^- α_{3/2}^- / 4, i.e. the printed second term read with δ_{a,|b−2|} "
                   "(the step 'abs_reading', equal to the derived value). The text after Eq. (8) "
                   "('including the additional v_{1/2} ↔ v_{3/2} transitions') shows this "
                   "reading is intended; Eq. (C1) uses the same |·| convention."),
        make("Jx_ground", equation="8", title="⟨v_{1/2}^+|J_x|v_{1/2}^+⟩ (diagonal, boundary)",
             lhs=el, expr=c.jx_ground, args=(j,), expected=ONE, check=checks.ground_check,
             notes="Not a transition (a = b), so absent from the rates; it is the cross bracket "
                   "⟨j,1/2|J_x|j,−1/2⟩ = (2j+1)/4, which Eq. (8) (a ≠ b) does not cover."),
    ]
    return out
