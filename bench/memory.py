"""Peak memory of a process and everything it starts (spaCy's workers too), sampled."""

from __future__ import annotations

import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found: list[int] = []
        for task in tasks:
            text = (task / "children").read_text()
            found.extend(int(c) for c in text.split())
        return found
    except OSError:
        return []


def _kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_kb(pid: int, field: str = "Pss") -> int:
    """Sum of `field` (Pss: shared pages split between their users) over the process tree."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _kb(current, field)
        todo.extend(_children(current))
    return total


class PeakSampler:
    """Samples the tree's proportional set size every `interval` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_kb(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
