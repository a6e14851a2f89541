"""The resumable sweep's bookkeeping: the per-point journal, the run lock and worker hygiene.

Used by :mod:`dickeheat.numeric.sweep`. A sweep with an output file keeps every finished point
in an append-only journal ``<out>.points.jsonl`` (:class:`Journal`, fsync'ed per point) and
holds an exclusive lock on ``<out>.points.lock`` (:class:`RunLock`) that records its owner
(PID, host, process start time), so that a lock whose owner is dead is taken over. Local
workers drop the inherited lock and die with their parent (:func:`worker_init`).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import threading
from collections.abc import Mapping
from io import BufferedRandom
from pathlib import Path
from typing import Any

from dickeheat import __version__
from dickeheat.errors import DickeheatError, ParameterError

__all__ = ["Journal", "RunLock", "journal_path", "lock_path", "read_journal", "worker_init"]

_JOURNAL_FORMAT = "dickeheat-sweep-journal-1"


def journal_path(out: str | os.PathLike) -> Path:
    """The per-point journal kept next to ``out`` while a sweep is unfinished."""
    out = Path(out)
    return out.with_name(out.name + ".points.jsonl")


def lock_path(out: str | os.PathLike) -> Path:
    """The lock file kept next to ``out`` while a sweep writes it (holds the owner's PID)."""
    out = Path(out)
    return out.with_name(out.name + ".points.lock")


class Journal:
    """Append-only JSON-lines store of finished points: a header line, then one line a point."""

    def __init__(self, path: Path, fingerprint: str, config: dict[str, Any]) -> None:
        self.path, self.fingerprint, self.config = path, fingerprint, config
        self._fh: BufferedRandom | None = None

    def open(self) -> dict[tuple[int, ...], dict[str, Any]]:
        """Open (creating or resuming) and return the records already stored."""
        done: dict[tuple[int, ...], dict[str, Any]] = {}
        fh = self.path.open("a+b")
        fh.seek(0)
        lines = fh.read().split(b"\n")
        complete, tail = lines[:-1], lines[-1]  # tail: b"" or a line cut by a kill
        header = _loads(complete[0]) if complete else None
        if header is None:
            fh.truncate(0)
            fh.write(self._line({"format": _JOURNAL_FORMAT, "fingerprint": self.fingerprint,
                                 "config": self.config, "dickeheat": __version__}))
        elif header.get("fingerprint") != self.fingerprint:
            fh.close()
            raise ParameterError(
                f"out: the unfinished sweep in {self.path.name} was started with another "
                "configuration or solver; rerun that one, or delete the journal, or choose "
                "another out"
            )
        else:
            for line in complete[1:]:
                rec = _loads(line)
                if rec is not None:
                    done[tuple(rec["index"])] = rec["record"]
            if tail:
                fh.truncate(fh.tell() - len(tail))
        self._sync(fh)
        self._fh = fh
        return done

    def append(self, index: tuple[int, ...], record: dict[str, Any]) -> None:
        if self._fh is None:
            raise DickeheatError(f"the sweep journal {self.path.name} is not open: call open() "
                                 "before append()")
        self._fh.write(self._line({"index": list(index), "record": record}))
        self._sync(self._fh)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    @staticmethod
    def _line(obj: dict[str, Any]) -> bytes:
        return (json.dumps(obj, separators=(",", ":")) + "\n").encode()

    @staticmethod
    def _sync(fh) -> None:
        fh.flush()
        os.fsync(fh.fileno())


def _loads(line: bytes) -> dict[str, Any] | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


class RunLock:
    """Exclusive right to write one sweep output: an ``fcntl.flock`` on ``<out>.points.lock``.

    The file records its owner (PID, host, process start time). The kernel drops the flock
    when every process holding it is gone; if processes that outlived a killed sweep still hold
    it (orphaned workers), the recorded owner is dead, and the lock is taken over: the stale file
    is unlinked (its holders keep a lock on a file nobody uses any more) and a fresh one locked.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no protection against a 2nd writer
            return
        for _ in range(10):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                owner = _read_owner(fd)
                os.close(fd)
                if owner is not None and not _owner_alive(owner):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(self.path)  # stale: its owner is dead
                    continue
                who = "" if owner is None else (f" (process {owner.get('pid')} on "
                                                f"{owner.get('host')})")
                raise ParameterError(f"out: another running sweep{who} is writing "
                                     f"{self.path.name[:-len('.points.lock')]}; wait for it "
                                     "to finish or stop it, or choose another out") from None
            try:  # a concurrent take-over may have unlinked the file between open and flock
                st, fst = os.stat(self.path), os.fstat(fd)
                current = (st.st_dev, st.st_ino) == (fst.st_dev, fst.st_ino)
            except FileNotFoundError:
                current = False
            if not current:
                os.close(fd)
                continue
            pid = os.getpid()
            record = json.dumps({"pid": pid, "host": socket.gethostname(),
                                 "start": _start_time(pid)}).encode()
            os.ftruncate(fd, 0)
            os.pwrite(fd, record, 0)
            os.fsync(fd)
            self.fd = fd
            return
        raise ParameterError(f"out: could not lock {self.path.name} (it keeps changing)")

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)  # while still holding it
            os.close(self.fd)
            self.fd = None


def _read_owner(fd: int) -> dict[str, Any] | None:
    try:
        return _loads(os.pread(fd, 4096, 0))
    except OSError:
        return None


def _start_time(pid: int) -> int | None:
    """The start time of process ``pid`` in clock ticks since boot (Linux), else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat[stat.rindex(")") + 2:].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _owner_alive(owner: Mapping[str, Any]) -> bool:
    """Whether the process recorded in a lock file still runs (True when it cannot be told)."""
    pid = owner.get("pid")
    if not isinstance(pid, int) or owner.get("host") != socket.gethostname():
        return True  # another machine (shared file system): cannot tell, assume alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, another user's
    start = owner.get("start")
    return start is None or _start_time(pid) in (None, start)  # a reused PID is not the owner


def worker_init(parent: int, inherited: tuple[int, ...]) -> None:
    """Initializer of each local worker: drop the inherited lock, die with the parent.

    A worker forked by the pool shares the parent's lock file descriptor; it closes it so the
    lock belongs to the sweep process alone. On Linux the kernel sends the worker SIGKILL when
    its parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread polls the parent
    PID. Either way a killed sweep leaves no worker behind.
    """
    for fd in inherited:
        with contextlib.suppress(OSError):
            os.close(fd)
    if not _set_parent_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _set_parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - no usable libc
        return False


def _watch_parent(parent: int) -> None:  # pragma: no cover - only where prctl is missing
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def read_journal(path: Path, fingerprint: str) -> dict[tuple[int, ...], Any]:
    """The records of a journal without opening it for writing (empty if absent or foreign)."""
    if not path.exists():
        return {}
    lines = path.read_bytes().split(b"\n")[:-1]
    if not lines or (_loads(lines[0]) or {}).get("fingerprint") != fingerprint:
        return {}
    recs = (_loads(line) for line in lines[1:])
    return {tuple(r["index"]): r["record"] for r in recs if r is not None}
