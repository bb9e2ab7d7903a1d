"""Read ``watch.yaml`` and turn every problem into one line naming the key path and line.

PyYAML's node tree (``yaml.compose``) keeps the line of every key and item; pydantic's
error locations are mapped back onto it.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from watchfloor.config.hypotheses import hypothesis_problems
from watchfloor.config.model import WatchConfig
from watchfloor.errors import ConfigError

__all__ = ["default_config_text", "load_config", "parse_config"]

_Loc = tuple[str | int, ...]


def default_config_text() -> str:
    """Return the text of the ``watch.yaml`` shipped for the Korea-Russia corridor."""
    return resources.files("watchfloor.config").joinpath("default_watch.yaml").read_text("utf-8")


def load_config(path: Path) -> WatchConfig:
    """Load and validate a ``watch.yaml`` file.

    Raises:
        ConfigError: the file is missing, not YAML, or does not validate.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    return parse_config(text, str(path))


def parse_config(text: str, name: str = "watch.yaml") -> WatchConfig:
    """Validate ``text`` as a ``watch.yaml`` document; ``name`` is used in messages."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: not valid YAML: {problem}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name}:1: expected a mapping at the top, got {type(data).__name__}")
    lines = _line_map(node)
    _check_duplicate_keys(node, name)
    try:
        config = WatchConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc: _Loc = tuple(first["loc"])
        raise ConfigError(
            f"{name}:{_line_for(loc, lines)}: {_dotted(loc)}: {_message(first)}"
        ) from exc
    _check_unique(config, lines, name)
    problem = next(hypothesis_problems(config.hypotheses, {s.id for s in config.sites}), None)
    if problem is not None:
        loc, message = problem
        raise ConfigError(f"{name}:{_line_for(loc, lines)}: {_dotted(loc)}: {message}")
    return config


def _message(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key"
    msg = str(error["msg"])
    return msg.removeprefix("Value error, ")


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(top)"


def _line_map(node: yaml.Node | None) -> dict[_Loc, int]:
    """Map every key path in the document to its 1-based line."""
    lines: dict[_Loc, int] = {}

    def walk(current: yaml.Node, path: _Loc) -> None:
        lines[path] = current.start_mark.line + 1
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = str(key_node.value)
                lines[(*path, key)] = key_node.start_mark.line + 1
                walk(value_node, (*path, key))
                lines[(*path, key)] = key_node.start_mark.line + 1
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                walk(item, (*path, index))

    if node is not None:
        walk(node, ())
    return lines


def _line_for(loc: _Loc, lines: dict[_Loc, int]) -> int:
    # pydantic adds tagged-union or tuple segments that are not in the YAML; trim until known.
    path = loc
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _check_duplicate_keys(node: yaml.Node | None, name: str) -> None:
    def walk(current: yaml.Node) -> None:
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in current.value:
                key = str(key_node.value)
                if key in seen:
                    raise ConfigError(
                        f"{name}:{key_node.start_mark.line + 1}: duplicate key {key!r}"
                    )
                seen.add(key)
                walk(value_node)
        elif isinstance(current, yaml.SequenceNode):
            for item in current.value:
                walk(item)

    if node is not None:
        walk(node)


def _check_unique(config: WatchConfig, lines: dict[_Loc, int], name: str) -> None:
    checks: list[tuple[str, str, list[str]]] = [
        ("sites", "id", [s.id for s in config.sites]),
        ("sources", "name", [s.name for s in config.sources]),
        ("aircraft", "registration", [a.registration for a in config.aircraft]),
    ]
    for section, field, values in checks:
        seen: dict[str, int] = {}
        for index, value in enumerate(values):
            if value in seen:
                line = _line_for((section, index, field), lines)
                raise ConfigError(
                    f"{name}:{line}: {section}[{index}].{field}: duplicate {field} {value!r} "
                    f"(first at {section}[{seen[value]}])"
                )
            seen[value] = index
    _check_unique_aliases(config, lines, name)


def _check_unique_aliases(config: WatchConfig, lines: dict[_Loc, int], name: str) -> None:
    owner: dict[str, str] = {}
    for index, source in enumerate(config.sources):
        for alias in (source.name, *source.aliases):
            key = alias.casefold()
            if key in owner and owner[key] != source.name:
                line = _line_for(("sources", index, "aliases"), lines)
                raise ConfigError(
                    f"{name}:{line}: sources[{index}]: alias {alias!r} already names {owner[key]!r}"
                )
            owner[key] = source.name
