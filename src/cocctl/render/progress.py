"""A progress display for long work (clone, sync, verify, re-sealing every case, a cold cache), only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def reporter(what: str, show: bool = True) -> Iterator[Callable[[str, int, "int | None"], None] | None]:
    """Yield a progress callback drawing a Rich progress bar on stderr, or None when not on a terminal.

    Args:
        what: what the work is, shown before each stage's name.
        show: False yields None too (``--json``, ``--quiet``: nothing but the output).
    """
    if not show or not sys.stderr.isatty():
        yield None
        return
    bar: Any = None
    tasks: dict[str, Any] = {}

    def update(stage: str, current: int, total: int | None) -> None:
        nonlocal bar
        if bar is None:  # drawn from the first report on, so anything asked before stays readable
            from rich.console import Console
            from rich.progress import Progress

            bar = Progress(console=Console(stderr=True), transient=True)
            bar.start()
        if stage not in tasks:
            tasks[stage] = bar.add_task(f"{what}: {stage}", total=total)
        bar.update(tasks[stage], completed=current, total=total)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()
