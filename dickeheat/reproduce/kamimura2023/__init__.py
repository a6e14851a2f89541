"""Users of the Kamimura et al. results (PRL 131, 090401 (2023), key ``kamimura2023``).

:mod:`~dickeheat.reproduce.kamimura2023.bounds`
    a heat current next to Bound 1 and Bound 2 for any small system (the ``bounds`` verb),
    random sampling of systems and states.
:mod:`~dickeheat.reproduce.kamimura2023.valve`
    the collective heat valve with RLC baths: its hot-bath current, Bounds 1 and 2, and the
    valve's own bounds (the heat-valve paper's ``Q_max`` and ``Q_lim``).

Both evaluate the registered closed forms (``kamimura2023.bound1``, ``kamimura2023.bound2``,
``andolina2024.Q_max``, ``andolina2024.Q_lim``) through the registry. The paper has no figure
that is reproduced here, so :data:`FIGURES` is empty.
"""

from dickeheat.reproduce.figure import FigureSpec

__all__ = ["FIGURES"]

#: the reproduced figures of this paper (none)
FIGURES: tuple[FigureSpec, ...] = ()
