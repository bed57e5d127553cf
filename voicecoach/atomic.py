"""The one way voicecoach writes a file: to a temporary file beside it, then renamed over it.

A reader never sees half a file, and a crash or a full disk leaves the old file (or none)
and no stray temporary behind. Temporary names start with a dot and hold ``.tmp``, so
listings and exports can skip them (:func:`is_temporary`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

TMP_SUFFIX = ".tmp"


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


def is_temporary(name: str) -> bool:
    """A file name :func:`replacing` (or a recording in progress, ``.part``) leaves while
    writing: not a finished file."""
    return name.endswith(".part") or (name.startswith(".") and TMP_SUFFIX in name)


__all__ = ["is_temporary", "replacing", "temp_path", "write_text"]
