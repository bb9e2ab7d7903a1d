"""``watchfloor imagery change BEFORE AFTER``: where two images of a site differ.

No workspace is needed; when one exists its ``watch.yaml`` sites that fall on the raster get
their own figures (``--site ID`` asks for one and fails when it is unknown or off the raster).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from watchfloor.cli.output import emit_json, emit_table
from watchfloor.config import Site, load_config
from watchfloor.workspace import default_root

__all__ = ["add_imagery"]


def add_imagery(sub: Any) -> None:
    """Register ``imagery change``."""
    from watchfloor.imagery.threshold import DEFAULT_MIN_BLOB_PX

    p = sub.add_parser("imagery", help="satellite imagery tools")
    actions = p.add_subparsers(dest="imagery_action", metavar="ACTION", required=True)
    c = actions.add_parser("change", help="change detection between two rasters of a site")
    c.add_argument("before", type=Path, metavar="BEFORE", help="the earlier raster")
    c.add_argument("after", type=Path, metavar="AFTER", help="the later raster")
    c.add_argument("--site", metavar="ID", help="only this watch.yaml site")
    c.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="write change_mask.tif, change.geojson and summary.json here",
    )
    c.add_argument("--json", action="store_true", help="print the summary as JSON")
    c.add_argument(
        "--min-blob-px",
        type=int,
        default=DEFAULT_MIN_BLOB_PX,
        metavar="N",
        help=f"smallest changed blob kept, in pixels (default {DEFAULT_MIN_BLOB_PX})",
    )
    c.add_argument(
        "--no-coregister",
        action="store_true",
        help="do not measure and undo a residual shift (inputs known to share a grid)",
    )
    c.add_argument(
        "--workspace", metavar="DIR", default=argparse.SUPPRESS, help="the workspace folder"
    )
    c.set_defaults(handler=cmd_change)


def cmd_change(args: argparse.Namespace) -> int:
    """Detect change between BEFORE and AFTER and print (or write) what was found."""
    from watchfloor.imagery.change import ChangeSettings, detect_change
    from watchfloor.imagery.products import write_products

    settings = ChangeSettings(min_blob_px=args.min_blob_px, coregister=not args.no_coregister)
    result = detect_change(
        args.before, args.after, sites=_sites(args), site=args.site, settings=settings
    )
    summary = result.summary()
    if args.output is not None:
        written = write_products(result, args.output)
        summary["outputs"] = {kind: str(path) for kind, path in written.items()}
    if args.json:
        emit_json(summary)
        return 0
    _print_summary(summary)
    return 0


def _sites(args: argparse.Namespace) -> list[Site]:
    path = default_root(getattr(args, "workspace", None)) / "watch.yaml"
    if args.site is None and not path.exists():
        return []
    return list(load_config(path).sites)


def _print_summary(summary: dict[str, Any]) -> None:
    shift, threshold, changed = summary["shift"], summary["threshold"], summary["changed"]
    metres = (
        f" ({shift['east_m']} m east, {shift['north_m']} m north)"
        if shift["east_m"] is not None
        else ""
    )
    applied = "" if shift["applied"] else ", not applied"
    rows = [
        {"item": "before", "value": summary["before"]["path"]},
        {"item": "after", "value": summary["after"]["path"]},
        {"item": "reprojected", "value": "yes" if summary["after"]["reprojected"] else "no"},
        {
            "item": "shift",
            "value": f"{shift['rows_px']} rows, {shift['cols_px']} cols{metres}{applied}",
        },
        {
            "item": "threshold",
            "value": f"{threshold['value_sigma']} sigma ({threshold['method']})",
        },
        {
            "item": "changed",
            "value": f"{changed['pixels']} of {changed['valid_pixels']} px "
            f"({100 * changed['fraction']:.2f} %)",
        },
        {"item": "changed area", "value": _area(changed["area_m2"])},
    ]
    if "outputs" in summary:
        rows.append({"item": "written", "value": ", ".join(summary["outputs"].values())})
    emit_table(rows, ["item", "value"])
    if summary["sites"]:
        sites = [
            {
                "site": s["site"],
                "coverage": f"{100 * s['coverage']:.1f} %",
                "changed": _area(s["changed_area_m2"]),
                "fraction": f"{100 * s['changed_fraction']:.2f} %",
            }
            for s in summary["sites"]
        ]
        emit_table(sites, ["site", "coverage", "changed", "fraction"], title="sites")


def _area(area_m2: float | None) -> str:
    if area_m2 is None:
        return "n/a (not georeferenced)"
    if area_m2 >= 1e6:
        return f"{area_m2 / 1e6:.3f} km²"
    return f"{area_m2:.0f} m²"
