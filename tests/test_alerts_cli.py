"""`watchfloor alerts` and `watch` on the command line; the alerts section of watch.yaml."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alerts_helpers import Desk, board, indicator, link
from watchfloor.alerts import store_alerts
from watchfloor.cli.main import main
from watchfloor.config import default_config_text, parse_config
from watchfloor.config.model import (
    AlertsConfig,
    EmailChannel,
    JsonLinesChannel,
    TerminalChannel,
    WebhookChannel,
)
from watchfloor.errors import ConfigError
from watchfloor.workspace import Workspace

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _seed(ws: Workspace) -> list[str]:
    seen = indicator(state="observed", log_lr=1.2, evidence=[link()])
    alerts = Desk().cycle(board(2, 0.62, [seen]))
    store_alerts(ws.store, alerts)
    return [a.key for a in alerts]


def test_alerts_json_lists_stored_alerts_with_evidence(
    sqlite_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """`alerts --json` prints every stored alert with its payload and delivery records."""
    keys = _seed(sqlite_workspace)
    assert main(["--workspace", str(sqlite_workspace.root), "alerts", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["key"] for r in rows] == keys
    assert set(rows[0]) == {
        "id",
        "key",
        "kind",
        "level",
        "hypothesis",
        "as_of",
        "raised_at",
        "title",
        "body",
        "payload",
        "delivery",
    }
    assert rows[1]["payload"]["evidence"][0]["ref"] == "event:dark_transit:412345678:2025-06-02"
    assert rows[0]["delivery"] == {}


def test_alerts_since_filters_by_raised_date(
    sqlite_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--since` keeps alerts raised on or after that day; a bad date is a usage error."""
    _seed(sqlite_workspace)
    root = str(sqlite_workspace.root)
    assert main(["--workspace", root, "alerts", "--since", "2999-01-01"]) == 0
    assert "no alerts" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["--workspace", root, "alerts", "--since", "last week"])
    assert usage.value.code == 2
    assert "expected a date like 2025-06-10" in capsys.readouterr().err


def test_alerts_deliver_writes_the_json_lines_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With jsonl on in watch.yaml, `alerts --deliver` appends each alert once."""
    root = tmp_path / "ws"
    Workspace.init(root).close()
    config = root / "watch.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "  jsonl:\n    enabled: false\n", "  jsonl:\n    enabled: true\n", 1
    ).replace("  terminal:\n    enabled: true\n", "  terminal:\n    enabled: false\n", 1)
    config.write_text(text, encoding="utf-8")
    ws = Workspace.open(root)
    try:
        keys = _seed(ws)
    finally:
        ws.close()
    for _ in range(2):
        assert main(["--workspace", str(root), "alerts", "--deliver"]) == 0
    lines = (root / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["key"] for line in lines] == keys
    out = capsys.readouterr()
    assert "2 delivered, 0 failed" in out.err
    assert "jsonl" in out.out


def test_watch_a_missing_inbox_is_one_line_and_exit_2(
    sqlite_workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing INBOX is a user error: one line naming it, exit code 2."""
    code = main(["--workspace", str(sqlite_workspace.root), "watch", str(tmp_path / "nope")])
    assert code == 2
    err = capsys.readouterr().err
    assert "nope: expected an inbox folder, found none" in err


def test_default_watch_yaml_delivers_to_the_terminal_only() -> None:
    """The shipped watch.yaml has an alerts section with only the terminal on."""
    alerts = parse_config(default_config_text()).alerts
    assert alerts.terminal.enabled
    assert not alerts.jsonl.enabled
    assert not alerts.email.enabled
    assert all(not hook.enabled for hook in alerts.webhooks)
    assert alerts.band_margin == 0.03


def test_alerts_config_errors_name_the_line() -> None:
    """A bad webhook URL in watch.yaml is an error naming the line and key path."""
    text = "alerts:\n  webhooks:\n    - name: ops\n      url: ftp://example.org/x\n"
    with pytest.raises(ConfigError, match=r"watch.yaml:4: alerts.webhooks\[0\].url: expected an"):
        parse_config(text)
    twice = "alerts:\n  webhooks:\n    - {name: a, url: 'http://x.org'}\n    - {name: a, url: 'http://y.org'}\n"
    with pytest.raises(ConfigError, match="webhook name 'a' is given twice"):
        parse_config(twice)
    no_recipient = "alerts:\n  email: {enabled: true, sender: a@example.org}\n"
    with pytest.raises(ConfigError, match="at least one recipient"):
        parse_config(no_recipient)


@pytest.mark.parametrize(
    ("prefix", "model"),
    [
        ("", AlertsConfig),
        ("terminal.", TerminalChannel),
        ("jsonl.", JsonLinesChannel),
        ("webhooks[].", WebhookChannel),
        ("email.", EmailChannel),
    ],
)
def test_every_alerts_key_is_documented_with_its_default(prefix: str, model: type) -> None:
    """docs/watch-yaml.md has a row for each alerts key, with its default where it has one."""
    text = (DOCS / "watch-yaml.md").read_text(encoding="utf-8")
    for name, field in model.model_fields.items():
        if field.annotation in (TerminalChannel, JsonLinesChannel, EmailChannel) or (
            name == "webhooks"
        ):
            continue  # a section, documented key by key
        row = re.search(rf"^\| `{re.escape(prefix + name)}` \| ([^|]*) \|", text, re.MULTILINE)
        assert row is not None, f"{prefix}{name} is not documented"
        default = field.default
        if isinstance(default, bool):
            assert row.group(1).strip() == str(default).lower(), name
        elif isinstance(default, int | float):
            assert float(row.group(1)) == float(default), name
