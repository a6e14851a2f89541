"""da Silva Souza, Manzano, Fazio, Iemini: Collective effects on the performance and stability
of quantum heat engines (file 003).

Submodules, each a part of the derivation chain (the model is the input, :mod:`.model`):

``thermo``
    Eqs. (10), (12)–(23): power, heat currents, first law, entropy production, Carnot bounds,
    proportionality, efficiency, engine/refrigerator boundary, TUR and constancy.
``pair``
    The N = 1 engine in closed form: P₁, Q₁, Q₂ and Var(P₁) (11).
``dissipative``
    Sec. V A: scaling (28), (27), (29)–(30), the steady state (32)–(35), the moment hierarchy
    (36)–(39), the Jacobian (41)–(42) and its eigenvalues (44)–(45).
``driven``
    Sec. V B: the driven equations (47) and (C1)–(C12) from the cumulant engine.
"""

import functools
import importlib

__all__ = ["PAPER", "SUBMODULES", "results", "results_by_name"]

PAPER = "dasilvasouza2022"

SUBMODULES = (
    "thermo",
    "pair",
    "dissipative",
    "driven",
)


def results() -> list:
    """Run every derivation of this paper and return its results, in chain order."""
    out = []
    for name in SUBMODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name == f"{__name__}.{name}":
                continue  # a part not written yet
            raise
        out.extend(module.results())
    return out


@functools.cache
def results_by_name() -> dict:
    """The results of this paper keyed by name (derived once)."""
    return {r.name: r for r in results()}
