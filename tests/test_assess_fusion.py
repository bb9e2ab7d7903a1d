"""Fusion maths pinned on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from assess_helpers import claim
from watchfloor.assess import LogNormal, Mixture, claim_distribution, origin_distribution


def test_exact_and_approx_spreads() -> None:
    """An exact figure has sigma 0.05 and an approximate one 0.10, both centred on it."""
    exact = claim_distribution(claim("troops", 11000, 11000, day="2025-01-01", bound="exact"))
    approx = claim_distribution(claim("troops", 11000, 11000, day="2025-01-01", bound="approx"))
    assert exact is not None and approx is not None
    assert exact.median == pytest.approx(11000) and exact.sigma == 0.05
    assert approx.sigma == 0.10


def test_range_is_the_central_80_percent() -> None:
    """ "Between 25,000 and 30,000": median sqrt(25000*30000) = 27,386; 10%/90% at the ends."""
    dist = claim_distribution(claim("troops", 25000, 30000, day="2025-06-27"))
    assert dist is not None
    assert dist.median == pytest.approx(27386.13, rel=1e-5)
    assert dist.quantile(0.1) == pytest.approx(25000, rel=1e-6)
    assert dist.quantile(0.9) == pytest.approx(30000, rel=1e-6)


def test_vague_is_the_central_90_percent() -> None:
    """ "Thousands" (2,000-9,999) puts its documented ends at the 5% and 95% quantiles."""
    dist = claim_distribution(claim("troops", 2000, 9999, day="2025-01-01", bound="vague"))
    assert dist is not None
    assert dist.quantile(0.05) == pytest.approx(2000, rel=1e-6)
    assert dist.quantile(0.95) == pytest.approx(9999, rel=1e-6)


def test_open_bounds() -> None:
    """ "At least 3,000": 3,000 is the 10% quantile; "up to 12,000": 12,000 the 90%."""
    lower = claim_distribution(claim("troops", 3000, None, day="2025-03-27"))
    upper = claim_distribution(claim("troops", None, 12000, day="2024-10-29"))
    assert lower is not None and upper is not None
    assert lower.quantile(0.1) == pytest.approx(3000, rel=1e-6)
    assert lower.median == pytest.approx(3750)
    assert upper.quantile(0.9) == pytest.approx(12000, rel=1e-6)
    assert upper.median == pytest.approx(9600)


def test_unknown_size_has_no_distribution() -> None:
    """ "Additional troops" with no number contributes nothing."""
    assert (
        claim_distribution(claim("troops", None, None, day="2025-01-01", bound="unknown")) is None
    )


def test_origin_moment_matching_by_hand() -> None:
    """Echoes "around 10,000" and "12,000": mu 9.30150, sigma 0.12066 (worked by hand)."""
    dist = origin_distribution(
        [
            claim("troops", 10000, 10000, day="2024-10-29", bound="approx"),
            claim("troops", 12000, 12000, day="2024-10-29", bound="exact"),
        ]
    )
    assert dist is not None
    # mu = (9.210340 + 9.392662) / 2; sigma^2 = (0.01 + 0.0025)/2 + 0.091161^2 = 0.014560
    assert dist.mu == pytest.approx(9.301501, abs=1e-6)
    assert dist.sigma == pytest.approx(0.120665, abs=1e-5)


def test_equal_mixture_of_mirrored_components_has_geometric_median() -> None:
    """Equal weights on 1,000 and 4,000 (same sigma) put the median at exactly 2,000."""
    mix = Mixture(((1.0, LogNormal(math.log(1000), 0.1)), (1.0, LogNormal(math.log(4000), 0.1))))
    assert mix.quantile(0.5) == pytest.approx(2000, rel=1e-6)


def test_weighted_mixture_median_sits_in_heavier_component() -> None:
    """Weights 3:1 on well-separated components: the median is the heavy one's 66.7% quantile."""
    heavy = LogNormal(math.log(10000), 0.1)
    mix = Mixture(((3.0, heavy), (1.0, LogNormal(math.log(1000), 0.1))))
    # P(light <= x) is ~1 near 10,000, so 0.75 * F_heavy(x) + 0.25 = 0.5 -> F_heavy(x) = 1/3.
    assert mix.quantile(0.5) == pytest.approx(heavy.quantile(1 / 3), rel=1e-4)
    assert mix.cdf(mix.quantile(0.9)) == pytest.approx(0.9, abs=1e-6)


def test_mixture_is_wider_than_a_product_would_be() -> None:
    """Two disagreeing origins keep their disagreement: the 80% interval spans both."""
    mix = Mixture(((1.0, LogNormal(math.log(8000), 0.05)), (1.0, LogNormal(math.log(12000), 0.05))))
    assert mix.quantile(0.1) < 8000 * 1.01 and mix.quantile(0.9) > 12000 * 0.99
