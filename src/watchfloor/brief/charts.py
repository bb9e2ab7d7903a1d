"""The force ledger as a chart: present strength by month with its 80% band, as inline SVG.

One point per ledger step (each month end, and the brief's date), joined by the median line
over a shaded band from the 10th to the 90th percentile; dashed rules mark when movements in
were reported. The SVG is self-contained (no fonts, scripts or links) and scales to the page.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from watchfloor.brief.footnotes import people_text
from watchfloor.brief.model import LedgerFlow, LedgerPoint

__all__ = ["CHART_HEIGHT", "CHART_WIDTH", "ledger_chart", "nice_ticks"]

CHART_WIDTH = 720
CHART_HEIGHT = 290
_LEFT, _RIGHT, _TOP, _BOTTOM = 62, 18, 30, 42
_INK, _BAND, _GRID, _MUTED, _FLOW = "#1d3557", "#c5d3e6", "#e3e6ea", "#5c6670", "#8a5a00"


def nice_ticks(high: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``high`` (steps of 1, 2, 2.5 or 5 x 10^k)."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    top = math.ceil(high / step) * step
    return [i * step for i in range(round(top / step) + 1)]


def _xy(value: float) -> str:
    return f"{value:.1f}"


def ledger_chart(points: Sequence[LedgerPoint], flows: Sequence[LedgerFlow], *, title: str) -> str:
    """The SVG of the ledger's points (empty string when there are none)."""
    if not points:
        return ""
    first = points[0].date - dt.timedelta(days=12)
    last = points[-1].date + dt.timedelta(days=12)
    span = max((last - first).days, 1)
    ticks = nice_ticks(max(p.high_value for p in points) * 1.05)
    top = ticks[-1] or 1.0
    plot_w = CHART_WIDTH - _LEFT - _RIGHT
    plot_h = CHART_HEIGHT - _TOP - _BOTTOM

    def x(day: dt.date) -> float:
        return _LEFT + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return _TOP + plot_h * (1 - value / top)

    out = [
        f'<svg class="chart ledger-chart" role="img" '
        f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" width="{CHART_WIDTH}" '
        f'height="{CHART_HEIGHT}" aria-labelledby="ledger-title">',
        f'<title id="ledger-title">{escape(title)}</title>',
        '<g font-family="inherit" font-size="11">',
    ]
    for tick in ticks:
        ty = _xy(y(tick))
        out.append(
            f'<line x1="{_LEFT}" x2="{CHART_WIDTH - _RIGHT}" y1="{ty}" y2="{ty}" '
            f'stroke="{_GRID}" stroke-width="1"/>'
            f'<text x="{_LEFT - 6}" y="{ty}" dy="0.32em" text-anchor="end" '
            f'fill="{_MUTED}">{people_text(tick)}</text>'
        )
    for point in points:
        px = _xy(x(point.date))
        label = point.date.strftime("%b")
        if point is points[0] or point.date.month == 1:
            label += f" {point.date:%Y}"
        out.append(
            f'<text x="{px}" y="{CHART_HEIGHT - _BOTTOM + 16}" text-anchor="middle" '
            f'fill="{_MUTED}">{label}</text>'
        )
    for flow in flows:
        if flow.kind != "movement" or not first <= flow.date <= last:
            continue
        fx = _xy(x(flow.date))
        out.append(
            f'<line class="flow" x1="{fx}" x2="{fx}" y1="{_TOP}" y2="{_TOP + plot_h}" '
            f'stroke="{_FLOW}" stroke-width="1" stroke-dasharray="4 3"/>'
            f'<text x="{fx}" y="{_TOP - 6}" text-anchor="middle" fill="{_FLOW}">'
            f"+{escape(flow.median.text)} reported in</text>"
        )
    upper = " ".join(f"{_xy(x(p.date))},{_xy(y(p.high_value))}" for p in points)
    lower = " ".join(f"{_xy(x(p.date))},{_xy(y(p.low_value))}" for p in reversed(points))
    out.append(f'<polygon class="band" points="{upper} {lower}" fill="{_BAND}" opacity="0.85"/>')
    line = " ".join(f"{_xy(x(p.date))},{_xy(y(p.median_value))}" for p in points)
    out.append(
        f'<polyline class="median" points="{line}" fill="none" stroke="{_INK}" '
        'stroke-width="2" stroke-linejoin="round"/>'
    )
    for p in points:
        out.append(
            f'<circle class="point" data-date="{p.date.isoformat()}" cx="{_xy(x(p.date))}" '
            f'cy="{_xy(y(p.median_value))}" r="3.5" fill="#fff" stroke="{_INK}" '
            f'stroke-width="1.8"><title>{p.date:%d %b %Y}: {escape(p.median.text)} '
            f"(80% interval {escape(p.interval.text)})</title></circle>"
        )
    axis_y = _xy(_TOP + plot_h)
    out.append(
        f'<line x1="{_LEFT}" x2="{CHART_WIDTH - _RIGHT}" y1="{axis_y}" y2="{axis_y}" '
        f'stroke="{_MUTED}" stroke-width="1"/>'
    )
    legend_x = _LEFT + 10
    out.append(
        f'<rect x="{legend_x}" y="{_TOP + 6}" width="16" height="9" fill="{_BAND}"/>'
        f'<text x="{legend_x + 22}" y="{_TOP + 14}" fill="{_MUTED}">80% interval</text>'
        f'<line x1="{legend_x + 104}" x2="{legend_x + 120}" y1="{_TOP + 10.5}" '
        f'y2="{_TOP + 10.5}" stroke="{_INK}" stroke-width="2"/>'
        f'<text x="{legend_x + 126}" y="{_TOP + 14}" fill="{_MUTED}">median</text>'
    )
    out.append("</g></svg>")
    return "".join(out)
