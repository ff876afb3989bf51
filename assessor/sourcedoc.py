"""A parsed document and the places of its parts: every problem names its line and column.

PyYAML keeps positions on nodes, not on the data built from them, so a document keeps its node
tree beside its data, and a location (`answers.q1.value`) is found by walking that tree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

__all__ = ["SourceDoc", "format_loc", "nfc"]


def nfc(value: Any) -> Any:
    """NFC-normalise every string in a nested structure of dicts, lists and scalars."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def format_loc(loc: Sequence[str | int]) -> str:
    """('sections', 2, 'questions', 0, 'maps_to') → 'sections[2].questions[0].maps_to'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class SourceDoc:
    """A parsed YAML (or JSON) document: its data, and where each part of it stands.

    Each mapping's keys are indexed the first time a problem is located in it, so locating
    any number of problems costs one pass over the document, not one per problem.
    """

    path: Path
    data: Any
    root: yaml.Node | None
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def node_at(self, loc: Sequence[str | int]) -> yaml.Node | None:
        """The deepest node on the way along `loc`; parts that are not keys are skipped."""
        node = self.root
        for part in loc:
            if node is None:
                break
            pair = self._pair(node, part)
            if pair is not None:
                node = pair[1]
        return node

    def problem(
        self, loc: Sequence[str | int], message: str, *, key: bool = False, severity: str = "error"
    ) -> Problem:
        """A problem at `loc`; with key=True it points at the mapping key rather than the value."""
        node = self.node_at(loc)
        if key and loc:
            key_node = self._key_node(loc)
            node = key_node or node
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (0, 0)
        return Problem(str(self.path), line, col, format_loc(loc), message, severity)

    def _key_node(self, loc: Sequence[str | int]) -> yaml.Node | None:
        parent = self.node_at(loc[:-1])
        pair = self._pair(parent, loc[-1]) if isinstance(parent, yaml.MappingNode) else None
        return pair[0] if pair is not None else None

    def _pair(self, node: yaml.Node, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
        if isinstance(node, yaml.SequenceNode):
            if isinstance(part, int) and 0 <= part < len(node.value):
                return node, node.value[part]
            return None
        if not isinstance(node, yaml.MappingNode):
            return None
        keys = self._keys.get(id(node))
        if keys is None:
            keys = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    keys.setdefault(nfc(k.value), (k, v))  # the first of duplicate keys
            self._keys[id(node)] = keys
        return keys.get(str(part))
