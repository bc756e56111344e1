"""Percentages as the commands print them: rounded down, so a share short of a threshold never
reads as meeting it (1,999 of 2,000 is 99.9%, never 100.0%)."""

from __future__ import annotations

import math


def floor_percent(value: float, decimals: int = 1) -> str:
    """``value`` (a percentage, 0–100) rounded down to ``decimals`` places, with a ``%``; only
    a full 100 reads as ``100%``. The tiny tolerance absorbs float error in ``100 * a / b``."""
    scale = 10**decimals
    floored = math.floor(value * scale + 1e-9) / scale
    if floored >= 100:
        return "100%"
    return f"{floored:.{decimals}f}%"
