"""The colours that carry a verdict, named once for the terminal output and the interface
alike. Each is also said in words or marks (Right / Not quite, ✓ / ✗): colour is never the
only sign."""

from __future__ import annotations

RIGHT = "green"  # right, correct, a letter the learner had
WRONG = "red"  # wrong, incorrect, a letter typed extra
ALMOST = "yellow"  # right with a typo, a letter missing, to look at again
HEAT = ("grey23", "green4", "green3", "green1", "bright_green")  # the heatmap, none to most
