"""What MkDocs logs while a page renders or is themed: captured, stored with the page, replayed on reuse, so
that `--strict` fails on a warm build as it does on a cold one."""

from __future__ import annotations

import logging

Logged = tuple[str, int, str]  # logger name, level, message


class LogCapture(logging.Handler):
    """Collects what MkDocs logs while one page renders, to be replayed when the page is reused."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[Logged] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    def start(self) -> None:
        logging.getLogger("mkdocs").addHandler(self)

    def stop(self) -> list[Logged]:
        logging.getLogger("mkdocs").removeHandler(self)
        return self.records


def replay(logged: list[Logged]) -> None:
    for name, level, message in logged:
        logging.getLogger(name).log(level, message)
