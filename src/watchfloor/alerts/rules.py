"""When alerts are raised: a posterior entering a higher ICD 203 band, a heavy indicator moving.

The alerts are a pure function of the ledger: :func:`raise_alerts` replays every stored
ledger entry of a hypothesis before the board's time, then the board itself, through the band
hysteresis (:mod:`watchfloor.alerts.bands`) and the indicator states, and returns every alert
that history implies. Keys are deterministic, so storing them again adds nothing; and a board
recorded without alerts being raised (``watchfloor warnings``) is caught up the next time.

- **Band**: the band held starts at the prior's band; each time the held band rises, one alert
  names the band entered (``band:HYPOTHESIS:BAND:DATE``). Falling raises nothing.
- **Indicator**: each indicator starts ``unchecked``; each time a heavy one changes state, one
  alert names the new state (``indicator:HYPOTHESIS:INDICATOR:STATE:DATE``). An indicator is
  heavy when its config says so, else when ``|log(P(E|H) / P(E|not H))| >= log(heavy_ratio)``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from watchfloor.alerts.alert import Alert, AlertKind, AlertLevel, alert_key, iso_utc
from watchfloor.alerts.bands import hold_band
from watchfloor.warnings.board import (
    Board,
    EvidenceLink,
    HypothesisResult,
    IndicatorResult,
    IndicatorState,
    LedgerEntry,
)
from watchfloor.warnings.icd203 import BANDS, band_index

__all__ = ["AlertPolicy", "is_heavy", "raise_alerts"]

_INDICATOR_LEVEL: dict[str, AlertLevel] = {
    "observed": "warning",
    "contradicted": "warning",
    "checked_absent": "info",
    "unchecked": "info",
}


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    """The rules' settings.

    Attributes:
        band_margin: The hysteresis margin around band edges.
        heavy_ratio: The likelihood ratio (or its inverse) from which an indicator is heavy.
        heavy: Per ``(hypothesis, indicator)``, an explicit heavy flag from ``watch.yaml``.
    """

    band_margin: float = 0.03
    heavy_ratio: float = 3.0
    heavy: Mapping[tuple[str, str], bool] = field(default_factory=dict)

    def level_of_band(self, index: int) -> AlertLevel:
        """``critical`` from "very likely" (80%) up, ``warning`` from "likely", else ``info``."""
        low = BANDS[index].low
        if low >= 0.8 - 1e-9:
            return "critical"
        return "warning" if low > 0.5 else "info"


def is_heavy(indicator: IndicatorResult, policy: AlertPolicy) -> bool:
    """Whether a state change of ``indicator`` raises an alert."""
    flag = policy.heavy.get((indicator.hypothesis, indicator.id))
    if flag is not None:
        return flag
    p_h, p_not_h = indicator.p_e_given_h, indicator.p_e_given_not_h
    if p_h <= 0.0 or p_not_h <= 0.0:
        return p_h != p_not_h  # an impossible observation under one side is decisive
    return abs(math.log(p_h / p_not_h)) >= math.log(policy.heavy_ratio) - 1e-12


def raise_alerts(
    board: Board,
    history: Iterable[LedgerEntry],
    policy: AlertPolicy,
    *,
    raised_at: dt.datetime,
) -> list[Alert]:
    """Every alert implied by the stored ledger up to ``board`` and by ``board`` itself.

    Args:
        board: The evaluation just made.
        history: Stored ledger entries (any order; those at or after ``board.as_of`` and
            those of hypotheses not on the board are ignored).
        policy: The margin and heaviness.
        raised_at: The wall-clock time to stamp on the alerts.

    Returns:
        The alerts in time order; keys already stored are the caller's to skip.
    """
    earlier: dict[str, dict[dt.datetime, LedgerEntry]] = {}
    for entry in history:
        if entry.as_of < board.as_of:
            earlier.setdefault(entry.hypothesis, {})[entry.as_of] = entry
    alerts: list[Alert] = []
    for result in board.hypotheses:
        entries = earlier.get(result.id, {})
        past = [entries[t] for t in sorted(entries)]
        alerts.extend(_replay(result, past, board.as_of, policy, raised_at))
    return sorted(alerts, key=lambda a: (a.as_of, a.key))


def _replay(
    result: HypothesisResult,
    past: Sequence[LedgerEntry],
    as_of: dt.datetime,
    policy: AlertPolicy,
    raised_at: dt.datetime,
) -> list[Alert]:
    indicators = {i.id: i for i in result.indicators}
    heavy = {i.id for i in result.indicators if is_heavy(i, policy)}
    prior = past[0].prior if past else result.prior
    held = band_index(prior)
    states: dict[str, IndicatorState] = {}
    out: list[Alert] = []
    steps: list[tuple[LedgerEntry, HypothesisResult | None]] = [(e, None) for e in past]
    current = LedgerEntry(
        result.id,
        as_of,
        result.prior,
        tuple((i.id, i.state, i.log_lr) for i in result.indicators),
        result.posterior,
    )
    steps.append((current, result))
    for entry, live in steps:
        now_held = hold_band(held, entry.posterior, policy.band_margin)
        if now_held > held:
            out.append(_band_alert(result, entry, live, held, now_held, policy, raised_at))
        held = now_held
        for indicator_id, state, log_lr in entry.contributions:
            before = states.get(indicator_id, "unchecked")
            states[indicator_id] = state
            if state != before and indicator_id in heavy:
                spec = indicators[indicator_id]
                out.append(
                    _indicator_alert(
                        spec, entry, state, before, log_lr, live is not None, raised_at
                    )
                )
    return out


def _band_alert(
    result: HypothesisResult,
    entry: LedgerEntry,
    live: HypothesisResult | None,
    before: int,
    after: int,
    policy: AlertPolicy,
    raised_at: dt.datetime,
) -> Alert:
    band = BANDS[after]
    top = sorted(entry.contributions, key=lambda c: -abs(c[2]))[:3]
    drivers = ", ".join(f"{i} {state} ({log_lr:+.2f})" for i, state, log_lr in top if log_lr)
    lines = [
        f"{result.statement}",
        f"As of {entry.as_of.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC we judge this "
        f"{band.name} ({band.percent}): posterior {entry.posterior:.2f}, up from "
        f"{BANDS[before].name} (prior {entry.prior:.2f}).",
    ]
    if live is not None:
        lines.append(f"Confidence in this judgment is {live.confidence}.")
    if drivers:
        lines.append(f"Largest contributions (log-odds): {drivers}.")
    payload: dict[str, Any] = {
        "kind": "band",
        "hypothesis": result.id,
        "statement": result.statement,
        "as_of": iso_utc(entry.as_of),
        "band": band.name,
        "previous_band": BANDS[before].name,
        "posterior": entry.posterior,
        "prior": entry.prior,
        "margin": policy.band_margin,
        "confidence": live.confidence if live is not None else None,
        "contributions": [
            {"indicator": i, "state": state, "log_lr": log_lr}
            for i, state, log_lr in entry.contributions
        ],
        "evidence": _links(live.indicators) if live is not None else [],
        "replayed": live is None,
    }
    return _alert(
        "band",
        (result.id, band.name),
        entry,
        level=policy.level_of_band(after),
        title=f"{result.id}: now {band.name} (posterior {entry.posterior:.2f})",
        lines=lines,
        payload=payload,
        raised_at=raised_at,
    )


def _indicator_alert(
    spec: IndicatorResult,
    entry: LedgerEntry,
    state: IndicatorState,
    before: IndicatorState,
    log_lr: float,
    live: bool,
    raised_at: dt.datetime,
) -> Alert:
    ratio = spec.p_e_given_h / spec.p_e_given_not_h if spec.p_e_given_not_h else math.inf
    lines = [
        f"{spec.name} (hypothesis {spec.hypothesis}): now {state.replace('_', ' ')}, "
        f"was {before.replace('_', ' ')}.",
        f"P(E|H) {spec.p_e_given_h:.2f}, P(E|not H) {spec.p_e_given_not_h:.2f} "
        f"(likelihood ratio {ratio:.1f}); contribution {log_lr:+.2f} to the log-odds.",
    ]
    if live:
        if spec.note:
            lines.append(spec.note)
        lines.extend(f"- {link.summary} [{link.kind} {link.ref}]" for link in spec.evidence)
    payload: dict[str, Any] = {
        "kind": "indicator",
        "hypothesis": spec.hypothesis,
        "indicator": spec.id,
        "name": spec.name,
        "domain": spec.domain,
        "as_of": iso_utc(entry.as_of),
        "state": state,
        "previous_state": before,
        "log_lr": log_lr,
        "p_e_given_h": spec.p_e_given_h,
        "p_e_given_not_h": spec.p_e_given_not_h,
        "note": spec.note if live else None,
        "evidence": _links((spec,)) if live else [],
        "replayed": not live,
    }
    return _alert(
        "indicator",
        (spec.hypothesis, spec.id, state),
        entry,
        level=_INDICATOR_LEVEL[state],
        title=f"{spec.hypothesis}: {spec.id} {state.replace('_', ' ')}",
        lines=lines,
        payload=payload,
        raised_at=raised_at,
    )


def _alert(
    kind: AlertKind,
    parts: tuple[str, ...],
    entry: LedgerEntry,
    *,
    level: AlertLevel,
    title: str,
    lines: list[str],
    payload: dict[str, Any],
    raised_at: dt.datetime,
) -> Alert:
    """The alert raised by ``entry``, keyed by ``kind``, ``parts`` (hypothesis first) and
    the entry's UTC day."""
    return Alert(
        key=alert_key(kind, *parts, on=entry.as_of.astimezone(dt.UTC).date()),
        kind=kind,
        level=level,
        hypothesis=parts[0],
        as_of=entry.as_of,
        title=title,
        body="\n".join(lines),
        payload=payload,
        raised_at=raised_at,
    )


def _links(indicators: Iterable[IndicatorResult]) -> list[dict[str, Any]]:
    """The evidence of ``indicators`` as JSON: claim ids, event keys, observation ids."""
    return [_link(i.id, link) for i in indicators for link in i.evidence]


def _link(indicator: str, link: EvidenceLink) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "kind": link.kind,
        "ref": link.ref,
        "origin": link.origin,
        "summary": link.summary,
        "at": iso_utc(link.at),
        "weight": link.weight,
    }
