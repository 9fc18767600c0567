"""MigrationOptimizer: fold a list of operations into a shorter equivalent one (reduce())."""

from __future__ import annotations

from typing import Any

__all__ = ["MigrationOptimizer"]


class MigrationOptimizer:
    """Repeatedly merge each operation with a later one it reduces with, until stable."""

    def optimize(self, operations: list, app_label: str) -> list:
        if app_label is None:
            raise TypeError("app_label must be a str.")
        self._iterations = 0
        while True:
            result = self.optimize_inner(operations, app_label)
            self._iterations += 1
            if result == operations:
                return result
            operations = result

    def optimize_inner(self, operations: list, app_label: str) -> list:
        new_operations: list[Any] = []
        for i, operation in enumerate(operations):
            right = True  # may the operation be optimised across the ones in between?
            for j, other in enumerate(operations[i + 1 :]):
                result = operation.reduce(other, app_label)
                if isinstance(result, list):
                    in_between = operations[i + 1 : i + j + 1]
                    if right:
                        new_operations.extend(in_between)
                        new_operations.extend(result)
                    elif all(op.reduce(other, app_label) is True for op in in_between):
                        new_operations.extend(result)
                        new_operations.extend(in_between)
                    else:
                        break
                    new_operations.extend(operations[i + j + 2 :])
                    return new_operations
                if not result:
                    right = False
            else:
                new_operations.append(operation)
                continue
            new_operations.append(operation)
        return new_operations
