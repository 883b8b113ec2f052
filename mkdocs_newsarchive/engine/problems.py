"""Problems found while reading the archive: every one names the file, and the line where there is one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["warning", "info"]
# Starts the warnings of a bound in `Limits` that cut a post's data: the report lists those apart.
LIMIT_WARNING = "over a limit: "


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    severity: Severity = "warning"
    of_a_post: bool = True  # False: a file of the site's (the authors file), not counted as a repaired post

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ProblemLog:
    """Collects problems for one file; the engine returns them, the adapter logs them."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Problem] = []

    def warn(self, message: str, line: int | None = None) -> None:
        self.items.append(Problem(self.path, message, line))

    def info(self, message: str) -> None:
        self.items.append(Problem(self.path, message, None, "info"))
