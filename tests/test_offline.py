"""The program opens no network connection, ever: every path runs under a tracer that records one.

Two independent witnesses watch a subprocess that builds, checks and exports every example and
drives the desktop wizard: Python's audit hooks (every socket operation Python makes) and, where
installed, strace (every connect or send the process or its threads make, Qt's C++ included).
Local sockets (AF_UNIX, used by X11 and D-Bus) are allowed; internet sockets are not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT

SESSION = textwrap.dedent(
    """
    import socket, sys
    events = []
    def hook(event, args):
        if not event.startswith("socket.") or event == "socket.__new__":
            return
        sock = args[0] if args and isinstance(args[0], socket.socket) else None
        if sock is not None and sock.family == socket.AF_UNIX:
            return
        events.append((event, repr(args)[:200]))
    sys.addaudithook(hook)

    from pathlib import Path
    from desktop.cli import main
    out = Path(sys.argv[1])
    examples = sorted(Path("resources/examples").glob("*.charter.json"))
    assert examples, "no examples found"
    for i, example in enumerate(examples):
        assert main(["validate", str(example)]) == 0
        main(["check", str(example), "--json"])
        assert main(["build", str(example), "--out", str(out / str(i)), "--with-findings"]) == 0
    main(["schema"])

    from desktop.offline_session import drive
    drive(examples, out / "gui")

    # A deliberate local connection proves both witnesses are watching.
    import os, tempfile
    path = os.path.join(tempfile.mkdtemp(), "witness.sock")
    server = socket.socket(socket.AF_UNIX); server.bind(path); server.listen(1)
    client = socket.socket(socket.AF_UNIX); client.connect(path)
    print("NETWORK-EVENTS", events)
    """
)


def test_no_network_connection_anywhere(tmp_path: Path) -> None:
    script = tmp_path / "session.py"
    script.write_text(SESSION, encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CHARTER_BUILDER_HOME": str(tmp_path / "home"),
    }
    command = [sys.executable, str(script), str(tmp_path / "out")]
    trace = tmp_path / "strace.txt"
    strace = shutil.which("strace")
    if strace:
        command = [
            strace,
            "-f",
            "-qq",
            "-e",
            "trace=connect,sendto,sendmsg",
            "-e",
            "signal=none",
            "-o",
            str(trace),
            *command,
        ]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "NETWORK-EVENTS []" in done.stdout, done.stdout[-2000:]
    if strace:
        calls = trace.read_text()
        assert "witness.sock" in calls, "strace recorded nothing: the witness is blind"
        internet = [line for line in calls.splitlines() if re.search(r"AF_INET6?\b", line)]
        assert internet == [], internet[:5]
    if os.environ.get("CI"):
        assert strace, "strace must be installed in CI for the system-level witness"
