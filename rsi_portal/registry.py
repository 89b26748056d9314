"""Hooks that a higher layer fills in its AppConfig.ready(), so a lower layer never imports it.

Each hook is a plain list of callables; the lower layer calls them in its own transaction.
"""

from collections.abc import Callable


class Hook:
    """A named list of callables, registered once each (ready() may run more than once in tests)."""

    def __init__(self, name: str):
        self.name = name
        self._callables: list[Callable] = []

    def register(self, func: Callable) -> Callable:
        if func not in self._callables:
            self._callables.append(func)
        return func

    def __iter__(self):
        return iter(tuple(self._callables))

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._callables)}>"


_audit_action_labels: dict[str, str] = {}


def register_audit_actions(choices):
    """Make an app's AuditAction TextChoices known, so an audit entry shows its Danish label."""
    for member in choices:
        _audit_action_labels[member.value] = member.label
    return choices


def audit_action_label(value: str) -> str:
    return str(_audit_action_labels.get(value, value))
