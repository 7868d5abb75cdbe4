"""A PostgreSQL server for the tests: the one CI started (ZICHA_TEST_PG_URL), or a throwaway
cluster made here with initdb on a free local port, run as an unprivileged user.

Each test then gets its own schema in that server (a URL whose search_path points at it), so
tests never see each other's rows and nothing needs a CREATE DATABASE.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

URL_ENV = "ZICHA_TEST_PG_URL"  # an admin URL of a running server (CI: .ci/run sets it)
UNPRIVILEGED_USER = "postgres"


@dataclass
class PgServer:
    url: str  # admin URL: may create and drop schemas
    data_dir: Path | None = None
    run_as: list[str] | None = None
    pg_ctl: str | None = None

    def stop(self) -> None:
        if self.data_dir is None or self.pg_ctl is None:
            return
        subprocess.run(
            [
                *(self.run_as or []),
                self.pg_ctl,
                "-D",
                str(self.data_dir),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def _find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_cluster() -> PgServer | str:
    """Start a throwaway cluster; on failure return why (for the skip reason)."""
    initdb, pg_ctl = _find_bin("initdb"), _find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        return "PostgreSQL is not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql)"
    run_as: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="zicha-pg-"))
    if os.geteuid() == 0:
        # The server refuses to run as root: run it as the postgres system user.
        import pwd

        try:
            user = pwd.getpwnam(UNPRIVILEGED_USER)
        except KeyError:
            return (
                f"running as root and there is no '{UNPRIVILEGED_USER}' user to run PostgreSQL as"
            )
        runuser = shutil.which("runuser")
        if not runuser:
            return "running as root and runuser is missing"
        run_as = [runuser, "-u", UNPRIVILEGED_USER, "--"]
        os.chmod(base, 0o755)
        os.chown(base, user.pw_uid, user.pw_gid)
    data = base / "data"
    init = subprocess.run(
        [*run_as, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
         "--locale=C.UTF-8", "--no-sync"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        return f"initdb failed: {init.stderr.strip()[-300:]}"
    port = _free_port()
    opts = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
        " -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    start = subprocess.run(
        [*run_as, pg_ctl, "-D", str(data), "-o", opts, "-l", str(base / "log"), "-w", "start"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if start.returncode != 0:
        log = (base / "log").read_text(errors="replace") if (base / "log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        return f"pg_ctl start failed: {(start.stderr + log).strip()[-300:]}"
    server = PgServer(
        url=f"postgresql://postgres@127.0.0.1:{port}/postgres",
        data_dir=data,
        run_as=run_as,
        pg_ctl=pg_ctl,
    )
    if not _wait_ready(server.url):
        server.stop()
        return "the throwaway PostgreSQL cluster did not accept connections"
    _stop_when_gone(
        os.getpid(), [*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], base
    )
    return server


def _stop_when_gone(pid: int, stop: list[str], base: Path) -> None:
    """A watchdog: if the test process is killed (a timeout, Ctrl+C twice) before its
    teardown, the cluster is stopped and removed anyway; nothing is left on a shared machine."""
    import shlex

    script = (
        f"while kill -0 {pid} 2>/dev/null; do sleep 2; done; "
        f"{shlex.join(stop)} >/dev/null 2>&1; rm -rf {shlex.quote(str(base))}"
    )
    subprocess.Popen(
        ["sh", "-c", script],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait_ready(url: str) -> bool:
    import psycopg

    for _ in range(50):
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return True
        except psycopg.OperationalError:
            time.sleep(0.2)
    return False


def server_from_env() -> PgServer | str | None:
    url = os.environ.get(URL_ENV)
    if not url:
        return None
    if not _wait_ready(url):
        return f"{URL_ENV} is set but its server does not answer"
    return PgServer(url=url)


def new_schema(admin_url: str) -> tuple[str, str]:
    """A fresh empty schema; returns (its name, a URL whose search_path is that schema)."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in admin_url else "?"
    return name, f"{admin_url}{sep}options=-csearch_path%3D{name}"


def drop_schema(admin_url: str, name: str) -> None:
    import psycopg

    try:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '5s'")
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
    except psycopg.Error:
        pass  # the throwaway cluster goes away at the end of the session anyway
