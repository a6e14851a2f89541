"""Shared test configuration.

The test run derives every result itself: the on-disk cache of derived results is switched off
unless the caller sets ``DICKEHEAT_CACHE_DIR`` (tests of the cache use their own directory).
"""

import os

os.environ.setdefault("DICKEHEAT_CACHE_DIR", "off")

# Hypothesis profiles of the property tests (tests/property/): no per-example deadline (solves
# take from milliseconds to seconds on a loaded machine; timing is never asserted), failing
# examples printed with their reproduction blob. The sample counts are set per test: a default
# run draws a few hundred parameter sets, `pytest -m slow` (the `*_slow` variants) over 10^4.
# The default profile draws the same examples on every run (a fixed seed), so the README's
# test command gives the same verdict on every machine; DICKEHEAT_HYPOTHESIS_PROFILE=explore
# draws new ones each run (to search for failures; add what it finds as an @example).
from hypothesis import HealthCheck, settings  # noqa: E402

_COMMON = {"deadline": None, "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.differing_executors]}
settings.register_profile("dickeheat", derandomize=True, **_COMMON)
settings.register_profile("explore", **_COMMON)
settings.load_profile(os.environ.get("DICKEHEAT_HYPOTHESIS_PROFILE", "dickeheat"))


import pytest  # noqa: E402


@pytest.fixture
def noise_cuts(monkeypatch):
    """Spy on ``valve_fcs.valve_noise``: ``.seen`` lists the ``log_cut`` of every call (the
    real function still runs), ``.real`` is the unpatched function."""
    import types

    import dickeheat.numeric.valve_fcs as vf

    spy = types.SimpleNamespace(seen=[], real=vf.valve_noise)

    def wrapped(model, **kw):
        spy.seen.append(kw.get("log_cut"))
        return spy.real(model, **kw)

    monkeypatch.setattr(vf, "valve_noise", wrapped)
    return spy
