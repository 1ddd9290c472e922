"""Replacing a file only once its new content is complete: the one atomic-write helper.

``atomic_write(path)`` is a context manager giving a file to write; on success the
temporary file (beside ``path``, so the rename stays on one file system) gets the user's
usual permissions (``0o666`` minus the umask; ``mkstemp`` would leave ``0o600``) and is
renamed over ``path``; on any error it is removed and ``path`` is left as it was.
``AtomicFile`` is the same for a writer that must keep the file open after the rename
(the search index maps it).  A file that cannot be created is ``BadInput`` naming it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from typing import Any
from typing import BinaryIO
from typing import Literal
from typing import TextIO
from typing import overload

from glossary.errors import BadInput


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFile:
    """A temporary file beside ``path`` that ``commit`` renames over it (``abort`` removes it)."""

    def __init__(self, path: Path, mode: str = "w+b", **open_args: Any) -> None:
        self.path = Path(path)
        directory = self.path.parent if str(self.path.parent) else Path(".")
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=directory)
        except OSError as exc:
            raise BadInput(f"{self.path}: cannot write ({exc.strerror})") from None
        self.tmp: Path | None = Path(name)
        self.file: IO[Any] = os.fdopen(fd, mode, **open_args)

    def commit(self, *, durable: bool = False) -> None:
        """Flush (``durable``: also to disk), give the usual permissions, rename over ``path``."""
        assert self.tmp is not None, "already committed or aborted"
        self.file.flush()
        if durable:
            os.fsync(self.file.fileno())
        os.chmod(self.tmp, 0o666 & ~_umask())
        os.replace(self.tmp, self.path)
        self.tmp = None

    def abort(self) -> None:
        """Close and remove the temporary file (nothing happens to ``path``)."""
        self.file.close()
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
            self.tmp = None


@overload
def atomic_write(
    path: Path, mode: Literal["wb"] = "wb", **open_args: Any
) -> contextlib.AbstractContextManager[BinaryIO]: ...
@overload
def atomic_write(
    path: Path, mode: Literal["w"], **open_args: Any
) -> contextlib.AbstractContextManager[TextIO]: ...


@contextlib.contextmanager  # type: ignore[misc]
def atomic_write(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """Write ``path`` through a temporary file renamed into place on success only.

    A failed write (bad data found half-way, a full disk) then leaves any earlier file
    untouched instead of a truncated one.  Text modes take ``encoding``/``newline``."""
    target = AtomicFile(path, mode, **open_args)
    try:
        yield target.file
        target.commit()
        target.file.close()
    except BaseException:
        target.abort()
        raise
