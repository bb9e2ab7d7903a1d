"""ICD 203 bands with hysteresis: a posterior hovering at an edge does not flap.

A posterior *enters* a band only once it is at least ``margin`` past the band's lower edge,
and *leaves* the band it holds only once it is at least ``margin`` back past an edge. Between
the two the held band stays what it was, so a posterior going 0.54, 0.56, 0.54, 0.57 around
the 0.55 edge between "roughly even chance" and "likely" changes nothing. The bands are
:data:`watchfloor.warnings.icd203.BANDS`.
"""

from __future__ import annotations

from collections.abc import Sequence

from watchfloor.warnings.icd203 import BANDS, Band

__all__ = ["hold_band"]

_EPSILON = 1e-9  # 0.55 + 0.03 is 0.5800000000000001 in floating point: 0.58 must enter


def hold_band(held: int, probability: float, margin: float, bands: Sequence[Band] = BANDS) -> int:
    """The band held after ``probability``, given the band ``held`` before it.

    Moving up, the result is the highest band whose lower edge ``probability`` reaches plus
    ``margin``; moving down, the lowest band whose upper edge (the next band's lower edge)
    minus ``margin`` it falls below. Neither: ``held`` stays. A shifted edge belongs to the
    higher band, as the edges themselves do, so with a zero margin this is the plain band.

    Args:
        held: The index in ``bands`` of the band held so far.
        probability: The new posterior.
        margin: How far past an edge a posterior must go to cross it.
        bands: The bands, least likely first, each starting where the one before ends.
    """
    for k in range(len(bands) - 1, held, -1):
        if probability >= bands[k].low + margin - _EPSILON:
            return k
    for k in range(held):
        if probability < bands[k + 1].low - margin - _EPSILON:
            return k
    return held
