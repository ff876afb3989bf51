"""Add an item to a top-level list of a YAML file without disturbing the rest of the text.

A consultant's `assessment.yaml` carries comments and a layout of its own; re-dumping it would
lose both. Instead the list node is found by composing the text, and one flow-style line is
inserted where the list ends (or the empty `[]` is replaced by a block list).
"""

from __future__ import annotations

import json
from typing import Any

import yaml

__all__ = ["append_to_list", "flow_item"]


def flow_item(item: dict[str, Any]) -> str:
    """`{id: r1, name: "Trần Minh Quân", role: sales}`: strings quoted as JSON, which YAML reads."""
    parts = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items() if v is not None]
    return "{" + ", ".join(parts) + "}"


def append_to_list(text: str, key: str, item: dict[str, Any]) -> str:
    """`text` with `item` appended to the top-level sequence under `key` (created if absent).

    The result is read back and must hold exactly the old data plus the item; otherwise
    (a layout this editor does not handle) ValueError is raised and nothing is to be written.
    """
    new = _append(text, key, item)
    before, after = yaml.safe_load(text) or {}, yaml.safe_load(new)
    expected = {
        **before,
        key: [*(before.get(key) or []), {k: v for k, v in item.items() if v is not None}],
    }
    if after != expected:
        raise ValueError(f"could not add to '{key}' without disturbing the file")
    return new


def _append(text: str, key: str, item: dict[str, Any]) -> str:
    root = yaml.compose(text)
    entry = flow_item(item)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("the file is not a mapping")
    for key_node, value in root.value:
        if key_node.value != key:
            continue
        if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
            return _replace(text, value, f"\n  - {entry}")
        if not isinstance(value, yaml.SequenceNode):
            raise ValueError(f"'{key}' is not a list")
        if value.flow_style:
            items = [_source(text, n) for n in value.value] + [entry]
            return _replace(text, value, "".join(f"\n  - {i}" for i in items))
        return _after_last_item(text, value, entry)
    sep = "" if text.endswith("\n") or not text else "\n"
    return f"{text}{sep}{key}:\n  - {entry}\n"


def _source(text: str, node: yaml.Node) -> str:
    return text[node.start_mark.index : node.end_mark.index]


def _replace(text: str, node: yaml.Node, new: str) -> str:
    return text[: node.start_mark.index].rstrip(" ") + new + text[node.end_mark.index :]


def _content_end(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection's end mark is at the next token)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return int(node.end_mark.index)
    children = (
        node.value
        if isinstance(node, yaml.SequenceNode)
        else [part for pair in node.value for part in pair]
    )
    return max((_content_end(c) for c in children), default=int(node.end_mark.index))


def _after_last_item(text: str, seq: yaml.SequenceNode, entry: str) -> str:
    """Insert a new `- item` line after the line on which the block sequence's last item ends."""
    indent = " " * seq.start_mark.column
    line_end = text.find("\n", _content_end(seq.value[-1]))
    if line_end == -1:
        return f"{text}\n{indent}- {entry}\n"
    return f"{text[: line_end + 1]}{indent}- {entry}\n{text[line_end + 1 :]}"
