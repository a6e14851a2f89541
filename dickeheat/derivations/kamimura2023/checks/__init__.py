"""Independent numerical checks of the Kamimura et al. results, one module per chain module.

Every check is ``check(result) -> NumericCheck``: it evaluates the result it receives through
``result.numpy_function`` (arguments looked up by name in ``result.args``, intermediate objects
through ``result.step(name)``) and compares with a number computed another way (QuTiP's
Bloch–Redfield tensor, a diagonalisation, the Redfield current of
:mod:`dickeheat.numeric.redfield`, random sampling). No check module imports a chain module.
"""

__all__: list[str] = []
