"""YAML text → plain data, keeping the node tree so any problem can name its line and column.

PyYAML keeps positions on nodes, not on the dicts it builds, so a document is composed once and
both the data and the positions come from that one node tree. Three YAML 1.1 habits are
refused or undone here: duplicate keys (an error, not "last one wins"), `yes`/`no`/`on`/`off`
as booleans (they stay text; only `true`/`false` are booleans) and decomposed Unicode (all text
is NFC-normalised).

This is the one place where YAML and JSON text becomes typed values, so it is also where a value
its type cannot hold becomes a located problem rather than an exception: an impossible date
(`2026-02-30`), an explicit tag with a wrong value (`!!int 'zz'`), a whole number of more than
4,300 digits. JSON's escaped UTF-16 surrogate pairs ("\\ud83d\\ude00") are read as the
character they encode. Files are read through `fsio.read_text`: regular files only, size-limited.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, shown
from .fsio import read_text
from .sourcedoc import SourceDoc, format_loc, nfc

__all__ = ["SourceDoc", "format_loc", "nfc", "parse_yaml"]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL_TAG = "tag:yaml.org,2002:bool"
_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


def _loader(base: Any) -> Any:
    class _Loader(base):  # type: ignore[misc]
        """Booleans only from true/false, as YAML 1.2 has it."""

        _plain_tags: dict[str, str] = {}  # noqa: RUF012  (a cache shared by all loaders)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            """The tag of a plain scalar depends on its text alone: remember it (response files
            repeat the same question ids and answers thousands of times)."""
            if kind is not yaml.ScalarNode or not implicit[0]:
                return super().resolve(kind, value, implicit)
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._plain_tags) < 100_000 and len(value) < 100:
                    self._plain_tags[value] = tag
            return tag

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    for first in "tTfF":
        _Loader.yaml_implicit_resolvers.setdefault(first, []).insert(0, (_BOOL_TAG, _YAML12_BOOL))
    return _Loader


# The C loader when present; the pure-Python one reads what libyaml refuses: JSON's escaped
# UTF-16 surrogate pairs ("\ud83d\ude00", as Python's json.dump writes an emoji).
_Loader = _loader(_BaseLoader)
_PyLoader = _loader(yaml.SafeLoader)
_SURROGATE_ESCAPE = "found invalid Unicode character escape code"


_STR, _INT, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAX_DIGITS = 4300  # Python reads no longer whole number from text


def _cannot_be(node: yaml.Node, exc: Exception) -> str:
    """'2026-02-30' is not a date: day is out of range for month."""
    text = node.value if isinstance(node, yaml.ScalarNode) else ""
    short = node.tag.replace("tag:yaml.org,2002:", "!!")
    if node.tag == _TIMESTAMP:
        reason = str(exc)[:80] if isinstance(exc, ValueError) else "write it as YYYY-MM-DD"
        return f"impossible date or time {shown(text)}: {reason}"
    return f"{shown(text)} cannot be read as {short}"


class _Builder:
    """Node tree → data in one walk, finding duplicate keys on the way.

    Faster than PyYAML's generic constructor for the plain maps, lists, strings and numbers
    that content files hold; anything else (timestamps, floats, octal, other tags) is handed
    to the safe constructor. Merge keys (`<<: *base`) are resolved here, so the keys of a
    mapping that merges are checked for duplicates like any other.
    """

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.constructor = _Loader("")
        self.duplicates: list[tuple[yaml.MappingNode, str, yaml.Mark, yaml.Mark]] = []
        self.aliased = False
        self.bad_values: list[Problem] = []

    def build(self, node: yaml.Node) -> Any:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            if tag == _STR:
                return value if value.isascii() else self._text(node)
            if tag == _INT and value.isdigit() and (value[0] != "0" or value == "0"):
                if len(value) > MAX_DIGITS:
                    return self._bad(node, f"a whole number of more than {MAX_DIGITS:,} digits")
                return int(value)  # YAML 1.1 reads a leading zero as octal: 010 is 8
            if tag == _NULL:
                return None
        elif isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            return [self.build(item) for item in node.value]
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            return self._mapping(node)
        return self._constructed(node)

    def _constructed(self, node: yaml.Node) -> Any:
        """Timestamps, floats, octal and explicit tags, by PyYAML's safe constructor; a value
        its tag cannot hold (`2026-02-30`, `!!int 'zz'`) is a problem at its place."""
        try:
            return nfc(self.constructor.construct_object(node, deep=True))
        except yaml.MarkedYAMLError:
            raise
        except Exception as exc:  # ValueError, KeyError, AttributeError: PyYAML has no one type
            if "digits" in str(exc):
                return self._bad(node, f"a whole number of more than {MAX_DIGITS:,} digits")
            return self._bad(node, _cannot_be(node, exc))

    def _text(self, node: yaml.ScalarNode) -> Any:
        """NFC text; UTF-16 surrogate pairs (from JSON escapes) become the character they name."""
        value = node.value
        if any("\ud800" <= c <= "\udfff" for c in value):
            try:
                value = value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                return self._bad(
                    node, "text with half of a UTF-16 surrogate pair (not a character)"
                )
        return unicodedata.normalize("NFC", value)

    def _bad(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        problem = Problem(str(self.path), mark.line + 1, mark.column + 1, "", message)
        self.bad_values.append(problem)

    def _mapping(self, node: yaml.MappingNode) -> dict[Any, Any]:
        """Keys clash by their NFC text (`1:` and `"1":` are the same key to a reader)."""
        out: dict[Any, Any] = {}
        first: dict[str, yaml.Mark] = {}
        merges: list[yaml.Node] = []
        for k, v in node.value:
            if k.tag == _MERGE:
                merges.append(v)
                continue
            key = self.build(k)
            if isinstance(k, yaml.ScalarNode):
                text = k.value if k.value.isascii() else unicodedata.normalize("NFC", k.value)
            else:
                text = repr(key)
            try:
                duplicate = text in first or key in out
            except TypeError:  # an unhashable key: let the constructor say so
                return dict(self.constructor.construct_object(node, deep=True))
            if duplicate:
                earlier = first.get(text) or self._earlier(node, k, key)
                self.duplicates.append((node, text, k.start_mark, earlier))
            else:
                first[text] = k.start_mark
            out[key] = self.build(v)
        return self._merged(node, merges, out) if merges else out

    def _earlier(self, node: yaml.MappingNode, later: yaml.Node, key: Any) -> yaml.Mark:
        """Where the key that `later` repeats stands, when their texts differ (`1` and `1.0`)."""
        for k, _ in node.value:
            if k is later:
                break
            if k.tag != _MERGE and self.build(k) == key:
                mark: yaml.Mark = k.start_mark
                return mark
        return later.start_mark

    def _merged(
        self, node: yaml.MappingNode, merges: list[yaml.Node], own: dict[Any, Any]
    ) -> dict[Any, Any]:
        """YAML 1.1 merge keys: a mapping's own keys win, then the first merged mapping with the key."""
        out: dict[Any, Any] = {}
        for value in merges:
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            if not all(isinstance(s, yaml.MappingNode) for s in sources):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "expected a mapping or list of mappings for merging",
                    value.start_mark,
                )
            for source in sources:
                for key, item in self.build(source).items():
                    out.setdefault(key, item)
        out.update(own)
        return out

    def report_duplicates(self, root: yaml.Node) -> None:
        """One problem per repeated key, located by its dotted path.

        The paths of all mappings with a repeated key are found in one walk of the document.
        A mapping reached twice (through an alias or a merge) is reported once.
        """
        if not self.duplicates:
            return
        paths = _paths_to(root, {id(node) for node, *_ in self.duplicates})
        seen: set[tuple[int, int]] = set()
        said: dict[tuple[int, str, int, int], tuple[str, str]] = {}  # a key repeated 1,000 times
        file = str(self.path)
        for node, key, mark, earlier in self.duplicates:
            if (mark.line, mark.column) in seen:
                continue
            seen.add((mark.line, mark.column))
            first = (id(node), key, earlier.line, earlier.column)
            if first not in said:
                where = format_loc([*paths.get(id(node), []), key])
                at = f"first at {earlier.line + 1}:{earlier.column + 1}"
                said[first] = (where, f"duplicate key {shown(key)} ({at})")
            where, msg = said[first]
            self.problems.append(Problem(file, mark.line + 1, mark.column + 1, where, msg))


