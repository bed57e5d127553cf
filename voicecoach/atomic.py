"""The one way voicecoach writes a file: to a temporary file beside it, then renamed over it.

A reader never sees half a file, and a crash or a full disk leaves the old file (or none)
and no stray temporary behind. Temporary names start with a dot and hold ``.tmp``, so
listings and exports can skip them (:func:`is_temporary`). Files are created 0600: what
voicecoach writes is a person's voice and career.

Files the user names (``export -o``, ``report -o``) go through :func:`check_output` first:
a FIFO, a device or a socket is refused, a symlink is written through (the link stays),
and the caller learns whether an existing file is replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from voicecoach.errors import UserInputError

TMP_SUFFIX = ".tmp"
PRIVATE_FILE = 0o600  # owner read/write only
PRIVATE_DIR = 0o700


def temp_path(path: Path, *, keep_suffix: bool = False) -> Path:
    """Where :func:`replacing` writes before the rename (unique per process); with
    ``keep_suffix`` it ends in ``path``'s own suffix, for writers that go by it."""
    tail = path.suffix if keep_suffix else ""
    return path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}{tail}")


@contextlib.contextmanager
def replacing(
    path: str | os.PathLike[str], *, durable: bool = False, keep_suffix: bool = False
) -> Iterator[Path]:
    """Yield a temporary path to write; when the block ends without an error it replaces
    ``path`` (flushed to disk first with ``durable``), otherwise it is removed."""
    target = Path(path)
    tmp = temp_path(target, keep_suffix=keep_suffix)
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()  # a stale temporary keeps its mode: start afresh
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        yield tmp
        if durable:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def write_text(path: str | os.PathLike[str], text: str, *, durable: bool = False) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically; OSError on failure."""
    with replacing(path, durable=durable) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


@dataclass(frozen=True)
class Output:
    """Where a file the user named really goes."""

    path: Path  # as given
    target: Path  # the file written: ``path``, or what its symlink points to
    replaced: bool  # an existing file is replaced


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def check_output(path: str | os.PathLike[str]) -> Output:
    """Check a user-named output file before writing it with :func:`replacing`.

    UserInputError for anything but a regular file (or nothing): renaming a temporary
    over a FIFO or a device would replace it with a plain file. A symlink is followed, so
    the write goes to its target and the link stays.
    """
    given = Path(path)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return Output(given, target, replaced=False)
    except OSError as exc:
        raise UserInputError(f"{given}: cannot check the output ({exc.strerror})") from exc
    for test, kind in _KINDS:
        if test(mode):
            raise UserInputError(f"{given}: is {kind}, not a regular file; give a file path")
    return Output(given, target, replaced=True)


def is_temporary(name: str) -> bool:
    """A file name :func:`replacing` (or a recording in progress, ``.part``) leaves while
    writing: not a finished file."""
    return name.endswith(".part") or (name.startswith(".") and TMP_SUFFIX in name)


__all__ = ["Output", "check_output", "is_temporary", "replacing", "temp_path", "write_text"]
