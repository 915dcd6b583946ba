"""Temporary files and folders named after the process that owns them, and the removal of those a
killed process left behind.

A temporary store folder is `newskg-store-<pid>-…` in the system's temporary folder; a file being
written atomically is `.<name>.<pid>-….tmp` beside its target.  A run that is killed (SIGKILL, a
crash, power) cannot remove its own; the next one that makes the same kind removes every one whose
process is gone (never one of a live process, nor its own).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def owned_prefix(prefix: str) -> str:
    """`prefix` followed by this process's id: the name start of a temporary it owns.

    >>> owned_prefix("newskg-store-") == f"newskg-store-{os.getpid()}-"
    True
    """
    return f"{prefix}{os.getpid()}-"


def remove_stale(folder: str | os.PathLike, prefix: str, suffix: str = "") -> list[Path]:
    """Remove the temporaries `<prefix><pid>-…<suffix>` in `folder` whose process has exited;
    returns what was removed.  Names without a process id, and ones that cannot be removed, are
    left alone."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        pid = name[len(prefix):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or process_alive(int(pid)):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process of this id is running (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
