"""The brief's maps: sites, tracks and events over offline outlines, as inline SVG.

Three views (:data:`VIEWS`), each a declarative :class:`MapView`: the theatre (western
Russia with Kursk to the Pacific, equidistant cylindrical), the region (the Korean peninsula
and the Russian Far East, Lambert conformal conic) and the Rajin–Dunai corridor (same
projection, closer in). Outlines come from :mod:`watchfloor.brief.outlines`; coordinates are
projected with pyproj, then thinned to what a pixel can show. Numbered marks on the map are
the rows of the event timeline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Literal

import numpy as np
from pyproj import Transformer

from watchfloor.brief.evidence import short_name
from watchfloor.brief.model import MapEvent, MapSite, Track
from watchfloor.brief.outlines import OUTLINE_SOURCE, load_outlines

__all__ = ["VIEWS", "MapView", "render_map"]

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class MapView:
    """One map: its extent, projection, labels and what it shows.

    Attributes:
        id: Used in SVG ids and CSS classes.
        title: The map's caption.
        outlines: Which packaged outlines to draw.
        extent: (west, south, east, north) in degrees: the frame shows at least this.
        proj: The PROJ string of the projection (metres).
        width_px: The SVG's width; the height follows from the extent.
        graticule_deg: Spacing of meridians and parallels.
        areas: Hand-placed labels of seas and countries: (text, lon, lat).
        places: Reference places that are not watched sites: (name, lon, lat).
        label_sites: Whether to name the sites (else dots only, for sites shown closer in on
            another view).
        tracks: Which tracks to draw.
        inset: The id of a closer view whose extent is outlined here.
        events: Whether to mark events (the widest view leaves them to the closer ones).
    """

    id: str
    title: str
    outlines: Literal["theatre", "region"]
    extent: tuple[float, float, float, float]
    proj: str
    width_px: int
    graticule_deg: float
    areas: tuple[tuple[str, float, float], ...] = ()
    places: tuple[tuple[str, float, float], ...] = ()
    label_sites: bool = True
    tracks: frozenset[str] = field(default_factory=frozenset)
    inset: str | None = None
    events: bool = True


VIEWS: tuple[MapView, ...] = (
    MapView(
        "theatre",
        "Theatre: from the Kursk front to the Pacific",
        "theatre",
        (27.0, 33.0, 147.0, 63.0),
        "+proj=eqc +lat_ts=48 +lon_0=87 +datum=WGS84 +units=m +no_defs",
        720,
        10.0,
        areas=(
            ("RUSSIA", 92.0, 59.0),
            ("CHINA", 103.0, 36.5),
            ("MONGOLIA", 103.0, 46.8),
            ("KAZAKHSTAN", 67.0, 48.0),
            ("UKRAINE", 35.5, 48.2),
        ),
        places=(("Moscow", 37.62, 55.76), ("Kursk", 36.19, 51.73), ("Pyongyang", 125.75, 39.02)),
        label_sites=False,
        tracks=frozenset({"air"}),
        inset="region",
        events=False,
    ),
    MapView(
        "region",
        "Region: the Korean peninsula and the Russian Far East",
        "region",
        (122.8, 37.6, 138.2, 49.2),
        "+proj=lcc +lat_1=40 +lat_2=47 +lat_0=43.4 +lon_0=130.5 +datum=WGS84 +units=m +no_defs",
        720,
        2.0,
        areas=(
            ("RUSSIA", 134.6, 46.6),
            ("CHINA", 126.6, 45.2),
            ("NORTH KOREA", 126.9, 40.6),
            ("SOUTH KOREA", 128.2, 37.9),
            ("Sea of Japan", 134.0, 40.6),
        ),
        places=(("Pyongyang", 125.75, 39.02),),
        label_sites=False,
        tracks=frozenset({"air", "watchlisted"}),
        inset="corridor",
    ),
    MapView(
        "corridor",
        "The Rajin–Dunai corridor: vessel tracks and events",
        "region",
        (129.6, 41.55, 133.6, 43.6),
        "+proj=lcc +lat_1=42 +lat_2=43.2 +lat_0=42.6 +lon_0=131.6 +datum=WGS84 +units=m +no_defs",
        720,
        0.5,
        areas=(
            ("Peter the Great Gulf", 131.75, 42.55),
            ("NORTH KOREA", 130.0, 42.35),
            ("RUSSIA", 131.3, 43.42),
            ("CHINA", 130.0, 43.3),
        ),
        tracks=frozenset({"watchlisted", "background", "air"}),
    ),
)
"""The maps of a brief, widest first."""

_SEA, _LAND, _COAST, _BORDER, _GRID = "#e8eef3", "#f6f3ec", "#7d8b97", "#a08f8f", "#d3dbe2"
_INK, _MUTED, _WATCH, _AIR, _BACK = "#1d3557", "#5c6670", "#b3261e", "#2a6f97", "#9aaabb"
_EVENT_COLOURS = {
    "dark_transit": _WATCH,
    "gap": "#d9822b",
    "encounter": "#7b3294",
    "reappearance": "#c51b7d",
    "uptick": "#2e7d32",
    "port_visit": _INK,
    "flight": _AIR,
}


class _Frame:
    """Projection from (lon, lat) to SVG pixels for one view."""

    def __init__(self, view: MapView) -> None:
        self._transformer = Transformer.from_crs("EPSG:4326", view.proj, always_xy=True)
        ring = _extent_ring(view)
        xs, ys = self._transformer.transform([p[0] for p in ring], [p[1] for p in ring])
        self.x0, self.x1 = float(np.min(xs)), float(np.max(xs))
        self.y0, self.y1 = float(np.min(ys)), float(np.max(ys))
        self.width = float(view.width_px)
        self.scale = self.width / (self.x1 - self.x0)
        self.height = round((self.y1 - self.y0) * self.scale)

    def many(self, rings: Sequence[Sequence[Point]]) -> list[list[Point]]:
        """Project many rings at once (one pyproj call)."""
        sizes = [len(r) for r in rings]
        if not sum(sizes):
            return [[] for _ in rings]
        flat = np.array([p for r in rings for p in r], dtype=float)
        xs, ys = self._transformer.transform(flat[:, 0], flat[:, 1])
        px = (np.asarray(xs) - self.x0) * self.scale
        py = (self.y1 - np.asarray(ys)) * self.scale
        out: list[list[Point]] = []
        start = 0
        for size in sizes:
            out.append(
                list(
                    zip(
                        px[start : start + size].tolist(),
                        py[start : start + size].tolist(),
                        strict=True,
                    )
                )
            )
            start += size
        return out

    def one(self, lon: float, lat: float) -> Point:
        """Project one point."""
        return self.many([[(lon, lat)]])[0][0]

    def visible(self, ring: Sequence[Point], margin: float = 0.0) -> bool:
        """Whether the ring's bounding box meets the frame."""
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return (
            max(xs) >= -margin
            and min(xs) <= self.width + margin
            and max(ys) >= -margin
            and min(ys) <= self.height + margin
        )

    def inside(self, point: Point, margin: float = 0.0) -> bool:
        """Whether a projected point is within the frame."""
        return (
            -margin <= point[0] <= self.width + margin
            and -margin <= point[1] <= self.height + margin
        )


