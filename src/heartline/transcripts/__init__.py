"""Reading the conversations people bring as files into ``Transcript`` objects.

Supported formats (``FORMATS``): plain ``Name: message`` text, JSON, JSONL, CSV, and
WhatsApp exports from Android and iOS. ``load_transcript`` reads a file and
``parse_transcript`` a string; both detect the format unless told, and both report
every problem with the input as ``heartline.errors.InputError`` naming the source and
line, so callers need to handle exactly one exception.
"""

from heartline.transcripts.loader import load_transcript, parse_transcript
from heartline.transcripts.model import FORMATS, Message, Transcript

__all__ = ["FORMATS", "Message", "Transcript", "load_transcript", "parse_transcript"]
