"""Bundles from counties, verified and stored at the city; every refusal stores nothing."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from rollup_helpers import make_county, ok, trust, unit_of, zicha

from rollup.city import CityStore


def export(home: Path, out: Path, *extra: str):
    return zicha(home, "bundle", "export", "1", "-o", str(out), *extra, user="张三")


def city_rows(city: Path) -> list[tuple]:
    db = city / "rollup.db"
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT unit, year, draft, superseded_by FROM bundles ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def rezip(src: Path, dst: Path, change) -> None:
    """Copy a bundle member by member, letting change(name, data) alter or drop members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            result = change(info.filename, zin.read(info.filename))
            if result is not None:
                name, data = result
                zout.writestr(name, data)


@pytest.fixture
def two(tmp_path: Path, city: Path):
    a = make_county(tmp_path, "青禾县")
    b = make_county(tmp_path, "白水县")
    for name in ("青禾县", "白水县"):
        ok(trust(city, tmp_path, name))
    return tmp_path, a, b, city


def test_export_is_signed_and_lists_every_member(two) -> None:
    root, a, _, _ = two
    out = root / "包" / "青禾县.zicha"
    text = ok(export(a, out))
    assert "已审定" in text and "签名密钥指纹" in text and "日志末尾" in text
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
    assert {"manifest.json", "manifest.sig", "report.json", "report.docx"} <= names
    assert set(manifest["members"]) == names - {"manifest.json", "manifest.sig"}
    assert manifest["unit"] == unit_of("青禾县") and manifest["year"] == 2026
    assert manifest["draft"] is False and manifest["approval"]["approved_by"] == "李四"
    assert manifest["format_version"] == 1 and manifest["bank"]["hash"]
    assert manifest["audit_head"]["count"] > 0
    # the export is itself in the county's audit log
    assert "报送包" in ok(zicha(a, "audit", "log", "1"))
    # not private (0600): the mode an ordinary save beside it gets
    (root / "包" / "对照.txt").write_bytes(b"")
    assert out.stat().st_mode == (root / "包" / "对照.txt").stat().st_mode


def test_unapproved_report_needs_draft_flag(tmp_path: Path) -> None:
    home = make_county(tmp_path, "东山区", approve=False)
    out = tmp_path / "东山区.zicha"
    refused = export(home, out)
    assert refused.exit_code == 1 and "尚未审定" in refused.output and "--draft" in refused.output
    assert not out.exists()
    ok(export(home, out, "--draft"))
    with zipfile.ZipFile(out) as zf:
        assert json.loads(zf.read("manifest.json"))["draft"] is True


def test_no_unit_key_is_a_clear_message(tmp_path: Path) -> None:
    home = tmp_path / "无密钥"
    ok(
        zicha(
            home,
            "report",
            "new",
            "--from",
            str(Path(__file__).parents[2] / "examples" / "answers.yaml"),
        )
    )
    result = zicha(home, "bundle", "export", "1", "-o", str(tmp_path / "x.zicha"), "--draft")
    assert result.exit_code == 1 and "zicha key new" in result.output


def test_import_accepts_good_bundles_and_supersedes(two) -> None:
    root, a, b, city = two
    ok(export(a, root / "in" / "青禾县.zicha"))
    ok(export(b, root / "in" / "白水县.zicha"))
    out = ok(zicha(city, "rollup", "import", str(root / "in"), user="市管理员"))
    assert out.count("接收：") == 2 and "拒收 0 个" in out
    # the same file again: nothing new stored
    again = ok(zicha(city, "rollup", "import", str(root / "in" / "青禾县.zicha"), user="市管理员"))
    assert "已导入过" in again
    assert len(city_rows(city)) == 2
    # a newer bundle for the same unit and year supersedes the older; both stay
    ok(export(a, root / "in2" / "青禾县-新.zicha"))
    newer = ok(zicha(city, "rollup", "import", str(root / "in2"), user="市管理员"))
    assert "取代" in newer
    rows = city_rows(city)
    assert len(rows) == 3 and rows[1][3] == 3 and rows[2][3] is None  # 2 (青禾县) -> 3
    listing = ok(zicha(city, "rollup", "list", "--year", "2026", "--history"))
    assert "已被 3 号取代" in listing


