"""zicha's own YAML data files (the question bank, the language rules), parsed once and kept as
JSON beside them in __pycache__, the way Python keeps .pyc files.

Importing PyYAML alone costs about as much as a tenth of the bare python-docx loop `zicha
export` is measured against (issue 16); json is already loaded. The copy is used only while it
was made from exactly the file's current text (its SHA-256 is kept with it); an edited file is
parsed again. Where __pycache__ cannot be written (a read-only install) every call parses the
YAML, as before. Only for the package's own data: files people write (answers, profiles,
imported banks) are read and checked where they are read.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

CACHE_DIR = "__pycache__"
_FORMAT = 1


def _parse_yaml(text: str) -> Any:
    import yaml

    # libyaml's safe loader where PyYAML has it (the same data, ~10x faster); else pure Python.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _cache_path(path: Path) -> Path:
    return path.parent / CACHE_DIR / f"{path.name}.json"


def load_yaml_text(path: Path, text: str) -> Any:
    """The data of a package YAML file whose text is given (yaml.YAMLError as yaml raises it)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cache = _cache_path(path)
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(kept, dict) and kept.get("sha256") == digest and kept.get("v") == _FORMAT:
            return kept["data"]
    except (OSError, ValueError, KeyError):
        pass
    data = _parse_yaml(text)
    _keep(cache, digest, data)
    return data


def load_yaml(path: Path) -> Any:
    return load_yaml_text(path, path.read_text(encoding="utf-8"))


def _keep(cache: Path, digest: str, data: Any) -> None:
    """Write the JSON copy when JSON holds exactly the data (no dates, no non-text keys)."""
    try:
        encoded = json.dumps({"v": _FORMAT, "sha256": digest, "data": data}, ensure_ascii=False)
    except (TypeError, ValueError):
        return
    if json.loads(encoded)["data"] != data:
        return
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(exist_ok=True)
        tmp.write_text(encoded, encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
