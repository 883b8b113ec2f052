"""The plugin's own time in a build, reported beside MkDocs' total: each event's duration, less the work it
only calls (the theme's rendering, Material's search indexing), which is MkDocs' and the theme's cost."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

Method = TypeVar("Method", bound=Callable[..., Any])


class Stopwatch:
    def __init__(self) -> None:
        self.total = 0.0
        self.by_event: dict[str, float] = {}
        self._others = 0.0  # within the current event: time spent in work the plugin only calls

    @contextlib.contextmanager
    def event(self, name: str) -> Iterator[None]:
        start, self._others = time.perf_counter(), 0.0
        try:
            yield
        finally:
            spent = time.perf_counter() - start - self._others
            self.total += spent
            self.by_event[name] = self.by_event.get(name, 0.0) + spent

    @contextlib.contextmanager
    def others(self) -> Iterator[None]:
        """Work done by others on the plugin's behalf: not the plugin's time."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self._others += time.perf_counter() - start

    def add_others(self, seconds: float) -> None:
        self._others += seconds


class Timed(Protocol):
    stopwatch: Stopwatch


def timed(method: Method) -> Method:
    """Adds the method's duration, as an event of its name, to its object's stopwatch."""
    @functools.wraps(method)
    def wrapper(self: Timed, *args: Any, **kwargs: Any) -> Any:
        with self.stopwatch.event(method.__name__):
            return method(self, *args, **kwargs)
    return wrapper  # type: ignore[return-value]
