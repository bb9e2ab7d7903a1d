"""``watchfloor claims`` (stored claims, and ``extract`` without a workspace) and ``eval``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from watchfloor.analysis import assess_workspace
from watchfloor.assess import SourceInfo
from watchfloor.cli.listing import open_workspace, show
from watchfloor.cli.output import emit_json, emit_table, json_default
from watchfloor.cli.upticks import add_eval_upticks
from watchfloor.config import default_config_text, load_config, parse_config
from watchfloor.config.aliases import source_aliases
from watchfloor.errors import DecodeError, IngestError, WatchfloorError
from watchfloor.evaluation import score_agreement, score_corpus, score_origins
from watchfloor.ingest import decoder_for
from watchfloor.news import Document
from watchfloor.news.extract import extract_claims
from watchfloor.sources import read_input
from watchfloor.store import Store, list_claims

__all__ = ["add_claims", "add_eval", "value_text"]

_NLP = ("auto", "rules", "spacy")


def add_claims(sub: Any) -> None:
    """Register ``claims`` and ``claims extract``."""
    p = sub.add_parser("claims", help="stored claims; 'claims extract FILE' needs no workspace")
    p.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--measure", help="only this measure (troops, killed, ...)")
    p.add_argument("--document", type=int, help="only claims of this document id")
    p.set_defaults(handler=cmd_claims)
    actions = p.add_subparsers(dest="claims_action", metavar="ACTION")
    x = actions.add_parser("extract", help="extract claims from a report file")
    x.add_argument("file", type=Path)
    x.add_argument("--published", type=dt.date.fromisoformat, help="publication date YYYY-MM-DD")
    x.add_argument("--outlet", help="the publishing outlet")
    x.add_argument("--nlp", choices=_NLP, default="auto", help="rules only, spaCy, or auto")
    x.add_argument("--json", action="store_true", dest="json_lines", help="one JSON per claim")
    x.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    x.set_defaults(handler=cmd_extract)


def cmd_claims(args: argparse.Namespace) -> int:
    """List stored claims with origin, Admiralty grade, and their document's url and date."""

    def read(store: Store) -> list[dict[str, Any]]:
        return list_claims(store, measure=args.measure, document=args.document)

    ws = open_workspace(args)
    try:
        rows = read(ws.store)
        grades = assess_workspace(ws).grades
    finally:
        ws.close()
    for row in rows:
        grade = grades.get(int(row["id"]))
        row["reliability"] = grade.reliability if grade else row["reliability"]
        row["credibility"] = grade.credibility if grade else 6
    if not args.json:
        for row in rows:
            row["value"] = value_text(row)
            row["grade"] = f"{row['reliability'] or 'F'}{row['credibility']}"
            row["speaker"] = (row["attribution"] or ["?"])[0]
    columns = [
        "id",
        "measure",
        "value",
        "bound",
        "modality",
        "time_start",
        "speaker",
        "grade",
        "origin",
    ]
    show(args, rows, columns, empty="no claims")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract claims from one report file and print them (no workspace needed)."""
    path: Path = args.file
    data = read_input(path)
    decoder = decoder_for("report")
    assert decoder is not None
    config = _config(args)
    aliases = source_aliases(config)
    grades = {source.name: source.reliability for source in config.sources}
    for record in decoder(data, str(path)):
        if isinstance(record, DecodeError):
            line = f":{record.line}" if record.line else ""
            raise IngestError(f"{path}{line}: {record.reason}")
        if not isinstance(record, Document):
            continue
        published = args.published or (record.published.date() if record.published else None)
        outlet = args.outlet or record.outlet
        claims = extract_claims(
            record.text, published=published, outlet=outlet, aliases=aliases, nlp=args.nlp
        )
        rows = [c.to_json() for c in claims]
        for row in rows:
            # One file alone cannot show corroboration: credibility 6, "cannot be judged".
            row["reliability"] = grades.get(row["attribution"][0], "F")
            row["credibility"] = 6
        if args.json_lines:
            for row in rows:
                sys.stdout.write(json.dumps(row, default=json_default) + "\n")
        else:
            for row in rows:
                row["value"] = value_text(row)
                row["speaker"] = row["attribution"][0]
                row["when"] = row["time"]["start"]
                row["grade"] = f"{row['reliability']}{row['credibility']}"
            emit_table(rows, ["measure", "value", "bound", "modality", "when", "speaker", "grade"])
    return 0


def _config(args: argparse.Namespace) -> Any:
    explicit = getattr(args, "workspace", None)
    if explicit:
        return load_config(Path(explicit) / "watch.yaml")
    return parse_config(default_config_text(), "default watch.yaml")


def value_text(row: dict[str, Any]) -> str:
    """A claim's low/high as people read it: 11,000, 25,000..30,000, 3,000.., ..12,000."""
    low, high = row.get("low"), row.get("high")
    if low is None and high is None:
        return "?"
    if low == high:
        return f"{low:,.0f}"
    return f"{'' if low is None else f'{low:,.0f}'}..{'' if high is None else f'{high:,.0f}'}"


