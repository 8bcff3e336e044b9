"""The tags of new-things ideas: budget, energy, setting, and who an idea suits.

Kept apart from ``new_things`` so the CLI can offer them as choices without
loading the store.
"""

from __future__ import annotations

from enum import StrEnum


class Budget(StrEnum):
    free = "free"
    low = "low"
    medium = "medium"


class Energy(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class Setting(StrEnum):
    indoor = "indoor"
    outdoor = "outdoor"
    either = "either"


class Company(StrEnum):
    """Who an idea suits: the relationship kinds."""

    couple = "couple"
    friends = "friends"
    family = "family"
    parent_child = "parent_child"
