"""Progress display for the verbs: on a terminal only, never when piped or with ``--json``.

Library code never prints; it offers hooks (an iterable wrapper such as ``verify_all``'s
``progress=``, a stage callback such as ``reproduce_spec``'s ``on_stage=``, or a
``progress: bool`` that switches a per-point bar on stderr). A verb decides with
:func:`wanted` whether a display is shown and passes one of these helpers as the hook:

``bar(iterable, desc, enabled)``
    wraps an iterable in a tqdm bar on stderr (or returns it untouched);
``Stages(desc, enabled)``
    a context manager whose instance is a ``(name) -> None`` callback showing the current
    stage (``compute``, ``plot``, ...) and the elapsed time on one status line;
``spinner(desc, enabled)``
    a status line with the elapsed time for one long call that reports nothing itself (e.g. a
    large-N solve): ``with spinner("solving N = 30000", wanted(args)): result = solve(...)``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["wanted", "bar", "Stages", "spinner"]

T = TypeVar("T")


def wanted(args: Any = None, stream: Any = None) -> bool:
    """Whether to show progress: ``stream`` (default stderr) is a terminal and ``args`` does not
    ask for JSON output (``args.json``)."""
    if args is not None and getattr(args, "json", False):
        return False
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced stream
        return False


def bar(iterable: Iterable[T], desc: str, enabled: bool, *, unit: str = "it") -> Iterable[T]:
    """``iterable`` wrapped in a tqdm bar on stderr when ``enabled``, else unchanged."""
    if not enabled:
        return iterable
    from tqdm import tqdm

    items = list(iterable)
    return tqdm(items, desc=desc, unit=unit, file=sys.stderr, leave=False)


class Stages:
    """A one-line status display of named stages, usable as a ``(name) -> None`` callback."""

    def __init__(self, desc: str, enabled: bool) -> None:
        self.desc, self.enabled = desc, enabled
        self._bar: Any = None

    def __enter__(self) -> Stages:
        if self.enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=None, desc=self.desc, file=sys.stderr, leave=False,
                             bar_format="{desc}: {postfix} [{elapsed}]")
        return self

    def __call__(self, name: str) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(name)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


@contextmanager
def spinner(desc: str, enabled: bool, *, interval: float = 0.5) -> Iterator[None]:
    """A status line ``desc [elapsed]`` refreshed every ``interval`` s while the block runs."""
    if not enabled:
        yield
        return
    from tqdm import tqdm

    line = tqdm(total=None, desc=desc, file=sys.stderr, leave=False,
                bar_format="{desc} [{elapsed}]")
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(interval):
            line.refresh()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        line.close()