def _thin(ring: Sequence[Point], tolerance_px: float = 0.7) -> list[Point]:
    """Drop points closer than ``tolerance_px`` to the last one kept (keeping the ends)."""
    if len(ring) < 3:
        return list(ring)
    kept = [ring[0]]
    for point in ring[1:-1]:
        last = kept[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) >= tolerance_px:
            kept.append(point)
    kept.append(ring[-1])
    return kept


def _d(rings: Iterable[Sequence[Point]], close: bool) -> str:
    parts = []
    for ring in rings:
        if len(ring) < 2:
            continue
        head, *rest = ring
        parts.append(
            f"M{head[0]:.1f} {head[1]:.1f}"
            + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest)
            + ("Z" if close else "")
        )
    return "".join(parts)


def _text(x: float, y: float, text: str, cls: str, anchor: str = "start") -> str:
    return (
        f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'
    )


class _Labels:
    """Greedy label placement: the first candidate position that overlaps nothing placed."""

    def __init__(self, frame: _Frame) -> None:
        self.frame = frame
        self.boxes: list[tuple[float, float, float, float]] = []

    def block(self, x: float, y: float, r: float) -> None:
        """Keep labels off a marker at (x, y) of radius ``r``."""
        self.boxes.append((x - r, y - r, x + r, y + r))

    def place(self, x: float, y: float, text: str, size: float = 11.0) -> tuple[float, float, str]:
        """(x, y, anchor) for a label next to a marker at (x, y)."""
        w, h = 0.58 * size * len(text), size
        options = [
            (x + 7, y + h * 0.35, "start", (x + 6, y - h / 2, x + 7 + w, y + h / 2)),
            (x - 7, y + h * 0.35, "end", (x - 7 - w, y - h / 2, x - 6, y + h / 2)),
            (x, y - 8, "middle", (x - w / 2, y - 8 - h, x + w / 2, y - 7)),
            (x, y + 8 + h * 0.8, "middle", (x - w / 2, y + 7, x + w / 2, y + 8 + h)),
            (x + 7, y - 9, "start", (x + 6, y - 9 - h, x + 7 + w, y - 8)),
            (x - 7, y + 9 + h * 0.7, "end", (x - 7 - w, y + 8, x - 6, y + 9 + h)),
        ]
        for lx, ly, anchor, box in options:
            inside = box[0] >= 2 and box[2] <= self.frame.width - 2 and box[1] >= 2
            if (
                inside
                and box[3] <= self.frame.height - 2
                and not any(
                    box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                    for b in self.boxes
                )
            ):
                self.boxes.append(box)
                return lx, ly, anchor
        lx, ly, anchor, box = options[0]
        self.boxes.append(box)
        return lx, ly, anchor


