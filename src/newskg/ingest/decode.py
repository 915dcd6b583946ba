"""Turning a file's bytes into text: UTF-8 first, then cp1252, then latin-1, refusing binary data."""
from __future__ import annotations

import codecs
import unicodedata

from pathlib import Path

from ..errors import InputError

#: share of control / unassigned characters above which decoded bytes are taken for binary noise
MAX_CONTROL_SHARE = 0.02
_FALLBACKS = ("cp1252", "latin-1")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """(text, warnings) for the bytes of a text file; raises InputError for empty or binary files.

    Newlines are normalised to "\\n".  A fallback decoding is reported in the warnings.

    >>> decode_text("Jokowi bertemu Xi.".encode(), "a.txt")
    ('Jokowi bertemu Xi.', [])
    >>> decode_text(b"Kerja sama energi \\xe9nergie.", "b.txt")[1]
    ['not valid UTF-8 (byte 0xe9 at offset 18); read as cp1252']
    >>> decode_text(b"", "c.txt")
    Traceback (most recent call last):
    newskg.errors.InputError: c.txt: empty file
    """
    if not data.strip():
        raise InputError(source, "empty file")
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "starts like UTF-16 but is not valid UTF-16") from None
    elif b"\x00" in data:
        raise InputError(source, "binary file (it contains NUL bytes), not a text article")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            text = None
            for encoding in _FALLBACKS:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                warnings.append(f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset "
                                f"{err.start}); read as {encoding}")
                break
            assert text is not None  # latin-1 decodes every byte
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "empty file")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(source, "binary file (its bytes decode to control characters), not a text article")
    return text, warnings


def read_text_file(path: Path, source: str | None = None) -> tuple[str, list[str]]:
    """The decoded text of a file and warnings about its encoding; InputError when unreadable."""
    source = source or str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(source, f"cannot read the file ({err.strerror or err})") from None
    return decode_text(data, source)


def _control_share(text: str) -> float:
    """The share of characters that no text contains: controls, unassigned and private-use ones."""
    bad = sum(1 for c in text
              if c not in _ALLOWED_CONTROLS and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs"))
    return bad / len(text)
