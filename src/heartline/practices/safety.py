"""What every practice does when a person's words show signs of danger.

The product stops coaching and points to real help (SYSTEM.md, "never do").
For signs of abuse, whatever was written is kept private, whatever visibility
was asked for, so nothing in the app can expose the writer to the partner.
"""

from __future__ import annotations

from heartline.analysis.results import TurnAnalysis
from heartline.store.values import Visibility


def needs_help(analysis: TurnAnalysis | None) -> bool:
    return analysis is not None and analysis.safety != "none"


def safe_visibility(analysis: TurnAnalysis | None, wanted: Visibility) -> Visibility:
    """``private`` when the words show signs of abuse; otherwise what was asked for."""
    return "private" if analysis is not None and analysis.safety == "abuse" else wanted
