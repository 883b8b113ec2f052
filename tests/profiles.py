"""Hypothesis profiles: `ci` (the default) is derandomized, so a test passes or fails the same way on every
run and machine; `fuzz` draws new examples, ten times as many, from a seed printed in pytest's header:

    pytest tests/test_hostile.py tests/test_convert_properties.py --hypothesis-profile=fuzz [--hypothesis-seed=N]
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# No database: nothing is written into the checkout, and no earlier failure is replayed by chance.
COMMON = settings(deadline=None, database=None, print_blob=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", COMMON, derandomize=True)
settings.register_profile("fuzz", COMMON, derandomize=False)
FUZZ_FACTOR = 10


def examples(count: int) -> int:
    """How many examples a test draws: `count` in CI, more when fuzzing on purpose."""
    return count * FUZZ_FACTOR if settings.get_current_profile_name() == "fuzz" else count
