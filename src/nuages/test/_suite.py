"""Building test suites: flatten, filter by tags, group and order, shuffle with a seed."""

from __future__ import annotations

import random
import unittest
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["Shuffler", "filter_tests_by_tags", "iter_test_cases", "reorder_tests"]


def iter_test_cases(tests: Any) -> Iterator[unittest.TestCase]:
    """Every test case in a (nested) suite, in order."""
    for test in tests:
        if isinstance(test, unittest.TestSuite):
            yield from iter_test_cases(test)
        else:
            yield test


def _tags_of(test: unittest.TestCase) -> set[str]:
    # Class tags come through the instance; method tags sit on the test function.
    tags = set(getattr(test, "tags", set()))
    method = getattr(test, getattr(test, "_testMethodName", ""), None)
    return tags | set(getattr(method, "tags", set()))


def filter_tests_by_tags(
    tests: Iterable[unittest.TestCase], tags: set[str], exclude_tags: set[str]
) -> list[unittest.TestCase]:
    """Keep tests carrying one of tags (all if none given) and none of exclude_tags."""
    kept = []
    for test in tests:
        # Loader failures (import errors) must always run so that they are reported.
        if type(test).__name__ in {"_FailedTest", "ModuleImportFailure"}:
            kept.append(test)
            continue
        test_tags = _tags_of(test)
        if test_tags & exclude_tags:
            continue
        if tags and not test_tags & tags:
            continue
        kept.append(test)
    return kept


def reorder_tests(
    tests: list[unittest.TestCase], classes: tuple[type, ...], reverse: bool = False
) -> list[unittest.TestCase]:
    """Group tests: those of classes[0] first, then classes[1], ..., then the rest.

    Within a group the tests of one class stay together, in discovery order (reversed with
    reverse=True), so class-level setup runs once per class.
    """
    buckets: list[dict[type, list[unittest.TestCase]]] = [{} for _ in range(len(classes) + 1)]
    for test in tests:
        index = next((i for i, cls in enumerate(classes) if isinstance(test, cls)), len(classes))
        buckets[index].setdefault(type(test), []).append(test)
    ordered: list[unittest.TestCase] = []
    for bucket in buckets:
        groups = list(bucket.values())
        if reverse:
            groups = [list(reversed(group)) for group in reversed(groups)]
        for group in groups:
            ordered.extend(group)
    return ordered


class Shuffler:
    """Shuffle tests reproducibly: the same seed gives the same order."""

    def __init__(self, seed: int | None = None) -> None:
        self.seed_source = "given" if seed is not None else "generated"
        self.seed = seed if seed is not None else random.randint(0, 10**10 - 1)

    @property
    def seed_display(self) -> str:
        return f"{self.seed} ({self.seed_source})"

    def shuffle(self, tests: list[unittest.TestCase]) -> list[unittest.TestCase]:
        """Shuffle the classes, then the tests within each class (classes stay contiguous)."""
        rng = random.Random(self.seed)
        groups: dict[type, list[unittest.TestCase]] = {}
        for test in sorted(tests, key=lambda t: t.id()):
            groups.setdefault(type(test), []).append(test)
        order = list(groups.values())
        rng.shuffle(order)
        shuffled: list[unittest.TestCase] = []
        for group in order:
            rng.shuffle(group)
            shuffled.extend(group)
        return shuffled
