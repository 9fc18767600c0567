"""MigrationGraph: migrations as nodes, dependencies as edges; plans are graph walks."""

from __future__ import annotations

from functools import total_ordering
from typing import Any

from nuages.db.migrations.exceptions import CircularDependencyError, NodeNotFoundError
from nuages.db.migrations.state import ProjectState

__all__ = ["DummyNode", "MigrationGraph", "Node"]


@total_ordering
class Node:
    """A migration key (app_label, name) with its parents and children."""

    def __init__(self, key: tuple[str, str]) -> None:
        self.key = key
        self.children: set[Node] = set()
        self.parents: set[Node] = set()

    def __eq__(self, other: object) -> bool:
        return self.key == other

    def __lt__(self, other: Any) -> bool:
        return self.key < other

    def __hash__(self) -> int:
        return hash(self.key)

    def __getitem__(self, item: int) -> str:
        return self.key[item]

    def __str__(self) -> str:
        return str(self.key)

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: ({self.key[0]!r}, {self.key[1]!r})>"


class DummyNode(Node):
    """Stands in for a missing dependency until validate_consistency() reports it."""

    def __init__(self, key: tuple[str, str], origin: Any, error_message: str) -> None:
        super().__init__(key)
        self.origin = origin
        self.error_message = error_message

    def raise_error(self) -> None:
        raise NodeNotFoundError(self.error_message, self.key, origin=self.origin)


