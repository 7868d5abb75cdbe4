"""What Windows does differently, checked here where it can be: data home, locked files,
a cp936 console, paths with Chinese characters and spaces, POSIX-only calls."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from report.home import data_home
from tui.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "answers.yaml"
PACKAGES = ["report", "interview", "knowledge", "exports", "tui"]


def test_data_home_on_windows_is_under_appdata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZICHA_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", r"C:\Users\张三\AppData\Roaming")
    assert data_home() == Path(r"C:\Users\张三\AppData\Roaming") / "zicha"


def _new_report(home: Path) -> str:
    result = CliRunner().invoke(
        main, ["--home", str(home), "report", "new", "--from", str(EXAMPLE)]
    )
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def test_export_over_a_file_open_in_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "数据 目录"
    rid = _new_report(home)
    out = tmp_path / "我的 文档" / "自查报告.docx"
    out.parent.mkdir()
    out.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:  # what Windows raises for a file Word holds
        raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")

    monkeypatch.setattr(os, "replace", locked)
    result = CliRunner().invoke(
        main, ["--home", str(home), "export", rid, "-o", str(out), "--force"]
    )
    assert result.exit_code == 1
    assert "正被其他程序（如 Word、WPS）打开" in result.output
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in out.parent.iterdir()) == ["自查报告.docx"]  # no temp left


def test_paths_with_chinese_and_spaces(tmp_path: Path) -> None:
    home = tmp_path / "张三 的 数据"
    rid = _new_report(home)
    out = tmp_path / "导出 文件夹" / "青禾县 2026 年度 自查报告.docx"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["--home", str(home), "export", rid, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def _cp936(
    args: list[str], tmp_path: Path, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZICHA")}
    env.update(PYTHONIOENCODING="cp936")  # file names stay UTF-8, as on Windows (PEP 529)
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )


@pytest.mark.slow
def test_cli_output_in_a_cp936_console(tmp_path: Path) -> None:
    home = tmp_path / "home"
    answers = tmp_path / "answers.yaml"
    # A character GBK lacks (✓) must not crash the output: it shows as '?'.
    answers.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("青禾县", "青禾县✓", 1), encoding="utf-8"
    )
    runs = [
        ["--help"],
        ["--home", str(home), "report", "new", "--from", str(answers)],
        ["--home", str(home), "report", "list"],
        ["--home", str(home), "report", "show", "1"],
        ["--home", str(home), "export", "1", "-o", str(tmp_path / "报告.txt")],
        ["--home", str(home), "kb", "search", "缴费基数"],
        ["--home", str(home), "doctor"],
        ["--home", str(home), "report", "show", "99"],  # an error message, in Chinese
    ]
    for args in runs:
        done = _cp936(args, tmp_path)
        err = done.stderr.decode("gb18030")
        out = done.stdout.decode("gb18030")  # valid cp936 bytes, or this raises
        assert "Traceback" not in err and "UnicodeEncodeError" not in err, (args, err)
        assert done.returncode in (0, 1), (args, out, err)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in out + err), args
    # Typed answers arrive in cp936 too (line-mode interview, answers piped).
    done = _cp936(["--home", str(home), "interview", "1"], tmp_path, stdin="/退出\n".encode("gbk"))
    assert "Traceback" not in done.stderr.decode("gb18030")


# Calls that do not exist on Windows (or, like os.kill, do something else there: any signal
# but CTRL_C/CTRL_BREAK terminates the process).
POSIX_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "tty", "pty"}
POSIX_ATTRS = {
    ("os", "fork"),
    ("os", "getuid"),
    ("os", "geteuid"),
    ("os", "setsid"),
    ("os", "killpg"),
    ("os", "kill"),
    ("os", "getpgid"),
    ("signal", "SIGKILL"),
    ("signal", "SIGHUP"),
    ("signal", "SIGALRM"),
    ("signal", "SIGUSR1"),
    ("signal", "alarm"),
}


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST], source: str) -> bool:
    line = source.splitlines()[node.lineno - 1]  # type: ignore[attr-defined]
    if "posix-only" in line:
        return True
    cur = parents.get(node)
    while cur is not None:
        if isinstance(cur, ast.If | ast.IfExp):
            test = ast.unparse(cur.test)
            if "platform" in test or "os.name" in test:
                return True
        cur = parents.get(cur)
    return False


def test_no_unguarded_posix_only_calls() -> None:
    found = []
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source)
            parents = {
                child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
            }
            for node in ast.walk(tree):
                bad = None
                if isinstance(node, ast.Import):
                    bad = next((a.name for a in node.names if a.name in POSIX_MODULES), None)
                elif isinstance(node, ast.ImportFrom) and node.module in POSIX_MODULES:
                    bad = node.module
                elif (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and (node.value.id, node.attr) in POSIX_ATTRS
                ):
                    bad = f"{node.value.id}.{node.attr}"
                if bad and not _guarded(node, parents, source):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} {bad}")  # type: ignore[attr-defined]
    assert not found, "POSIX-only calls without a platform guard:\n" + "\n".join(found)
