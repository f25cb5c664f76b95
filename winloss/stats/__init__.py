"""Pure statistics over plain numbers: rates and their uncertainty. No Django here."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054
SMALL_SAMPLE = 5  # figures on fewer observations than this are marked as small


@dataclass(frozen=True)
class Rate:
    """A proportion with its count and 95% Wilson interval."""

    hits: int
    n: int
    low: float
    high: float

    @property
    def small(self) -> bool:
        return self.n < SMALL_SAMPLE


def wilson_interval(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for hits out of n; (0, 1) when there is no data."""
    if n < 0 or hits < 0 or hits > n:
        raise ValueError(f"need 0 <= hits <= n, got hits={hits}, n={n}")
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # All hits (or none) puts one end exactly at 1 (or 0); rounding must not leave it a hair inside.
    return (0.0 if hits == 0 else max(0.0, centre - half)), (1.0 if hits == n else min(1.0, centre + half))


def rate(hits: int, n: int) -> Rate:
    low, high = wilson_interval(hits, n)
    return Rate(hits=hits, n=n, low=low, high=high)


def win_rate(won: int, lost: int, no_decision: int) -> Rate:
    """Won out of all decided deals, no-decisions included: a deal that stalls is not a win."""
    return rate(won, won + lost + no_decision)
