"""The export file's schema, as Pydantic models.

The same models write the JSON and check a file on import, so anything that
``export`` writes ``import`` reads back unchanged, and a hand-edited or
damaged file is refused with the place of the first problems named. Bump
``FORMAT_VERSION`` when the shape changes, and keep reading the old ones.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT_NAME = "heartline-export"
FORMAT_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonDoc(_Strict):
    id: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1, max_length=120)
    created_at: datetime
    region: str | None = Field(default=None, max_length=20,
                               description="Only the exporting person's own; never another's.")


class MemberDoc(_Strict):
    person_id: str
    role: str | None
    joined_at: datetime


class RelationshipDoc(_Strict):
    id: str = Field(min_length=1, max_length=32)
    kind: Literal["couple", "friends", "family", "parent_child"]
    name: str | None
    invite_code: str = Field(min_length=1, max_length=20)
    created_at: datetime
    members: list[MemberDoc]


class EntryDoc(_Strict):
    id: str = Field(min_length=1, max_length=32)
    kind: str
    author_id: str
    relationship_id: str | None
    parent_id: str | None
    visibility: Literal["private", "shared", "draft"]
    text: str | None
    data: dict[str, Any]
    analysis: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime


class PhotoDoc(_Strict):
    id: str = Field(min_length=1, max_length=32)
    entry_id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    suffix: str = Field(pattern=r"^\.[a-z0-9]{1,8}$")
    original_name: str
    size: int = Field(ge=0)
    created_at: datetime


class ReminderDoc(_Strict):
    id: str = Field(min_length=1, max_length=32)
    person_id: str
    practice: str
    days: str
    at: str
    minutes: int
    created_at: datetime


class ExportDoc(_Strict):
    format: Literal["heartline-export"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    person_id: str
    people: list[PersonDoc]
    relationships: list[RelationshipDoc]
    entries: list[EntryDoc]
    photos: list[PhotoDoc]
    reminders: list[ReminderDoc]