def _extent_ring(view: MapView) -> list[Point]:
    west, south, east, north = view.extent
    steps = [i / 20 for i in range(21)]
    return (
        [(west + (east - west) * s, south) for s in steps]
        + [(east, south + (north - south) * s) for s in steps]
        + [(east - (east - west) * s, north) for s in steps]
        + [(west, north - (north - south) * s) for s in steps]
    )


def _nice_km(km: float) -> float:
    power = 10.0 ** math.floor(math.log10(km))
    return max(m * power for m in (1.0, 2.0, 5.0) if m * power <= km)


def _graticule(view: MapView, frame: _Frame) -> list[str]:
    west, south, east, north = view.extent
    step = view.graticule_deg
    lines: list[list[Point]] = []
    labels: list[str] = []
    lon = math.ceil((west - step) / step) * step
    while lon <= east + step:
        lines.append([(lon, south - 2 + i * (north - south + 4) / 40) for i in range(41)])
        lon += step
    lat = math.ceil((south - step) / step) * step
    while lat <= north + step:
        lines.append([(west - 4 + i * (east - west + 8) / 60, lat) for i in range(61)])
        lat += step
    projected = frame.many(lines)
    out = [
        f'<path class="graticule" d="{_d(projected, False)}" fill="none" stroke="{_GRID}" '
        'stroke-width="0.6"/>'
    ]
    for line, raw in zip(projected, lines, strict=True):
        meridian = raw[0][0] == raw[-1][0]
        value = raw[0][0] if meridian else raw[0][1]
        if meridian:
            edge = [p for p in line if frame.height - 14 <= p[1] <= frame.height]
            if edge and 20 <= edge[0][0] <= frame.width - 20:
                labels.append(_text(edge[0][0] + 2, frame.height - 4, f"{value:g}°E", "grid"))
        else:
            edge = [p for p in line if 0 <= p[0] <= 14]
            if edge and 14 <= edge[0][1] <= frame.height - 20:
                labels.append(_text(3, edge[0][1] - 3, f"{value:g}°N", "grid"))
    return out + labels


