"""YAML front matter loaded with a bound on its size once aliases are expanded.

Safe loaders build `&a [*b, *b, ...]` as shared references, so a few hundred bytes can stand for hundreds of
millions of values, which anything that walks them (category paths, tags, a Jinja template) then visits one
by one. The document is composed into nodes first (aliases are shared nodes, nothing is expanded), each
top-level value's expanded size is counted over that graph in linear time, and a value that would take the
document past the bound is left out before anything is constructed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from mkdocs_newsarchive.engine import fast_yaml

UNBOUNDED = float("inf")
# Levels a front-matter value may nest: YAML's dumper and the templates walk values recursively (libyaml
# itself stops near 1,000 levels; a few hundred already exhaust Python's stack in the dumper).
MAX_DEPTH = 50


@dataclass
class Dropped:
    key: str
    line: int  # 0-based, in the loaded text
    size: float  # values it expands to; infinite for an alias that contains itself
    reason: str = ""  # why, when not its size


@dataclass
class Loaded:
    data: Any = None
    lines: dict[str, int] = field(default_factory=dict)  # each top-level key's 0-based line
    dropped: list[Dropped] = field(default_factory=list)


def load(text: str, max_values: int) -> Loaded:
    """Load one YAML document; top-level keys whose values would make it expand past `max_values` values
    are dropped and named. Raises yaml.YAMLError as PyYAML does."""
    loader = fast_yaml.LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Loaded()
        if not isinstance(node, MappingNode):
            if expanded_size(node, {}, max_values) > max_values:
                return Loaded(dropped=[Dropped("", node.start_mark.line, expanded_size(node, {}, max_values))])
            return Loaded(loader.construct_document(node))
        kept, dropped = _within(node.value, max_values)
        node.value = kept
        lines = {str(key.value): key.start_mark.line for key, _ in kept if isinstance(key.value, str)}
        return Loaded(loader.construct_document(node), lines, dropped)
    finally:
        loader.dispose()


def _within(pairs: list[tuple[Node, Node]], max_values: int) -> tuple[list[tuple[Node, Node]], list[Dropped]]:
    """The top-level pairs that fit in the bound, in order; the others, named."""
    kept: list[tuple[Node, Node]] = []
    dropped: list[Dropped] = []
    sizes: dict[int, float] = {}
    total = 0.0
    for key, value in pairs:
        size = expanded_size(key, sizes, max_values) + expanded_size(value, sizes, max_values)
        name = str(key.value) if isinstance(key.value, str) else "?"
        if total + size > max_values:
            dropped.append(Dropped(name, key.start_mark.line, size))
            continue
        if nesting_depth(value, MAX_DEPTH) > MAX_DEPTH:
            dropped.append(Dropped(name, key.start_mark.line, size, f"nests over {MAX_DEPTH} levels deep"))
            continue
        total += size
        kept.append((key, value))
    return kept, dropped


def nesting_depth(root: Node, cap: int) -> int:
    """How deep `root` nests, counted to `cap + 1` at most, without recursion. Called on values whose
    expanded size is bounded, so walking every path is bounded too."""
    deepest = 0
    stack = [(root, 1)]
    while stack and deepest <= cap:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in _children(node))
    return deepest


def expanded_size(root: Node, sizes: dict[int, float], cap: float) -> float:
    """How many values `root` stands for with every alias expanded, counted once per shared node (memo in
    `sizes`, by node id) and without recursion; infinite for a node that contains itself. Sizes above `cap`
    are stored as `cap + 1`: only whether a value fits matters."""
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done:
            on_path.discard(id(node))
            sizes[id(node)] = min(cap + 1, 1 + sum(sizes[id(child)] for child in children))
            continue
        if id(node) in on_path:
            sizes[id(node)] = UNBOUNDED  # reached again below itself: an alias of an enclosing node
            continue
        on_path.add(id(node))
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                sizes[id(child)] = UNBOUNDED
            elif id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
