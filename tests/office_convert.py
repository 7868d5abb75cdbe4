"""LibreOffice as the tests run it: the product's own conversion (exports.pdf.convert), headless
with a profile of its own, so the workers of `make test` never collide. SOFFICE is None where
LibreOffice is missing (the caller skips)."""

from __future__ import annotations

from exports.pdf import convert, find_soffice

SOFFICE = find_soffice()

__all__ = ["SOFFICE", "convert"]