def render_map(
    view: MapView,
    sites: Sequence[MapSite],
    tracks: Sequence[Track],
    events: Sequence[MapEvent],
) -> str:
    """The SVG of one view: outlines, graticule, tracks, events (numbered), sites, legend."""
    frame = _Frame(view)
    outlines = load_outlines(view.outlines)
    w, h = int(frame.width), int(frame.height)
    out = [
        f'<svg class="map map-{view.id}" role="img" viewBox="0 0 {w} {h}" width="{w}" '
        f'height="{h}" aria-labelledby="map-{view.id}-title">',
        f'<title id="map-{view.id}-title">{escape(view.title)}</title>',
        f'<defs><clipPath id="clip-{view.id}"><rect width="{w}" height="{h}"/></clipPath></defs>',
        f'<rect class="sea" width="{w}" height="{h}" fill="{_SEA}"/>',
        f'<g clip-path="url(#clip-{view.id})">',
    ]
    projected = frame.many([r for _, rings in outlines.land for r in rings])
    start = 0
    for name, rings in outlines.land:
        mine = projected[start : start + len(rings)]
        start += len(rings)
        shown = [_thin(r) for r in mine if len(r) > 2 and frame.visible(r, 20)]
        if shown:
            out.append(
                f'<path class="land" data-name="{escape(name)}" d="{_d(shown, True)}" '
                f'fill="{_LAND}" fill-rule="evenodd"/>'
            )
    out += _graticule(view, frame)
    for layer, colour, extra in (
        (outlines.coast, _COAST, ""),
        (outlines.border, _BORDER, ' stroke-dasharray="4 2"'),
    ):
        shown = [_thin(r) for r in frame.many(layer) if len(r) > 1 and frame.visible(r, 20)]
        kind = "coast" if layer is outlines.coast else "border"
        out.append(
            f'<path class="{kind}" d="{_d(shown, False)}" fill="none" stroke="{colour}" '
            f'stroke-width="0.8"{extra}/>'
        )
    out += _tracks(view, frame, tracks)
    if view.events:
        out += _dark_legs(frame, events)
    if view.inset is not None:
        inset = next(v for v in VIEWS if v.id == view.inset)
        ring = frame.many([_extent_ring(inset)])[0]
        out.append(
            f'<path class="inset" d="{_d([ring], True)}" fill="none" stroke="{_INK}" '
            'stroke-width="1" stroke-dasharray="2 2"/>'
        )
    labels = _Labels(frame)
    for text, lon, lat in view.areas:
        x, y = frame.one(lon, lat)
        cls = "sea-label" if text[:1].isupper() and not text.isupper() else "area"
        out.append(_text(x, y, text, cls, "middle"))
        width = 0.7 * 11 * len(text)
        labels.boxes.append((x - width / 2, y - 11, x + width / 2, y + 3))
    if view.events:
        out += _events(frame, events, labels)
    out += _sites(view, frame, sites, labels)
    for name, lon, lat in view.places:
        x, y = frame.one(lon, lat)
        if frame.inside((x, y)):
            labels.block(x, y, 3)
            lx, ly, anchor = labels.place(x, y, name)
            out.append(f'<circle class="place" cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="#333"/>')
            out.append(_text(lx, ly, name, "place-label", anchor))
    out.append("</g>")
    out += _scale_bar(frame)
    out.append(f'<rect width="{w}" height="{h}" fill="none" stroke="{_MUTED}" stroke-width="1"/>')
    out.append(_text(w - 6, h - 6, f"Outlines: {OUTLINE_SOURCE}", "credit", "end"))
    out.append("</svg>")
    return "".join(out)


def _tracks(view: MapView, frame: _Frame, tracks: Sequence[Track]) -> list[str]:
    out: list[str] = []
    for track in tracks:
        role = (
            "air"
            if track.domain == "air"
            else ("watchlisted" if track.watchlisted else "background")
        )
        if role not in view.tracks:
            continue
        segments = [_thin(s, 1.0) for s in frame.many(track.segments) if frame.visible(s, 5)]
        if not segments:
            continue
        colour, width, opacity = {
            "air": (_AIR, 1.3, 0.8),
            "watchlisted": (_WATCH, 1.8, 0.95),
            "background": (_BACK, 0.8, 0.7),
        }[role]
        out.append(
            f'<path class="track track-{role}" data-label="{escape(track.label)}" '
            f'd="{_d(segments, False)}" fill="none" stroke="{colour}" stroke-width="{width}" '
            f'stroke-opacity="{opacity}" stroke-linejoin="round" stroke-linecap="round">'
            f"<title>{escape(track.label)}</title></path>"
        )
    return out


