"""Crisis and support lines shown when a share is flagged for safety.

The product's rule is to stop coaching and point to real help (SYSTEM.md,
"never do"). The region is the person's own choice (web Settings) or else
``HEARTLINE_REGION`` (for example ``GB``); without either every region is
listed, because a wrong guess is worse than a longer list. Numbers change
rarely but they do change: keep this table reviewed, and always show the
emergency line first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from heartline.analysis.results import Safety
from heartline.errors import InputError

REGION_VARIABLE = "HEARTLINE_REGION"


@dataclass(frozen=True)
class Resource:
    name: str
    contact: str
    region: str
    for_signs: tuple[Safety, ...]


ALL_SIGNS: tuple[Safety, ...] = ("self_harm", "abuse", "crisis")

RESOURCES: tuple[Resource, ...] = (
    Resource("Emergency services", "911", "US", ALL_SIGNS),
    Resource("988 Suicide & Crisis Lifeline", "call or text 988", "US", ("self_harm", "crisis")),
    Resource("National Domestic Violence Hotline", "1-800-799-7233", "US", ("abuse",)),
    Resource("Emergency services", "911", "CA", ALL_SIGNS),
    Resource("Suicide Crisis Helpline", "call or text 988", "CA", ("self_harm", "crisis")),
    Resource("Emergency services", "999", "GB", ALL_SIGNS),
    Resource("Samaritans", "116 123", "GB", ("self_harm", "crisis")),
    Resource("National Domestic Abuse Helpline", "0808 2000 247", "GB", ("abuse",)),
    Resource("Emergency services", "112", "IE", ALL_SIGNS),
    Resource("Samaritans", "116 123", "IE", ("self_harm", "crisis")),
    Resource("Emergency services", "000", "AU", ALL_SIGNS),
    Resource("Lifeline", "13 11 14", "AU", ("self_harm", "crisis")),
    Resource("1800RESPECT", "1800 737 732", "AU", ("abuse",)),
    Resource("Emergency services", "111", "NZ", ALL_SIGNS),
    Resource("Need to talk?", "call or text 1737", "NZ", ("self_harm", "crisis")),
    Resource("Emergency services", "112", "EU", ALL_SIGNS),
    Resource("Find a helpline in your country", "findahelpline.com", "anywhere", ALL_SIGNS),
)


REGIONS: dict[str, str] = {
    "AU": "Australia", "CA": "Canada", "EU": "European Union", "IE": "Ireland",
    "NZ": "New Zealand", "GB": "United Kingdom", "US": "United States",
}


def region_code(text: str | None) -> str | None:
    """A region someone typed or picked, as its code; blank means every region."""
    cleaned = (text or "").strip().upper()
    if not cleaned:
        return None
    if cleaned == "UK":
        return "GB"
    if cleaned not in REGIONS:
        known = ", ".join(f"{code} ({name})" for code, name in REGIONS.items())
        raise InputError(f"We don't have help lines for {text.strip()!r} yet. Choose one of "
                         f"{known}, or leave it empty to see every region.")
    return cleaned


def resources_for(sign: Safety, region: str | None = None) -> list[Resource]:
    """Lines for this sign, in the given region (or every region), emergency first."""
    region = (region or os.environ.get(REGION_VARIABLE) or "").upper() or None
    chosen = [r for r in RESOURCES if sign in r.for_signs
              and (region is None or r.region in (region, "anywhere"))]
    return sorted(chosen, key=lambda r: r.region == "anywhere")
