"""The API's JSON parser: the body's size and nesting are bounded before it is parsed.

Its own module: DRF reads DEFAULT_PARSER_CLASSES while `rest_framework.views` is imported, so
the parser must not import the views (kernel/api.py does, for the exception handler).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

#: No request of this API nests deeper than a handful of levels; 64 is generous.
MAX_JSON_DEPTH = 64
_OPENERS = frozenset(b"[{")
_BRACKETS_AND_QUOTES = bytes(range(256)).translate(None, b'[]{}"\\')


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def json_too_deep(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than `limit`.

    Counted before parsing: Python's json parser recurses once per level, so 100,000 levels
    would exhaust the stack (RecursionError, a 500) before any validation ran.
    """
    # Keep only brackets, quotes and backslashes, then walk what is left.
    skeleton = raw.translate(None, _BRACKETS_AND_QUOTES)
    depth = 0
    in_string = escaped = False
    for byte in skeleton:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in _OPENERS:
            depth += 1
            if depth > limit:
                return True
        elif byte != 0x5C:
            depth -= 1
    return False


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser with a size limit (DATA_UPLOAD_MAX_MEMORY_SIZE, 413 beyond it) and a
    nesting limit (MAX_JSON_DEPTH, 400 beyond it), both checked before json.loads runs."""

    def parse(
        self,
        stream: IO[bytes] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(
                _("The request body is too large: at most %(limit)s bytes.") % {"limit": limit}
            )
        if json_too_deep(raw):
            raise ParseError(
                _("The JSON is nested more than %(depth)s levels deep; send a flatter document.")
                % {"depth": MAX_JSON_DEPTH}
            )
        try:
            return super().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError:  # unreachable below the depth limit; never a 500 all the same
            raise ParseError(_("The JSON is nested too deeply.")) from None