REFUSALS = {
    "changed byte": (
        lambda n, d: (
            (n, d.replace("青禾县".encode(), "黑水县".encode(), 1))
            if n == "report.json"
            else (n, d)
        ),
        "校验值不符",
    ),
    "manifest edited": (
        lambda n, d: (
            (n, d.replace(b'"draft": false', b'"draft": true')) if n == "manifest.json" else (n, d)
        ),
        "签名无效",
    ),
    "no manifest": (lambda n, d: None if n == "manifest.json" else (n, d), "缺少清单"),
    "no signature": (lambda n, d: None if n == "manifest.sig" else (n, d), "缺少签名"),
    "zip slip": (
        lambda n, d: ("../../evil.txt", d) if n == "report.docx" else (n, d),
        "指向包外",
    ),
    "unlisted member": (
        lambda n, d: ("score.xlsx", d) if n == "report.docx" else (n, d),
        "清单中的文件「report.docx」不在包内",
    ),
    "newer format": (
        lambda n, d: (
            (n, d.replace(b'"format_version": 1', b'"format_version": 9'))
            if n == "manifest.json"
            else (n, d)
        ),
        "更新版本",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_each_refusal_is_one_line_and_stores_nothing(two, case: str) -> None:
    root, a, _, city = two
    good = root / "good.zicha"
    ok(export(a, good))
    bad = root / f"{case}.zicha"
    change, expected = REFUSALS[case]
    rezip(good, bad, change)
    result = zicha(city, "rollup", "import", str(bad), user="市管理员")
    assert result.exit_code == 1
    refused = [line for line in result.output.splitlines() if line.startswith("拒收：")]
    assert len(refused) == 1 and expected in refused[0], result.output
    assert city_rows(city) == []
    assert not list((city / "rollup").glob("*.zicha")) if (city / "rollup").exists() else True


def test_newer_format_is_checked_before_the_signature(two) -> None:
    # A city on an old zicha must say "upgrade", not "forged", for a newer county's bundle:
    # the signature covers the manifest, so the test re-signs it with the county's key.
    root, a, _, city = two
    good = root / "good.zicha"
    ok(export(a, good))
    from report.keys import load_unit_key

    key = load_unit_key(a)
    assert key is not None
    import base64

    def newer(name: str, data: bytes):
        if name == "manifest.json":
            return name, data.replace(b'"format_version": 1', b'"format_version": 2')
        if name == "manifest.sig":
            return None
        return name, data

    bad = root / "newer.zicha"
    rezip(good, bad, newer)
    with zipfile.ZipFile(bad, "a") as zf:
        zf.writestr("manifest.sig", base64.b64encode(key.sign(zf.read("manifest.json"))))
    result = zicha(city, "rollup", "import", str(bad), user="市管理员")
    assert "请升级 zicha" in result.output and city_rows(city) == []


def test_untrusted_and_swapped_keys_are_refused(two, tmp_path: Path) -> None:
    root, a, b, city = two
    stranger = make_county(tmp_path, "西岭县")
    ok(export(stranger, root / "西岭县.zicha"))
    result = zicha(city, "rollup", "import", str(root / "西岭县.zicha"), user="市管理员")
    assert "尚未登记" in result.output and "rollup trust" in result.output
    # 白水县's report signed with 青禾县's key: rename the unit inside and re-sign with a's key
    ok(export(b, root / "白水县.zicha"))
    from report.keys import load_unit_key

    key = load_unit_key(a)
    assert key is not None
    import base64

    def swap(name: str, data: bytes):
        return None if name == "manifest.sig" else (name, data)

    forged = root / "forged.zicha"
    rezip(root / "白水县.zicha", forged, swap)
    with zipfile.ZipFile(forged, "a") as zf:
        zf.writestr("manifest.sig", base64.b64encode(key.sign(zf.read("manifest.json"))))
    result = zicha(city, "rollup", "import", str(forged), user="市管理员")
    assert "签名无效" in result.output
    assert city_rows(city) == []


def test_oversized_member_is_refused(two, monkeypatch) -> None:
    root, a, _, city = two
    good = root / "good.zicha"
    ok(export(a, good))
    import rollup.format as fmt

    monkeypatch.setattr(fmt, "MAX_MEMBER_BYTES", 1000)  # report.docx is larger than this
    with CityStore(city) as store:
        line = store.import_file(good)
    assert not line.accepted and "过大" in line.message
    assert city_rows(city) == []


def test_not_a_zip_and_trust_conflicts(two, tmp_path: Path) -> None:
    root, a, _, city = two
    junk = root / "junk.zicha"
    junk.write_bytes(b"PK\x03\x04 not really")
    result = zicha(city, "rollup", "import", str(junk), user="市管理员")
    assert "不是 zicha 报送包" in result.output
    again = zicha(
        city,
        "rollup",
        "trust",
        str(root / "青禾县.pub"),
        "--unit",
        unit_of("白水县"),
        user="市管理员",
    )
    assert again.exit_code == 1 and "已登记给" in again.output


def test_ledger_and_evidence_travel_in_the_bundle(tmp_path: Path, city: Path) -> None:
    import hashlib

    scan = tmp_path / "轮岗记录.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned rotation record")

    def before_approval(home: Path) -> None:
        ok(zicha(home, "evidence", "add", "1", "ORG-01", str(scan), user="张三"))

    home = make_county(tmp_path, "南湖县", approve=False)
    before_approval(home)
    ok(zicha(home, "review", "submit", "1", user="张三"))
    ok(zicha(home, "review", "approve", "1", user="李四", input="审定\n"))
    out = tmp_path / "南湖县.zicha"
    ok(export(home, out))
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert f"evidence/{digest}.pdf" in names and "ledger.xlsx" in names
        assert zf.read(f"evidence/{digest}.pdf") == scan.read_bytes()
    ok(trust(city, tmp_path, "南湖县"))
    assert "接收：" in ok(zicha(city, "rollup", "import", str(out), user="市管理员"))
