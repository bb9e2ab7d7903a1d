"""Origin grouping and grading: one statement relayed many times counts once."""

from __future__ import annotations

from assess_helpers import claim
from watchfloor.assess import SourceInfo, assign_origins, grade_claims

ALIASES = {
    "nis": "National Intelligence Service",
    "national intelligence service": "National Intelligence Service",
    "south korea's spy agency": "National Intelligence Service",
    "jcs": "Joint Chiefs of Staff",
    "joint chiefs of staff": "Joint Chiefs of Staff",
    "pentagon": "Pentagon",
}
SOURCES = {
    "national intelligence service": SourceInfo(
        "National Intelligence Service", "agency", "KOR", "B"
    ),
    "joint chiefs of staff": SourceInfo("Joint Chiefs of Staff", "agency", "KOR", "B"),
    "pentagon": SourceInfo("Pentagon", "agency", "USA", "B"),
}


def _groups(claims: list, texts: dict[int, str] | None = None) -> dict[int, str]:  # type: ignore[type-arg]
    result = assign_origins(claims, aliases=ALIASES, sources=SOURCES, texts=texts)
    return {cid: a.origin for cid, a in result.items()}


def test_paraphrased_echoes_and_relays_share_an_origin() -> None:
    """The NIS figure relayed by a lawmaker and by three outlets over two days is one origin."""
    a = claim(
        "troops", 10000, 12000, day="2024-10-29", who=("NIS", "Lee Seong-kweun"), outlet="Yonhap"
    )
    b = claim(
        "troops", 10000, 12000, day="2024-10-29", who=("South Korea's spy agency",), outlet="AP"
    )
    c = claim("troops", 12000, 12000, day="2024-10-30", who=("Lee Seong-kweun",), outlet="AFP")
    d = claim(
        "troops",
        10000,
        10000,
        day="2024-10-31",
        who=("National Intelligence Service",),
        outlet="BBC",
        bound="approx",
    )
    groups = _groups([a, b, c, d])
    assert len({groups[x.id] for x in (a, b, c, d)}) == 1
    assert groups[a.id] == "national-intelligence-service-2024-10-29"


def test_hedge_loss_still_groups() -> None:
    """ "At least 3,000" relayed as "3,000" is the same statement."""
    a = claim("troops", 3000, None, day="2025-03-27", who=("JCS",))
    b = claim("troops", 3000, 3000, day="2025-03-28", who=("Joint Chiefs of Staff",), outlet="BBC")
    groups = _groups([a, b])
    assert groups[a.id] == groups[b.id]


def test_two_officials_of_one_government_on_one_day() -> None:
    """NIS and JCS on the same day about a compatible figure are one origin."""
    a = claim("killed", 300, 300, day="2025-01-13", who=("NIS",), bound="approx")
    b = claim("killed", 300, 300, day="2025-01-13", who=("JCS",), outlet="Yonhap")
    groups = _groups([a, b])
    assert groups[a.id] == groups[b.id]


def test_claimed_independent_source_is_separate() -> None:
    """A source the text calls independent stays its own origin, even the same day."""
    a = claim("killed", 300, 300, day="2025-01-13", who=("NIS",))
    b = claim(
        "killed",
        300,
        300,
        day="2025-01-13",
        who=("JCS",),
        quote="A separate assessment by the JCS, reached independently, also put the toll at 300.",
    )
    groups = _groups([a, b])
    assert groups[a.id] != groups[b.id]


def test_different_speakers_with_similar_numbers_stay_apart() -> None:
    """The Pentagon's ~11,000 and the NIS's ~11,000 three days apart are two origins."""
    a = claim("troops", 11000, 11000, day="2024-12-14", who=("NIS",), bound="approx")
    b = claim("troops", 11000, 11000, day="2024-12-17", who=("Pentagon",), bound="approx")
    groups = _groups([a, b])
    assert groups[a.id] != groups[b.id]


def test_same_speaker_weeks_apart_is_a_new_statement() -> None:
    """The same agency restating a figure a month later, not as background, is a new origin."""
    a = claim("troops", 11000, 11000, day="2024-11-01", who=("NIS",))
    b = claim("troops", 11000, 11000, day="2024-12-10", who=("NIS",))
    groups = _groups([a, b])
    assert groups[a.id] != groups[b.id]


def test_background_restatement_joins_the_older_origin() -> None:
    """ "The estimated 11,000 already there" months later joins the statement it restates."""
    a = claim("troops", 11000, 11000, day="2024-12-17", who=("Pentagon",), bound="approx")
    b = claim(
        "troops",
        11000,
        11000,
        day="2025-03-28",
        outlet="BBC",
        bound="approx",
        background=True,
        quote="The new troops joined the estimated 11,000 already in Russia.",
    )
    result = assign_origins([a, b], aliases=ALIASES, sources=SOURCES)
    assert result[b.id].origin == result[a.id].origin
    assert result[b.id].background and not result[a.id].background


def test_wire_copy_groups_unattributed_figures() -> None:
    """An unattributed figure in a verbatim copy of a wire story shares the wire's origin."""
    story = (
        "North Korea has moved thousands of soldiers to the Kursk border region over the past "
        "week and at least 500 of them were seen near Sudzha according to witnesses who spoke "
        "to reporters on condition of anonymity because they were not allowed to talk."
    )
    a = claim("troops", 500, None, day="2024-12-01", outlet="Reuters", document=901)
    b = claim("troops", 500, None, day="2024-12-02", outlet="Kyiv Post", document=902)
    texts = {901: story, 902: story + " Copied from Reuters."}
    assert _groups([a, b], texts)[a.id] == _groups([a, b], texts)[b.id]
    assert _groups([a, b])[a.id] != _groups([a, b])[b.id]  # without the texts: two outlets


def test_credibility_counts_independent_origins_not_outlets() -> None:
    """Three echoes of one origin do not corroborate it; a second origin does."""
    echoes = [
        claim("troops", 11000, 11000, day="2024-12-17", who=("Pentagon",), outlet=o)
        for o in ("AP", "AFP", "Reuters")
    ]
    origins = {c.id: "pentagon" for c in echoes}
    rel = {c.id: "B" for c in echoes}
    alone = grade_claims(echoes, origins, rel)
    assert {g.credibility for g in alone.values()} == {3}
    other = claim("troops", 11500, 11500, day="2024-12-20", who=("NIS",))
    third = claim("troops", 10500, 10500, day="2024-12-22", who=("HUR",))
    far = claim("troops", 3000, 3000, day="2024-12-22", who=("Kremlin",))
    everyone = [*echoes, other, third, far]
    origins |= {other.id: "nis", third.id: "hur", far.id: "kremlin"}
    rel |= {other.id: "B", third.id: "C", far.id: "D"}
    grades = grade_claims(everyone, origins, rel)
    assert grades[echoes[0].id].credibility == 1  # NIS and HUR agree: two origins
    assert grades[echoes[0].id].code == "B1"
    assert grades[far.id].credibility == 5  # contradicted, agreed by none
    unknown = claim("troops", None, None, day="2024-12-22", bound="unknown")
    assert (
        grade_claims([unknown], {unknown.id: "x"}, {unknown.id: "B"})[unknown.id].credibility == 6
    )