class _AliasBuilder(_Builder):
    """For a document with anchors: an alias reuses what its anchor built instead of building
    it again, so that nested aliases cost their size as written, not as expanded."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        super().__init__(path, problems)
        self.built: dict[int, Any] = {}  # list or mapping node → what it built

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return super().build(node)
        if (done := self.built.get(id(node))) is not None:
            self.aliased = True
            return done
        value = super().build(node)
        self.built[id(node)] = value
        return value


# Values a file may hold once its aliases are written out: far above any real content file,
# far below what a few nested aliases can reach ("billion laughs": 9 aliases of 9 aliases …).
MAX_EXPANDED = 200_000


class _AliasLoop(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many values the document holds with every alias written out, counting up to `limit`.

    Raises _AliasLoop with the node an alias leads back into."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        if isinstance(node, yaml.ScalarNode):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _AliasLoop(node)
        active.add(key)
        children = (
            [v for pair in node.value for v in pair]
            if isinstance(node, yaml.MappingNode)
            else node.value
        )
        total = 1
        for child in children:
            total = min(limit + 1, total + size(child))
        active.discard(key)
        sizes[key] = total
        return total

    return size(root)


def _alias_problem(path: Path, root: yaml.Node) -> Problem | None:
    """A problem when aliases loop or expand the document beyond MAX_EXPANDED values."""
    try:
        if _expanded_size(root, MAX_EXPANDED) <= MAX_EXPANDED:
            return None
    except RecursionError:  # nested too deeply to walk: the caller says so
        return None
    except _AliasLoop as loop:
        mark = loop.node.start_mark
        msg = "invalid YAML: an alias refers to the list or mapping that contains it"
        return Problem(str(path), mark.line + 1, mark.column + 1, "", msg)
    msg = (
        f"invalid YAML: its aliases expand to more than {MAX_EXPANDED:,} values; "
        "write the repeated parts out instead"
    )
    return Problem(str(path), 1, 1, "", msg)


def _paths_to(root: yaml.Node, targets: set[int]) -> dict[int, list[str | int]]:
    """The keys and indexes leading from `root` to each target node (depth-first, in document
    order: a mapping reached through aliases is named where it is first written)."""
    found: dict[int, list[str | int]] = {}
    visited: set[int] = set()
    stack: list[tuple[yaml.Node, list[str | int]]] = [(root, [])]
    while stack and len(found) < len(targets):
        node, path = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if id(node) in targets:
            found[id(node)] = path
        if isinstance(node, yaml.MappingNode):
            children = [(v, nfc(str(k.value))) for k, v in node.value if _nested(v)]
        elif isinstance(node, yaml.SequenceNode):
            children = [(v, i) for i, v in enumerate(node.value) if _nested(v)]
        else:
            continue
        stack += reversed([(v, [*path, part]) for v, part in children])
    return found


def _nested(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode)


def parse_yaml(path: Path, text: str | None = None) -> tuple[SourceDoc | None, list[Problem]]:
    """Parse one file. Returns the document (None when it cannot be read) and its problems."""
    if text is None:
        text, unreadable = read_text(path)
        if text is None:
            return None, [unreadable] if unreadable else []
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_marked(path, exc)]
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        msg = f"invalid YAML: control character {char} is not allowed"
        return None, [Problem(str(path), line, col, "", msg)]
    except yaml.YAMLError as exc:
        return None, [Problem(str(path), message="invalid YAML: " + " ".join(str(exc).split()))]
    problems: list[Problem] = []
    data = None
    if root is not None:
        # no '&' anywhere, no anchor, so no alias: the plain builder, which is faster
        builder = (_AliasBuilder if "&" in text else _Builder)(path, problems)
        try:
            data = builder.build(root)
        except yaml.MarkedYAMLError as exc:  # an unknown tag, an unhashable key, a bad merge
            return None, [_marked(path, exc)]
        except RecursionError:  # an alias inside what it names, or absurdly deep nesting
            loop = _alias_problem(path, root)
            msg = "invalid YAML: nested too deeply to read"
            return None, [loop or Problem(str(path), 1, 1, "", msg)]
        if builder.bad_values:  # impossible dates, `!!int 'zz'`, …: all of them, then stop
            return None, builder.bad_values
        if builder.aliased and (too_big := _alias_problem(path, root)):
            return None, [too_big]
        builder.report_duplicates(root)
    return SourceDoc(path, data, root), problems


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        if exc.problem != _SURROGATE_ESCAPE or _BaseLoader is yaml.SafeLoader:
            raise
        return yaml.compose(text, Loader=_PyLoader)


def _marked(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    """A syntax error (or one the constructor found) as one line at its line:column."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = (exc.problem or exc.context or "invalid YAML")[:200]  # a tag may be any length
    start = exc.context_mark
    if exc.problem and exc.context and start is not None and start.line + 1 != line:
        what += f" ({exc.context} that starts at {start.line + 1}:{start.column + 1})"
    return Problem(str(path), line, col, "", f"invalid YAML: {what}")


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
