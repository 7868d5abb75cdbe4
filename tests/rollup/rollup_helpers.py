"""Helpers for the roll-up tests: counties made in temporary homes through the command line, as their offices would."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path

from click.testing import CliRunner

from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
PASSWORD = "pass-12345"


TEMPORARY = "temp-" + PASSWORD  # what the admin sets; each user replaces it at first login


def zicha(
    home: Path, *args: str, user: str | None = None, input: str | None = None, **env_extra: str
):
    env = {
        "ZICHA_PASSWORD": PASSWORD,
        "ZICHA_NEW_PASSWORD": PASSWORD,
        "ZICHA_HOME": None,
        "ZICHA_KEY_PASSPHRASE": None,
        **env_extra,
    }
    argv = ["--home", str(home), *(["--user", user] if user else []), *args]
    return CliRunner().invoke(main, argv, env=env, input=input)


def ok(result) -> str:
    if result.exception and not isinstance(result.exception, SystemExit):
        import traceback

        traceback.print_exception(result.exception)
    assert result.exit_code == 0, result.output
    return result.output


def make_county(root: Path, name: str, *, approve: bool = True, edit=None) -> Path:
    """A county office: users, unit key, one report (approved unless told otherwise)."""
    home = root / name
    ok(zicha(home, "user", "add", "管理员"))
    for person, role in (("张三", "officer"), ("李四", "supervisor")):
        ok(
            zicha(
                home,
                "user",
                "add",
                person,
                "--role",
                role,
                user="管理员",
                ZICHA_NEW_PASSWORD=TEMPORARY,
            )
        )
        # First login: the temporary password is replaced by the user's own.
        ok(zicha(home, "user", "passwd", person, user=person, ZICHA_PASSWORD=TEMPORARY))
    ok(zicha(home, "key", "new", user="管理员"))
    text = EXAMPLE.read_text(encoding="utf-8").replace("青禾县", name)
    if edit:
        text = edit(text)
    answers = root / f"{name}.yaml"
    answers.write_text(submit_ready(text), encoding="utf-8")
    ok(zicha(home, "report", "new", "--from", str(answers), user="张三"))
    if approve:
        ok(zicha(home, "review", "submit", "1", user="张三"))
        ok(zicha(home, "review", "approve", "1", user="李四", input="审定\n"))
    ok(zicha(home, "key", "export-public", "-o", str(root / f"{name}.pub"), user="管理员"))
    return home


def submit_ready(text: str) -> str:
    """The answers with every bank point answered (the bank's own example, 符合) and an item for
    every weak point: preflight lets the report through to review (issue 9)."""
    import yaml
    from answers_fill import answer_every_point

    data = yaml.safe_load(text)
    linked = {r.get("point") for r in data.get("rectification") or []}
    answer_every_point(data)
    for entries in data["sections"].values():
        for e in entries:
            if e.get("status") in ("基本符合", "不符合") and e["point"] not in linked:
                data.setdefault("rectification", []).append(
                    {
                        "text": f"针对{e['point']}完善制度并开展自查",
                        "point": e["point"],
                        "owner": "办公室",
                        "due": "2027-06-30",
                    }  # fmt: skip
                )
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def unit_of(name: str) -> str:
    return f"{name}社会保险事业局"


def trust(city: Path, root: Path, name: str):
    """The city registers the county's public key (root/NAME.pub) for its unit."""
    return zicha(
        city,
        "rollup",
        "trust",
        str(root / f"{name}.pub"),
        "--unit",
        unit_of(name),
        user="市管理员",
    )


def make_city_with(
    root: Path,
    city: Path,
    names: Iterable[str],
    *,
    drafts: Collection[str] = (),
    edits: Mapping[str, Callable[[str], str]] | None = None,
) -> None:
    """Counties made and sent to the city: each one's bundle exported into root/in (the drafts
    unapproved and sent with --draft), its key trusted, then the folder imported."""
    for name in names:
        draft = name in drafts
        home = make_county(root, name, approve=not draft, edit=(edits or {}).get(name))
        out = root / "in" / f"{name}.zicha"
        ok(
            zicha(
                home, "bundle", "export", "1", "-o", str(out), *(["--draft"] * draft), user="张三"
            )
        )
        ok(trust(city, root, name))
    ok(zicha(city, "rollup", "import", str(root / "in"), user="市管理员"))
