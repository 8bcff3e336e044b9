"""The CSV format: a header row naming the columns, then one message per row.

Spreadsheets and chat-export tools write CSV, so the header decides which column is
which (see ``records`` for the accepted names) and extra columns are ignored. A
message may span several lines inside quotes; it is reported at the line where its
row starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from heartline.errors import InputError
from heartline.transcripts.lines import preview
from heartline.transcripts.model import Message, Transcript
from heartline.transcripts.records import (
    SPEAKER_KEYS,
    TEXT_KEYS,
    Place,
    find_key,
    record_to_message,
)

CSV_EXPECTED = (
    f"a header row with a speaker column ({', '.join(SPEAKER_KEYS)}) "
    f"and a text column ({', '.join(TEXT_KEYS)}), e.g. 'speaker,text'"
)
ROW_EXPECTED = "a speaker and a text in every row, e.g. 'Sam,I had a rough day'"

Row = tuple[int, list[str]]


def parse_csv(text: str, source: str) -> Transcript:
    """Read a CSV file with a header row; rows with only empty cells are skipped."""
    rows = (row for row in _rows(text, source) if any(cell.strip() for cell in row[1]))
    header = next(rows, None)
    if header is None:
        raise InputError(f"found no rows; expected {CSV_EXPECTED}", source=source)
    _check_header(header, source)
    messages = tuple(_row_message(header[1], row, source) for row in rows)
    return Transcript(source=source, format="csv", messages=messages)


def _rows(text: str, source: str) -> Iterator[Row]:
    """Each record with the line it starts on (a quoted field can span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            f"not valid CSV ({exc}); expected {CSV_EXPECTED}", source=source, line=start
        ) from None


def _check_header(header: Row, source: str) -> None:
    line, names = header
    if find_key(names, SPEAKER_KEYS) is None or find_key(names, TEXT_KEYS) is None:
        raise InputError(
            f"expected {CSV_EXPECTED}, got {preview(','.join(names))}", source=source, line=line
        )


def _row_message(names: list[str], row: Row, source: str) -> Message:
    line, cells = row
    record = dict(zip(names, cells, strict=False))
    return record_to_message(record, Place(source, line, "this row", ROW_EXPECTED))
