"""An on-disk cache of derived results, keyed by the source that derives them.

Deriving every paper takes SymPy tens of seconds; the results only change when the code that
derives them changes. Each paper's results are pickled once, under a key that hashes the
dickeheat version, the Python and SymPy versions and the text of every module below ``cli`` and
``reproduce`` (the layers a derivation can depend on). The comparison of each result with its
printed form is computed before storing and kept with it. Any edit to that code makes a new key,
so a stale result is never served. Loading or storing failures fall back to deriving.

Where: ``$DICKEHEAT_CACHE_DIR``, else ``$XDG_CACHE_HOME/dickeheat``, else
``~/.cache/dickeheat``. ``DICKEHEAT_CACHE_DIR=off`` disables the cache.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import platform
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import dickeheat
from dickeheat.files import replace_atomically

if TYPE_CHECKING:  # the key is computed without importing SymPy (``list`` answers fast)
    from dickeheat.symbolic.result import Result

__all__ = ["cache_directory", "source_key", "cached_results"]

_PACKAGE = Path(dickeheat.__file__).parent
_NOT_DEPENDED_ON = ("cli", "reproduce")


def cache_directory() -> Path | None:
    """The cache directory, or ``None`` if the cache is switched off."""
    env = os.environ.get("DICKEHEAT_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dickeheat"


@functools.cache
def source_key() -> str:
    """A hash of everything a derivation's outcome depends on."""
    h = hashlib.sha256()
    for part in (dickeheat.__version__, platform.python_version(),
                 importlib.metadata.version("sympy")):
        h.update(part.encode() + b"\0")
    for path in sorted(_PACKAGE.rglob("*.py")):
        rel = path.relative_to(_PACKAGE)
        if rel.parts[0] in _NOT_DEPENDED_ON:
            continue
        h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:24]


def cached_results(paper: str, derive: Callable[[], list[Result]]) -> list[Result]:
    """``derive()``, or its pickled outcome from an earlier run of the same source."""
    from dickeheat.symbolic.result import Result

    directory = cache_directory()
    if directory is None:
        return derive()
    path = directory / f"{paper}-{source_key()}.pickle"
    try:
        with path.open("rb") as fh:
            results = pickle.load(fh)
        if isinstance(results, list) and all(isinstance(r, Result) for r in results):
            return results
    except Exception:  # a missing, partial or incompatible file: derive again
        pass
    results = derive()
    try:
        for r in results:
            r.compare()  # stored with the result: the comparison with the print is derived too
        directory.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
        replace_atomically(path, lambda p: p.write_bytes(payload))
    except Exception:  # unpicklable or unwritable: the cache is an optimisation only
        pass
    return results
