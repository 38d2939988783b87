"""Hypothesis profiles for the whole suite.

``ci`` (the default, what ``make test`` runs) keeps the suite within a few minutes on
two cores; ``deep`` (``HYPOTHESIS_PROFILE=deep``, what ``make fuzz`` runs) draws 20
times as many examples. Neither has a deadline: timing is measured by benchmarks, and
a loaded CI machine must not turn a slow example into a failure.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 100

settings.register_profile(
    "ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("deep", parent=settings.get_profile("ci"), max_examples=20 * CI_EXAMPLES)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
