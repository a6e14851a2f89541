"""Writing output files safely: never lose a file, never half-write one.

Every verb that writes a file goes through these helpers: an output is written to a temporary
file in the target's directory and renamed into place (so a crash leaves the old file or none,
never a truncated one); an existing file is replaced only when the caller says so; an input is
never an output.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from dickeheat.errors import ParameterError

__all__ = ["check_output_file", "writable_directory", "replace_atomically", "write_text"]


def check_output_file(path: str | os.PathLike[str], *, name: str = "--out",
                      overwrite: bool = False,
                      inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """``path`` as a file that may be written now, checked before any work is done.

    Raises
    ------
    ParameterError
        Naming ``name``: the path is empty, a directory, one of ``inputs``, an existing file
        without ``overwrite``, or in a directory that does not exist or cannot be written.
    """
    text = os.fspath(path)
    if not text.strip():
        raise ParameterError(f"{name} must be a file name, got an empty string")
    p = Path(text)
    for other in inputs:
        if Path(other).exists() and p.exists() and p.resolve() == Path(other).resolve():
            raise ParameterError(f"{name} {text!r} is an input of this command; choose "
                                 "another output file")
    if p.is_dir():
        raise ParameterError(f"{name} {text!r} is a directory; give a file name")
    if p.exists() and not overwrite:
        raise ParameterError(f"{name} {text!r} exists; pass --overwrite to replace it")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise ParameterError(f"{name} {text!r}: the directory {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise ParameterError(f"{name} {text!r}: the directory {str(parent)!r} is not writable")
    return p


def writable_directory(path: str | os.PathLike[str], *, name: str = "out_dir") -> Path:
    """``path`` as a directory that exists (created if needed) and accepts new files.

    Raises
    ------
    ParameterError
        Naming ``name`` if it cannot be created or written to.
    """
    p = Path(path)
    if not os.fspath(path).strip():
        raise ParameterError(f"{name} must be a directory name, got an empty string")
    try:
        p.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=p, prefix=".dickeheat-", delete=True):
            pass
    except OSError as err:
        raise ParameterError(
            f"{name} {str(path)!r} is not a writable directory: {err.strerror or err}"
        ) from None
    return p


def replace_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Write ``target`` through a temporary file in its directory, then rename it into place.

    The file gets the permissions a newly created file would get (the process umask).
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    replace_atomically(target, lambda p: p.write_text(text, encoding="utf-8"))
