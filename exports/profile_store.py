"""Profiles kept in the data home (profiles/NAME.yaml, its template as profiles/NAME.docx)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NamedTuple

from report.atomic_file import save_atomically

# The checks (exports/profile.py, pydantic) are imported where a file is read: an export with
# the built-in profile needs none of them.
from .document_profile import BUILTIN_YAML, PROFILE_DIR, DocumentProfile, ProfileError


class ProfileEntry(NamedTuple):
    name: str
    builtin: bool
    kind: str | None = None
    organ_mark: str | None = None
    template: bool = False


def profile_dir(home: Path) -> Path:
    return Path(home) / PROFILE_DIR


def _stored(home: Path) -> dict[str, Path]:
    folder = profile_dir(home)
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def list_profiles(home: Path) -> list[ProfileEntry]:
    from .profile import builtin_profiles

    entries = [
        ProfileEntry(name=name, builtin=True, kind=p.kind, organ_mark=p.organ_mark)
        for name, p in builtin_profiles().items()
    ]
    for name, _path in _stored(home).items():
        try:
            p = load_stored(home, name)
        except ProfileError:
            entries.append(ProfileEntry(name=name, builtin=False, kind="（文件有误）"))
            continue
        entries.append(
            ProfileEntry(
                name=name,
                builtin=False,
                kind=p.kind,
                organ_mark=p.organ_mark,
                template=p.template is not None,
            )
        )
    return entries


def load_stored(home: Path, name: str) -> DocumentProfile:
    from .profile import load_profile_file

    path = _stored(home).get(name)
    if path is None:
        raise ProfileError(_unknown(home, name))
    profile = load_profile_file(path)
    copy = path.with_suffix(".docx")
    if profile.template and copy.is_file():
        profile = profile.model_copy(update={"template": str(copy)})
    return profile.model_copy(update={"name": name})


def _unknown(home: Path, name: str) -> str:
    names = "、".join([*BUILTIN_YAML, *_stored(home)])
    return (
        f"没有名为「{name}」的文档配置。可用的有：{names}；"
        "也可以直接写 .yaml 文件的路径，或先用 zicha profile add 文件.yaml 保存。"
    )


def resolve_profile(home: Path, spec: str | None) -> DocumentProfile:
    """A name (stored, then built-in) or a path to a .yaml file; None is the built-in default."""
    if not spec:
        # The built-in 标准 is the defaults (tests/exports/test_export_profiles.py): no YAML to
        # parse and no pydantic to import on every export.
        return DocumentProfile()
    from .profile import load_profile_file, parse_profile

    spec = spec.strip()
    stored = _stored(home)
    if spec in stored:
        return load_stored(home, spec)
    if spec in BUILTIN_YAML:
        return parse_profile(BUILTIN_YAML[spec], f"（内置）{spec}")
    if spec.lower().endswith((".yaml", ".yml")) or os.sep in spec or "/" in spec:
        return load_profile_file(spec)
    raise ProfileError(_unknown(home, spec))


def profile_text(home: Path, name: str) -> str:
    stored = _stored(home)
    if name in stored:
        return stored[name].read_text(encoding="utf-8-sig")
    if name in BUILTIN_YAML:
        return BUILTIN_YAML[name]
    raise ProfileError(_unknown(home, name))


def add_profile(home: Path, path: str | Path, force: bool = False) -> DocumentProfile:
    """Validate, then store the file (and its template) under the profile's name; all or nothing."""
    from .profile import profile_from_text, read_profile_text

    # Read once: what is validated is what is stored, as UTF-8 whatever the file's encoding.
    text = read_profile_text(path)
    profile = profile_from_text(text, path)
    name = profile.name
    if name in BUILTIN_YAML:
        raise ProfileError(f"「{name}」是内置配置的名称，请在文件中写 name: 另一个名称 后再保存。")
    folder = profile_dir(home)
    target = folder / f"{name}.yaml"
    if target.exists() and not force:
        raise ProfileError(
            f"已有名为「{name}」的文档配置，未覆盖。如需替换请加 --force，"
            f"或先用 zicha profile remove {name} 删除。"
        )
    template = profile.template_path()
    if template is not None:
        from .template import check_template

        check_template(template, profile)
    folder.mkdir(parents=True, exist_ok=True)
    _atomic_write_text(text, target)
    copy = target.with_suffix(".docx")
    if template is not None:
        _atomic_copy(template, copy)
    elif copy.exists():
        copy.unlink()
    return load_stored(home, name)


def remove_profile(home: Path, name: str) -> None:
    if name in BUILTIN_YAML:
        raise ProfileError(f"「{name}」是内置配置，不能删除。")
    path = _stored(home).get(name)
    if path is None:
        raise ProfileError(_unknown(home, name))
    path.unlink()
    path.with_suffix(".docx").unlink(missing_ok=True)


def _atomic_copy(src: Path, dst: Path) -> None:
    try:
        save_atomically(dst, lambda tmp: shutil.copyfile(src, tmp))
    except OSError as exc:
        raise ProfileError(f"无法保存到「{dst}」：{exc.strerror or exc}。") from exc


def _atomic_write_text(text: str, dst: Path) -> None:
    try:
        save_atomically(dst, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"无法保存到「{dst}」：{exc.strerror or exc}。") from exc


_LAST_USED = ".last-used.json"


def last_used(home: Path, report_id: int) -> str | None:
    """The profile a report was last exported with (the dialog offers it first)."""
    import json

    try:
        data = json.loads((profile_dir(home) / _LAST_USED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(str(report_id)) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def remember(home: Path, report_id: int, name: str) -> None:
    import json

    folder = profile_dir(home)
    path = folder / _LAST_USED
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[str(report_id)] = name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False)
        save_atomically(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    except OSError:
        pass  # only a convenience: the export itself succeeded
