"""Workers beside MkDocs' pass (`prerender.MeetInTheMiddle`): every item done once, and no hang when a worker dies."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from mkdocs_newsarchive.adapter import prerender

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers fork, which the plugin does on Linux only")


def slow(item: int) -> bool:
    time.sleep(0.002)
    return True


def main_pass(behind: prerender.MeetInTheMiddle, count: int) -> set[int]:
    """What MkDocs' pass does: each item in order, unless a worker did it."""
    done = set()
    for index in range(count):
        behind.take(index)
        if behind.state[index] != prerender.WORKED:
            slow(index)
            done.add(index)
    return done


def test_every_item_is_done_once_by_the_main_process_or_a_worker() -> None:
    count = 300
    behind = prerender.MeetInTheMiddle(list(range(count)), slow, 2)
    by_main = main_pass(behind, count)
    by_workers = behind.finish()
    worked = {i for i in range(count) if behind.state[i] == prerender.WORKED}
    assert len(worked) == by_workers
    assert by_main.isdisjoint(worked) and by_main | worked == set(range(count))
    assert by_main and worked  # both sides did a share
    assert behind.pids == []


def test_a_worker_killed_while_holding_the_lock_does_not_hang_the_main_process() -> None:
    def hung(*args: object) -> None:
        raise TimeoutError("the main process hung on the lock of a dead worker")

    signal.signal(signal.SIGALRM, hung)  # a regression fails here instead of stalling the suite
    signal.alarm(60)
    try:
        worked_through()
    finally:
        signal.alarm(0)


def worked_through() -> None:
    count = 300
    behind = prerender.MeetInTheMiddle(list(range(count)), slow, 2)
    behind.lock.acquire()  # what a worker killed inside its critical section leaves behind: a lock held for good
    os.kill(behind.pids[0], signal.SIGKILL)
    start = time.monotonic()
    by_main = main_pass(behind, count)
    behind.finish()
    worked = {i for i in range(count) if behind.state[i] == prerender.WORKED}
    assert by_main | worked == set(range(count))  # nothing lost: the main process did what no worker finished
    assert time.monotonic() - start < 30
    assert behind.abandoned