def _dark_legs(frame: _Frame, events: Sequence[MapEvent]) -> list[str]:
    legs = [e.dark_leg for e in events if e.dark_leg is not None]
    if not legs:
        return []
    projected = frame.many([list(leg) for leg in legs])
    return [
        f'<path class="dark-leg" d="{_d(projected, False)}" fill="none" stroke="{_WATCH}" '
        'stroke-width="1.4" stroke-dasharray="5 4"/>'
    ]


def _events(frame: _Frame, events: Sequence[MapEvent], labels: _Labels) -> list[str]:
    """Event marks, grouped where they fall on the same spot, numbered as in the timeline."""
    groups: list[tuple[Point, list[MapEvent]]] = []
    for event in events:
        point = frame.one(event.lon, event.lat)
        if not frame.inside(point):
            continue
        for spot, members in groups:
            if abs(spot[0] - point[0]) < 9 and abs(spot[1] - point[1]) < 9:
                members.append(event)
                break
        else:
            groups.append((point, [event]))
    out: list[str] = []
    for (x, y), members in groups:
        colour = _EVENT_COLOURS.get(members[0].kind, _MUTED)
        numbers = ",".join(str(e.number) for e in members)
        keys = " ".join(e.key for e in members)
        title = "; ".join(f"{e.number}: {e.label}" for e in members)
        labels.block(x, y, 5)
        lx, ly, anchor = labels.place(x, y, numbers, 10)
        out.append(
            f'<g class="event" data-events="{escape(keys)}">'
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}" '
            f'transform="rotate(45 {x:.1f} {y:.1f})" stroke="#fff" stroke-width="1"/>'
            f"<title>{escape(title)}</title>"
            + _text(lx, ly, numbers, "event-label", anchor)
            + "</g>"
        )
    return out


def _sites(view: MapView, frame: _Frame, sites: Sequence[MapSite], labels: _Labels) -> list[str]:
    out: list[str] = []
    placed = [(s, frame.one(s.lon, s.lat)) for s in sites]
    placed = [(s, p) for s, p in placed if frame.inside(p, -2)]
    for _, (x, y) in placed:
        labels.block(x, y, 4)
    for site, (x, y) in placed:
        shape = (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="#fff" '
            f'stroke="{_INK}" stroke-width="1.6"/>'
            if site.kind == "airfield"
            else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.6" fill="#fff" stroke="{_INK}" '
            'stroke-width="1.6"/>'
        )
        label = ""
        if view.label_sites or not _in_other_view(view, site):
            name = short_name(site.id, site.name, site.kind)
            lx, ly, anchor = labels.place(x, y, name)
            label = _text(lx, ly, name, "site-label", anchor)
        out.append(
            f'<g class="site" data-site="{escape(site.id)}"><title>{escape(site.name)} '
            f"({escape(site.kind)}, {escape(site.country)})</title>{shape}{label}</g>"
        )
    return out


def _in_other_view(view: MapView, site: MapSite) -> bool:
    """Whether a closer view that this one outlines shows the site (and names it)."""
    inset = next((v for v in VIEWS if v.id == view.inset), None)
    while inset is not None:
        west, south, east, north = inset.extent
        if west <= site.lon <= east and south <= site.lat <= north and inset.label_sites:
            return True
        inset = next((v for v in VIEWS if v.id == inset.inset), None)
    return False


def _scale_bar(frame: _Frame) -> list[str]:
    km_per_px = 1 / frame.scale / 1000
    km = _nice_km(frame.width * 0.18 * km_per_px)
    length = km / km_per_px
    x, y = 12.0, frame.height - 16.0
    return [
        f'<g class="scale"><rect x="{x - 4:.1f}" y="{y - 14:.1f}" width="{length + 8:.1f}" '
        f'height="22" fill="#fff" opacity="0.75"/>'
        f'<path d="M{x:.1f} {y - 3:.1f}V{y + 2:.1f}H{x + length:.1f}V{y - 3:.1f}" fill="none" '
        f'stroke="#333" stroke-width="1.2"/>'
        + _text(x + length / 2, y - 5, f"{km:,.0f} km", "scale-label", "middle")
        + "</g>"
    ]
