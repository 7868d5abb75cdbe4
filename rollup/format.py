"""The submission bundle (.zicha): a zip, version 1.

Members:
  manifest.json   what the bundle is (unit, year, status, approval, bank, audit head, members'
                  SHA-256), UTF-8 JSON
  manifest.sig    base64 Ed25519 signature of the exact bytes of manifest.json, by the unit key
  report.json     {"schema": "zicha-report", "schema_version": 1, "report": {...}}: the report's
                  final snapshot (the approved one; for --draft the current text)
  report.docx     the report in the official layout
  ledger.xlsx, score.xlsx   the 整改台账 and 自查评分表, when the report has them
  evidence/<sha256><.ext>   evidence files, named by content
A reader refuses a bundle whose format_version is newer than it knows.
"""

from __future__ import annotations

import re

FORMAT = "zicha-bundle"
FORMAT_VERSION = 1
REPORT_SCHEMA = "zicha-report"
REPORT_SCHEMA_VERSION = 1

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
REPORT_JSON = "report.json"
REPORT_DOCX = "report.docx"
OPTIONAL_MEMBERS = ("ledger.xlsx", "score.xlsx")
EVIDENCE_RE = re.compile(r"^evidence/[0-9a-f]{64}(\.[A-Za-z0-9]{1,10})?$")

MAX_BUNDLE_BYTES = 500 * 1024 * 1024
MAX_MEMBER_BYTES = 60 * 1024 * 1024  # evidence files are capped at 50 MB each
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_MEMBERS = 2000


def allowed_member(name: str) -> bool:
    return (
        name in (MANIFEST, SIGNATURE, REPORT_JSON, REPORT_DOCX, *OPTIONAL_MEMBERS)
        or EVIDENCE_RE.match(name) is not None
    )
