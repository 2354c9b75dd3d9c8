"""Bytes to text, whatever the page claims its encoding is.

Kazakh and Russian sites still serve cp1251 and koi8-r, and often declare the
wrong charset (or none). Strict UTF-8 is tried first because a single-byte
Cyrillic page almost never decodes as valid UTF-8; declared charsets are trusted
only when the text they give looks like real Cyrillic; charset-normalizer decides
the rest.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_CYRILLIC_UPPER = re.compile("[А-ЯЁ]")
_TAG = re.compile(r"<[^<>]{0,500}>")
_CYRILLIC_LOWER = re.compile("[а-яё]")
# C0 controls other than tab/newline/CR/form feed, and NUL: not text.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SNIFF = 8192
_CYRILLIC_CODECS = ("cp1251", "koi8_r")
_LATIN_LETTER = re.compile("[A-Za-z]")


class DecodeError(ValueError):
    """The body is not text: binary data, or no encoding gives readable text."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def decode_page(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DecodeError` for binary bodies."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace"), encoding
    head = body[:_SNIFF]
    if head and len(_BINARY_BYTES.findall(head)) > max(8, len(head) // 100):
        raise DecodeError("binary", "control bytes in the first 8 KB")
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for candidate in _declared_candidates(body, declared):
        try:
            text = body.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_cyrillic_or_latin(text):
            return text, candidate
    best = charset_normalizer.from_bytes(body).best()
    if best is not None and best.encoding in _CYRILLIC_CODECS:
        return str(best), best.encoding
    # Statistics fail on short pages; our sources are Cyrillic, so try their codecs.
    for candidate in _CYRILLIC_CODECS:
        try:
            text = body.decode(candidate)
        except UnicodeDecodeError:
            continue
        if _mostly_cyrillic(text) and _looks_cyrillic_or_latin(text):
            return text, candidate
    if best is not None and best.encoding:
        return str(best), best.encoding
    raise DecodeError("undecodable", "no encoding gives readable text")


def _declared_candidates(body: bytes, declared: str | None) -> list[str]:
    found: list[str] = []
    meta = _META_CHARSET.search(body[:_SNIFF])
    for raw in (declared, meta.group(1).decode("ascii", "ignore") if meta else None):
        if not raw:
            continue
        try:
            name = codecs.lookup(raw.strip()).name
        except LookupError:
            continue
        if name != "utf-8" and name not in found:
            found.append(name)
    return found


def _mostly_cyrillic(text: str) -> bool:
    sample = text[:20000]
    cyrillic = len(_CYRILLIC_LOWER.findall(sample)) + len(_CYRILLIC_UPPER.findall(sample))
    latin = len(_LATIN_LETTER.findall(_TAG.sub(" ", sample)))
    return cyrillic >= 3 and cyrillic >= 0.3 * (cyrillic + latin)


def _looks_cyrillic_or_latin(text: str) -> bool:
    """A wrong single-byte Cyrillic codec turns lower case into upper case (koi8-r read
    as cp1251 and back): real prose is mostly lower case."""
    sample = text[:20000]
    lower = len(_CYRILLIC_LOWER.findall(sample))
    upper = len(_CYRILLIC_UPPER.findall(sample))
    if lower + upper < 20:
        return True
    return lower >= 2 * upper
