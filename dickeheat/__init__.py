"""dickeheat: derive, code-generate and numerically verify the physics of collective
(Dicke, superradiant) quantum thermal machines.

The package has three layers with one-way imports::

    derivations  ->  symbolic, numeric
    numeric      (never imports derivations)
    symbolic     (never imports numeric)

The central object is :class:`dickeheat.symbolic.result.Result`; every derived closed form is
registered under a stable dotted name in :func:`dickeheat.derivations.registry`.
"""

from dickeheat.errors import (
    DickeheatError,
    NumericalError,
    ParameterError,
    UnknownNameError,
)

__all__ = ["DickeheatError", "NumericalError", "ParameterError", "UnknownNameError", "__version__"]

__version__ = "0.1.0"
