"""Independent numerical checks of the results of Andolina et al., one module per chain
module (``circuit``, ``bath``, ``heat``, ``collective``, ``parasitic``, ``detuned``) and the
shared helpers in ``_common``.

Every check has the signature ``check(result) -> NumericCheck``: it receives the registered
result, evaluates its closed form through ``result.numpy_function`` (arguments by name), reads
intermediate objects with ``result.step(name)``, and never imports a chain module.
"""

__all__: list[str] = []