class MigrationGraph:
    """The directed graph of every migration the loader found."""

    def __init__(self) -> None:
        self.node_map: dict[tuple[str, str], Node] = {}
        self.nodes: dict[tuple[str, str], Any] = {}

    def add_node(self, key: tuple[str, str], migration: Any) -> None:
        assert key not in self.node_map
        self.node_map[key] = Node(key)
        self.nodes[key] = migration

    def add_dummy_node(self, key: tuple[str, str], origin: Any, error_message: str) -> None:
        self.node_map[key] = DummyNode(key, origin, error_message)
        self.nodes[key] = None

    def add_dependency(
        self,
        migration: Any,
        child: tuple[str, str],
        parent: tuple[str, str],
        skip_validation: bool = False,
    ) -> None:
        """Record that ``child`` depends on ``parent`` (missing nodes become dummies)."""
        if child not in self.nodes:
            error = f"Migration {migration} dependencies reference nonexistent child node {child!r}"
            self.add_dummy_node(child, migration, error)
        if parent not in self.nodes:
            error = (
                f"Migration {migration} dependencies reference nonexistent parent node {parent!r}"
            )
            self.add_dummy_node(parent, migration, error)
        self.node_map[child].parents.add(self.node_map[parent])
        self.node_map[parent].children.add(self.node_map[child])
        if not skip_validation:
            self.validate_consistency()

    def remove_replaced_nodes(self, replacement: tuple[str, str], replaced: list) -> None:
        """Repoint the edges of the replaced migrations at their replacement and drop them."""
        replaced = set(replaced)
        try:
            replacement_node = self.node_map[replacement]
        except KeyError as err:
            raise NodeNotFoundError(
                f"Unable to find replacement node {replacement!r}. It was either never added to the "
                "migration graph, or has been removed.",
                replacement,
            ) from err
        for replaced_key in replaced:
            self.nodes.pop(replaced_key, None)
            replaced_node = self.node_map.pop(replaced_key, None)
            if replaced_node is None:
                continue
            for child in replaced_node.children:
                child.parents.remove(replaced_node)
                if child.key not in replaced:
                    replacement_node.children.add(child)
                    child.parents.add(replacement_node)
            for parent in replaced_node.parents:
                parent.children.remove(replaced_node)
                if parent.key not in replaced:
                    replacement_node.parents.add(parent)
                    parent.children.add(replacement_node)

    def remove_replacement_node(self, replacement: tuple[str, str], replaced: list) -> None:
        """Drop a squashed migration, pointing its edges at the last migration it replaced."""
        self.nodes.pop(replacement, None)
        try:
            replacement_node = self.node_map.pop(replacement)
        except KeyError as err:
            raise NodeNotFoundError(
                f"Unable to remove replacement node {replacement!r}. It was either never added to "
                "the migration graph, or has been removed already.",
                replacement,
            ) from err
        replaced_nodes = set()
        replaced_nodes_parents = set()
        for key in replaced:
            node = self.node_map.get(key)
            if node:
                replaced_nodes.add(node)
                replaced_nodes_parents |= node.parents
        replaced_nodes -= replaced_nodes_parents
        for child in replacement_node.children:
            child.parents.remove(replacement_node)
            for node in replaced_nodes:
                node.children.add(child)
                child.parents.add(node)
        for parent in replacement_node.parents:
            parent.children.remove(replacement_node)

    def validate_consistency(self) -> None:
        """Raise NodeNotFoundError for the first dependency that points nowhere."""
        for node in self.node_map.values():
            if isinstance(node, DummyNode):
                node.raise_error()

    def _check(self, target: tuple[str, str]) -> Node:
        if target not in self.nodes:
            raise NodeNotFoundError(f"Node {target!r} not a valid node", target)
        return self.node_map[target]

    def forwards_plan(self, target: tuple[str, str]) -> list[tuple[str, str]]:
        """Every migration ``target`` needs, dependencies first, ending with ``target``."""
        return self.iterative_dfs(self._check(target))

    def backwards_plan(self, target: tuple[str, str]) -> list[tuple[str, str]]:
        """Every migration depending on ``target``, dependents first, ending with ``target``."""
        return self.iterative_dfs(self._check(target), forwards=False)

    def iterative_dfs(self, start: Node, forwards: bool = True) -> list[tuple[str, str]]:
        visited: list[tuple[str, str]] = []
        seen: set[Node] = set()
        stack: list[tuple[Node, bool]] = [(start, False)]
        on_path: set[Node] = set()
        while stack:
            node, processed = stack.pop()
            if processed:
                on_path.discard(node)
                if node not in seen:
                    seen.add(node)
                    visited.append(node.key)
                continue
            if node in seen:
                continue
            on_path.add(node)
            stack.append((node, True))
            nexts = node.parents if forwards else node.children
            for nxt in sorted(nexts, reverse=True):
                if nxt in on_path:
                    continue  # cycles are reported by ensure_not_cyclic()
                if nxt not in seen:
                    stack.append((nxt, False))
        return visited

    def root_nodes(self, app: str | None = None) -> list[tuple[str, str]]:
        """Nodes with no parent in their own app."""
        roots = set()
        for node in self.nodes:
            if all(key[0] != node[0] for key in self.node_map[node].parents) and (
                not app or app == node[0]
            ):
                roots.add(node)
        return sorted(roots)

    def leaf_nodes(self, app: str | None = None) -> list[tuple[str, str]]:
        """Nodes with no child in their own app (one per app unless there is a conflict)."""
        leaves = set()
        for node in self.nodes:
            if all(key[0] != node[0] for key in self.node_map[node].children) and (
                not app or app == node[0]
            ):
                leaves.add(node)
        return sorted(leaves)

    def ensure_not_cyclic(self) -> None:
        """Raise CircularDependencyError naming the migrations of the first cycle found."""
        todo = set(self.nodes)
        while todo:
            node = todo.pop()
            stack = [node]
            while stack:
                top = stack[-1]
                for child in sorted(self.node_map[top].children, key=lambda n: n.key):
                    key = child.key
                    if key in stack:
                        cycle = stack[stack.index(key) :]
                        raise CircularDependencyError(", ".join(f"{a}.{n}" for a, n in cycle))
                    if key in todo:
                        stack.append(key)
                        todo.remove(key)
                        break
                else:
                    stack.pop()

    def __str__(self) -> str:
        nodes, edges = self._nodes_and_edges()
        return f"Graph: {nodes} nodes, {edges} edges"

    def __repr__(self) -> str:
        nodes, edges = self._nodes_and_edges()
        return f"<{self.__class__.__name__}: nodes={nodes}, edges={edges}>"

    def _nodes_and_edges(self) -> tuple[int, int]:
        return len(self.nodes), sum(len(node.parents) for node in self.node_map.values())

    def _generate_plan(self, nodes: list, at_end: bool) -> list:
        plan: list = []
        for node in nodes:
            for migration in self.forwards_plan(node):
                if migration not in plan and (at_end or migration not in nodes):
                    plan.append(migration)
        return plan

    def make_state(self, nodes: Any = None, at_end: bool = True, real_apps: Any = None) -> Any:
        """The ProjectState after applying ``nodes`` (the leaves by default)."""
        if nodes is None:
            nodes = list(self.leaf_nodes())
        if not nodes:
            return ProjectState(real_apps=real_apps)
        if not isinstance(nodes[0], tuple):
            nodes = [nodes]
        plan = self._generate_plan(nodes, at_end)
        project_state = ProjectState(real_apps=real_apps)
        for node in plan:
            project_state = self.nodes[node].mutate_state(project_state, preserve=False)
        return project_state

    def __contains__(self, node: tuple[str, str]) -> bool:
        return node in self.nodes
