"""Estimates, history and the force ledger on the founding case."""

from __future__ import annotations

import pytest

from assess_helpers import claim
from watchfloor.assess import estimate, force_ledger, grade_claims, history, parse_query
from watchfloor.assess.grading import Grade
from watchfloor.errors import WatchfloorError


def _grades(claims: list, grade: str = "B3") -> dict[int, Grade]:  # type: ignore[type-arg]
    return {c.id: Grade(grade[0], int(grade[1])) for c in claims}


def test_echoes_do_not_outvote_an_origin() -> None:
    """Three outlets carrying origin A weigh as one against origin B."""
    a = [claim("troops", 10000, 10000, day="2024-12-01", who=("A",), outlet=o) for o in "xyz"]
    b = [claim("troops", 14000, 14000, day="2024-12-01", who=("B",))]
    origins = {c.id: "a" for c in a} | {b[0].id: "b"}
    result = estimate([*a, *b], origins, _grades([*a, *b]), parse_query("troops"))
    assert result is not None and len(result.origins) == 2
    # Equal weights on 10,000 and 14,000: the median is their geometric mean, 11,832.
    assert result.median == pytest.approx((10000 * 14000) ** 0.5, rel=1e-3)
    assert result.conflicts == (("a", "b"),)
    assert result.floor == 10000


def test_floor_ignores_low_credibility_origins() -> None:
    """The floor is the lowest figure among credible (A-C, 1-3) origins only."""
    good = claim("killed", 300, 300, day="2025-01-13", who=("NIS",))
    doubtful = claim("killed", 100, 100, day="2025-01-13", who=("KCNA",))
    grades = {good.id: Grade("B", 2), doubtful.id: Grade("E", 5)}
    result = estimate(
        [good, doubtful], {good.id: "nis", doubtful.id: "kcna"}, grades, parse_query("killed")
    )
    assert result is not None and result.floor == 300


def test_as_of_excludes_later_reports() -> None:
    """--as-of uses only what was published by then."""
    early = claim("killed", 300, 300, day="2025-01-13")
    late = claim("killed", 4000, 4000, day="2025-06-27")
    origins = {early.id: "early", late.id: "late"}
    q = parse_query("killed")
    import datetime as dt

    cutoff = dt.datetime(2025, 2, 1, tzinfo=dt.UTC)
    result = estimate([early, late], origins, _grades([early, late]), q, as_of=cutoff)
    assert result is not None and result.median == pytest.approx(300, rel=0.01)


def test_stocks_and_flows_are_different_quantities() -> None:
    """ "11,000 are there" and "another 3,000 were sent" never fuse together."""
    stock = claim(
        "troops", 11000, 11000, day="2024-12-17", quote="About 11,000 troops are in Kursk."
    )
    flow = claim("troops", 3000, 3000, day="2025-03-27", quote="Another 3,000 troops were sent.")
    origins = {stock.id: "s", flow.id: "f"}
    grades = _grades([stock, flow])
    present = estimate([stock, flow], origins, grades, parse_query("troops in Russia"))
    sent = estimate([stock, flow], origins, grades, parse_query("troops sent to Russia"))
    assert present is not None and [o.origin for o in present.origins] == ["s"]
    assert sent is not None and [o.origin for o in sent.origins] == ["f"]


def test_history_names_the_origin_that_moved_it() -> None:
    """Each day with a new origin is a step, naming that origin."""
    a = claim("troops", 10000, 10000, day="2024-10-29", who=("NIS",))
    b = claim("troops", 12000, 12000, day="2024-12-17", who=("Pentagon",))
    steps = history([a, b], {a.id: "nis", b.id: "pentagon"}, _grades([a, b]), parse_query("troops"))
    assert [s.moved_by for s in steps] == ["nis", "pentagon"]
    assert steps[0].estimate.median == pytest.approx(10000, rel=0.01)
    assert 10000 < steps[1].estimate.median < 12000


def test_founding_case_ledger() -> None:
    """~11,000 deployed, 3,000 rotated in, ~4,000 dead: about 10,000 present; 25-30k planned."""
    claims = [
        claim(
            "troops",
            11000,
            11000,
            day="2024-12-17",
            who=("Pentagon",),
            bound="approx",
            quote="about 11,000 North Korean troops are deployed in Kursk",
        ),
        claim(
            "troops",
            3000,
            3000,
            day="2025-06-27",
            who=("Ukraine",),
            quote="another 3,000 troops have been rotated in this year",
            time=("2025-01-01", "2025-06-27"),
        ),
        claim(
            "killed",
            4000,
            4000,
            day="2025-06-27",
            who=("Western intelligence",),
            bound="approx",
            quote="approximately 4,000 have died",
        ),
        claim(
            "troops",
            25000,
            30000,
            day="2025-06-27",
            who=("unnamed Ukrainian officials", "CNN"),
            modality="planned",
            quote="between 25,000 and 30,000 more soldiers",
        ),
    ]
    origins = {c.id: f"o{c.id}" for c in claims}
    grades = grade_claims(claims, origins, {c.id: "B" for c in claims})
    ledger = force_ledger(claims, origins, grades)
    final = ledger.steps[-1]
    assert final.median == pytest.approx(10000, rel=0.04)
    assert final.interval80[0] < final.median < final.interval80[1]
    kinds = {e.kind: e for e in ledger.entries}
    assert set(kinds) == {"deployed", "movement", "killed", "planned"}
    assert kinds["planned"].estimate.interval80 == pytest.approx((25000, 30000), rel=1e-3)
    before_rotation = next(s for s in ledger.steps if s.date.isoformat() == "2025-05-31")
    assert before_rotation.median == pytest.approx(11000, rel=0.03)


def test_ledger_is_reproducible() -> None:
    """The Monte Carlo uses a fixed seed: the same evidence gives the same numbers."""
    claims = [
        claim("troops", 11000, 11000, day="2024-12-17", bound="approx", quote="11,000 are there"),
        claim("killed", 4000, 4000, day="2025-06-27", bound="approx", quote="4,000 have died"),
    ]
    origins = {c.id: str(c.id) for c in claims}
    grades = _grades(claims)
    assert (
        force_ledger(claims, origins, grades).steps == force_ledger(claims, origins, grades).steps
    )


def test_query_parsing() -> None:
    """Queries name a measure, and optionally actor, place and stock/flow/planned."""
    q = parse_query("North Korean troops in Kursk")
    assert (q.measure, q.actor, q.location, q.flow) == ("troops", "PRK", "kursk", False)
    assert parse_query("troops sent to Russia").flow
    assert parse_query("troops planned").planned
    assert parse_query("killed").measure == "killed"
    with pytest.raises(WatchfloorError, match="names no quantity"):
        parse_query("ships in Dunai")
