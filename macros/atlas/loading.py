"""Read data files into typed models, collecting every problem with its file,
field path and line instead of stopping at the first one."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .models import Model
from .problems import Problem

_PYDANTIC_CODES = {"missing": "MTA101", "extra_forbidden": "MTA102", "unsafe_markup": "MTA104"}
# No data file needs more (the largest, references.yml, is a few dozen KiB);
# checked before parsing, so a huge file fails at once instead of hanging.
MAX_FILE_BYTES = 512 * 1024
# libyaml's parser when PyYAML has it: the same nodes and line marks, about
# ten times faster than the pure-Python one (the atlas loads on every build).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Entry:
    """One validated entry and where it came from, so later rules can point at it."""

    model: Any
    file: str
    node: yaml.Node
    index: int | None = None  # position in a list file; None for one-entry files

    def line(self, *path: str | int) -> int | None:
        full = path if self.index is None else (self.index, *path)
        return locate(self.node, full)

    def field(self, *path: str | int) -> str:
        full = path if self.index is None else (self.index, *path)
        return field_path(full)


def field_path(loc: tuple) -> str:
    """('aliases', 0, 'usage') -> 'aliases[0].usage'"""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def locate(node: yaml.Node | None, loc: tuple) -> int | None:
    """1-based line of the deepest node on ``loc`` that exists in the YAML tree."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
    return line


def _duplicate_keys(node: yaml.Node, loc: tuple = ()) -> list[tuple[tuple, int]]:
    """Duplicate keys anywhere in the tree (PyYAML would keep the last silently)."""
    found = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                found.append(((*loc, key), key_node.start_mark.line + 1))
            seen.add(key)
            found += _duplicate_keys(value_node, (*loc, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            found += _duplicate_keys(child, (*loc, i))
    return found


def _first_alias(node: yaml.Node, loc: tuple = (), line: int = 1,
                 seen: set[int] | None = None) -> tuple[tuple, int] | None:
    """Where a node appears a second time: PyYAML resolves an alias to the very
    node its anchor names. Each node is visited once, so this is linear even in
    a "billion laughs" file, which every other walk of the tree is not. The
    line is that of the nearest key (an alias keeps no position of its own)."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return loc, line
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        children = [(k.value, v, k.start_mark.line + 1) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [(i, v, line) for i, v in enumerate(node.value)]
    else:
        children = []
    for key, child, child_line in children:
        found = _first_alias(child, (*loc, key), child_line, seen)
        if found:
            return found
    return None


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, [Problem("MTA001", rel, "", f"The file is not UTF-8 text: byte 0x{raw[err.start]:02x} cannot be "
                                                 "read; save the file as UTF-8.", line)]


def read_yaml(path: Path, rel: str) -> tuple[Any, yaml.Node | None, list[Problem]]:
    """Parse one file. Returns (data, node, problems); data is None on failure."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, None, [Problem("MTA005", rel, "", f"The file has {size // 1024} KiB; "
                                                       f"the limit is {MAX_FILE_BYTES // 1024} KiB.")]
    text, problems = _decode(path.read_bytes(), rel)
    if problems:
        return None, None, problems
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as err:  # raised at once for a control character such as NUL
        line = text.count("\n", 0, err.position) + 1
        return None, None, [Problem("MTA001", rel, "", f"The file holds a control character (#x{err.character:04x}) "
                                                       "that YAML does not allow.", line)]
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None, [Problem("MTA002", rel, "", "The file is empty or holds only comments.")]
        alias = _first_alias(node)
        if alias:
            loc, line = alias
            return None, node, [Problem("MTA006", rel, field_path(loc),
                                        "This value repeats an anchor (`*name` or `<<:`).", line)]
        dupes = _duplicate_keys(node)
        if dupes:
            return None, node, [
                Problem("MTA003", rel, field_path(loc), f"The key `{loc[-1]}` appears more than once here.", line)
                for loc, line in dupes
            ]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        message = f"YAML syntax error: {err.problem or err}"
        if err.context and err.context_mark and err.context_mark.line + 1 != line:
            # e.g. an unclosed quote is noticed at the end of the file; say where it began
            message += f" ({err.context} on line {err.context_mark.line + 1})"
        return None, None, [Problem("MTA001", rel, "", message + ".", line)]
    except yaml.YAMLError as err:
        return None, None, [Problem("MTA001", rel, "", f"YAML error: {err}.")]
    except RecursionError:
        return None, None, [Problem("MTA001", rel, "", "The data is nested too deeply to be a data file.")]
    finally:
        loader.dispose()
    return data, node, []


def validate(model: type[Model], data: Any, rel: str, node: yaml.Node, index: int | None = None
             ) -> tuple[Entry | None, list[Problem]]:
    """Check ``data`` against ``model``; map pydantic's errors onto rule codes."""
    try:
        return Entry(model.model_validate(data), rel, node, index), []
    except ValidationError as err:
        prefix = () if index is None else (index,)
        problems = []
        for error in err.errors(include_url=False):
            loc = (*prefix, *error["loc"])
            code = _PYDANTIC_CODES.get(error["type"], "MTA103")
            message = {
                "MTA101": "This required field is missing.",
                "MTA102": "This field is not part of the model.",
            }.get(code, error["msg"] + ".")
            if code == "MTA103" and not isinstance(error["input"], (dict, list)):
                message += f" Got: {error['input']!r}."[:200]
            problems.append(Problem(code, rel, field_path(loc), message, locate(node, loc)))
        return None, problems


def load_one(path: Path, rel: str, model: type[Model]) -> tuple[Entry | None, list[Problem]]:
    """A file that holds exactly one entry (a mapping)."""
    data, node, problems = read_yaml(path, rel)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem("MTA004", rel, "", f"Expected a mapping of fields, found a {type(data).__name__}.",
                              node.start_mark.line + 1)]
    return validate(model, data, rel, node)


def load_list(path: Path, rel: str, model: type[Model] | Callable[[Any], type[Model]]
              ) -> tuple[list[Entry], list[Problem]]:
    """A file that holds a list of entries (a keyed vocabulary).

    ``model`` may also be a function that picks the model for each item, for
    files whose items come in more than one shape (data/glossary.yml).
    """
    data, node, problems = read_yaml(path, rel)
    if problems:
        return [], problems
    if not isinstance(data, list):
        return [], [Problem("MTA004", rel, "", f"Expected a list of entries, found a {type(data).__name__}.",
                            node.start_mark.line + 1)]
    entries, problems = [], []
    for index, item in enumerate(data):
        item_model = model if isinstance(model, type) else model(item)
        entry, found = validate(item_model, item, rel, node, index)
        problems += found
        if entry:
            entries.append(entry)
    return entries, problems
