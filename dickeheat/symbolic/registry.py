"""A registry of derivation results under stable dotted names.

>>> import sympy as sp
>>> from dickeheat.symbolic.result import Result
>>> x = sp.Symbol("x", positive=True)
>>> reg = Registry([Result(name="p.a", paper="p", equation="1", title="t",
...                        lhs=sp.Symbol("a"), expr=x, args=(x,))])
>>> reg.names()
['p.a']
>>> reg.get("p.b")
Traceback (most recent call last):
...
dickeheat.errors.UnknownNameError: unknown result 'p.b'; did you mean: p.a
"""

import difflib
from collections.abc import Iterable, Iterator

from dickeheat.errors import DickeheatError, UnknownNameError
from dickeheat.symbolic.result import Result

__all__ = ["Registry"]


class Registry:
    """An ordered, read-only collection of :class:`Result` objects keyed by name."""

    def __init__(self, results: Iterable[Result]) -> None:
        self._results: dict[str, Result] = {}
        for r in results:
            if r.name in self._results:
                raise DickeheatError(f"duplicate result name {r.name!r}")
            if not r.name.startswith(r.paper + "."):
                raise DickeheatError(f"result name {r.name!r} must start with {r.paper + '.'!r}")
            self._results[r.name] = r

    def __iter__(self) -> Iterator[Result]:
        return iter(self._results.values())

    def __len__(self) -> int:
        return len(self._results)

    def __contains__(self, name: object) -> bool:
        return name in self._results

    def names(self) -> list[str]:
        return list(self._results)

    def papers(self) -> list[str]:
        return list(dict.fromkeys(r.paper for r in self))

    def get(self, name: str) -> Result:
        """The result called ``name``; :class:`UnknownNameError` lists close matches."""
        try:
            return self._results[name]
        except KeyError:
            close = difflib.get_close_matches(name, self._results, n=5, cutoff=0.5)
            hint = ", ".join(close or self.names()[:10])
            raise UnknownNameError(
                f"unknown result {name!r}; " + ("did you mean: " if close else "known: ") + hint
            ) from None
