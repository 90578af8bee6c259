from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cxvocab.clock import when

TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)  # 12:30 on Sunday in Tehran


@pytest.mark.parametrize(
    ("later", "said"),
    [
        (timedelta(seconds=10), "now"),
        (timedelta(minutes=1), "in 1 minute"),
        (timedelta(minutes=25), "in 25 minutes"),
        (timedelta(hours=2), "today at 14:30"),
        (timedelta(hours=11, minutes=30), "tomorrow"),  # local midnight: the day's cards open
        (timedelta(hours=21), "tomorrow at 09:30"),
        (timedelta(days=5), "on Friday 27 November"),
        (timedelta(days=14), "on 6 December"),
        (timedelta(days=45), "on 6 January 2027"),
    ],
)
def test_when_says_a_moment_as_a_learner_would(later, said):
    assert when(NOW + later, NOW, TEHRAN) == said
