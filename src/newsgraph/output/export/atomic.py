"""Write outputs all-or-nothing: to a temporary sibling first, then rename over the target.

An existing target is refused (E601) unless ``force``; a target that cannot be written is
E602; a failure part-way leaves nothing behind (the temporary file or folder is removed).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ...errors import ExportError

__all__ = ["check_target", "write_atomic", "writing_dir", "writing_file"]


def check_target(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise ExportError("E601", path=path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError("E602", path=path, reason=f"folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise ExportError("E602", path=path, reason=f"folder {parent} is not writable")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replace(tmp: Path, path: Path) -> None:
    tmp.chmod((0o777 if tmp.is_dir() else 0o666) & ~_umask())
    if path.is_dir() and not path.is_symlink():
        old = path.with_name(f".{path.name}.old-{os.getpid()}")
        path.rename(old)
        tmp.rename(path)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, path)


@contextmanager
def writing_file(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it becomes ``path``."""
    path = Path(path)
    check_target(path, force)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError("E602", path=path, reason=exc.strerror or exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def writing_dir(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; on success it becomes ``path``."""
    path = Path(path)
    check_target(path, force)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else "."))
    try:
        yield tmp
        _replace(tmp, path)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportError("E602", path=path, reason=exc.strerror or exc) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_atomic(path: Path, write: Callable[[Path], None], force: bool = False) -> Path:
    """Call ``write(tmp)`` and move the result to ``path``."""
    with writing_file(path, force) as tmp:
        write(tmp)
    return Path(path)