def add_eval(sub: Any) -> None:
    """Register ``eval claims DIR``, ``eval origins DIR`` and ``eval upticks``."""
    p = sub.add_parser("eval", help="score extraction against labelled data")
    what = p.add_subparsers(dest="eval_what", metavar="WHAT", required=True)
    c = what.add_parser("claims", help="precision/recall/F1 of claim extraction")
    c.add_argument("folder", type=Path, help="folder of NAME.md + NAME.labels.json")
    c.add_argument("--nlp", choices=_NLP, default="auto")
    c.add_argument(
        "--article",
        nargs=2,
        type=Path,
        action="append",
        default=[],
        metavar=("TEXT", "LABELS"),
        help="also score this text file against this labels file",
    )
    c.add_argument(
        "--labels-from",
        type=Path,
        metavar="DIR",
        help="score a second labeller's labels of the same texts instead of the extractor",
    )
    c.add_argument("--errors", action="store_true", help="list every miss and spurious claim")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=cmd_eval_claims)
    o = what.add_parser("origins", help="pairwise precision/recall/F1 of origin grouping")
    o.add_argument("folder", type=Path, help="folder with split subfolders of labelled texts")
    o.add_argument("--mode", choices=("gold", "extracted"), default="gold")
    o.add_argument("--nlp", choices=_NLP, default="auto")
    o.add_argument("--errors", action="store_true", help="list wrongly merged or split pairs")
    o.add_argument("--json", action="store_true")
    o.set_defaults(handler=cmd_eval_origins)
    add_eval_upticks(what)


def cmd_eval_claims(args: argparse.Namespace) -> int:
    """Print the scores of claim extraction on a labelled folder."""
    if not args.folder.is_dir():
        raise WatchfloorError(f"{args.folder}: no such folder")
    aliases = source_aliases(parse_config(default_config_text(), "default watch.yaml"))
    extra = [(Path(t), Path(lab)) for t, lab in args.article]
    if args.labels_from is not None:
        if not args.labels_from.is_dir():
            raise WatchfloorError(f"{args.labels_from}: no such folder")
        score = score_agreement(args.folder, args.labels_from, aliases=aliases)
    else:
        score = score_corpus(args.folder, nlp=args.nlp, aliases=aliases, extra=extra)
    result = {"folder": str(args.folder), "nlp": args.nlp, **score.as_dict()}
    if args.errors:
        result["errors"] = score.errors
    if args.json:
        emit_json(result)
    else:
        for key, value in result.items():
            if key != "errors":
                print(f"{key:16} {value}")
        for error in score.errors if args.errors else []:
            print(error)
    return 0


def cmd_eval_origins(args: argparse.Namespace) -> int:
    """Print pairwise scores of origin grouping per split."""
    if not args.folder.is_dir():
        raise WatchfloorError(f"{args.folder}: no such folder")
    config = parse_config(default_config_text(), "default watch.yaml")
    sources = {
        s.name.casefold(): SourceInfo(s.name, s.kind, s.country, s.reliability)
        for s in config.sources
    }
    scores = score_origins(
        args.folder, aliases=source_aliases(config), sources=sources, mode=args.mode, nlp=args.nlp
    )
    result: dict[str, Any] = {"folder": str(args.folder), "mode": args.mode}
    result |= {split: score.as_dict() for split, score in scores.items()}
    if args.errors:
        result["errors"] = scores["all"].errors
    if args.json:
        emit_json(result)
        return 0
    print(f"origin grouping, {args.mode} claims, {args.folder}")
    for split, score in scores.items():
        d = score.as_dict()
        print(
            f"  {split:8} claims {d['claims']:4}  P {d['precision']:.3f}  R {d['recall']:.3f}  "
            f"F1 {d['f1']:.3f}  (pairs tp {d['pairs_true_positive']}, fp "
            f"{d['pairs_false_positive']}, fn {d['pairs_false_negative']})"
        )
    for error in result.get("errors", []):
        print(error)
    return 0
