"""How the reference data in this folder was made: flag lists taken from the
generated CLI references (Docker CLI, Buildx) or the source (istioctl: its
cobra command definitions, read by cobra_source.py; BuildKit's Dockerfile
parser) of releases whose binaries cannot be installed here. Each target reads
a git directory given on the command line, never the network.

    python tests/accuracy/data/generate.py docker-cli <docker/cli git dir> v29.7.2
    python tests/accuracy/data/generate.py buildx <docker/buildx git dir> v0.36.1
    python tests/accuracy/data/generate.py istioctl <istio/istio git dir> release-1.31 1.25.5
    python tests/accuracy/data/generate.py dockerfile <moby/buildkit git dir> v0.32.2

Each file names the repository, tag and commit it was read from. Hidden
flags are not in the references; those marked deprecated in the source (still
accepted, printing a warning) are listed under "_deprecated", and so are
istioctl's hidden ones.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLAG = re.compile(r"`(-{1,2}[\w-]+)`")


def _git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout


def _table_flags(markdown: str) -> dict[str, str]:
    """Flag -> its type (bool, string, list...) from the generated "### Options"
    table of one reference page."""
    match = re.search(r"### Options\n(.*?)(?:\n\n|\Z)", markdown, re.S)
    if not match:
        return {}
    flags = {}
    for row in match.group(1).splitlines()[2:]:
        cells = row.split("|")
        if len(cells) < 3:
            continue
        kind = cells[2].strip().strip("`")
        for flag in FLAG.findall(cells[1]):
            flags[flag] = kind
    return flags


def _aliases(markdown: str) -> list[str]:
    match = re.search(r"### Aliases\n\n(.*?)\n", markdown)
    return re.findall(r"`([^`]+)`", match.group(1)) if match else []


def _deprecated(repo: str, tag: str, folder: str) -> dict[str, list[str]]:
    """Command -> flags marked deprecated in its Go file
    (cli/command/container/commit.go -> docker container commit; opts.go holds
    the flags shared by run and create; cmd.go the group's own)."""
    found: dict[str, list[str]] = {}
    out = _git(repo, "grep", "-n", "-E", r'MarkDeprecated\("', tag, "--", folder)
    for line in out.splitlines():
        path = Path(line.split(":")[1])
        name = re.search(r'MarkDeprecated\("([\w-]+)"', line).group(1)
        group = path.parent.name
        commands = {"opts": [f"docker {group} run", f"docker {group} create"], "cmd": [f"docker {group}"]}
        for command in commands.get(path.stem, [f"docker {group} {path.stem}"]):
            found.setdefault(command, [])
            if "--" + name not in found[command]:
                found[command].append("--" + name)
            # The flag's one-letter form (BoolVarP(&x, "pause", "p", ...)) is deprecated with it.
            source = _git(repo, "show", f"{tag}:{path.as_posix()}")
            short = re.search(r'VarP\([^,]+,\s*"' + re.escape(name) + r'",\s*"(\w)"', source)
            if short and "-" + short.group(1) not in found[command]:
                found[command].append("-" + short.group(1))
    return found


def _reference(repo: str, tag: str, folder: str, prefix: str, root: str) -> tuple[dict[str, dict[str, str]], list[set[str]]]:
    """Command -> {flag: type}, and the groups of names that are aliases of each other."""
    table: dict[str, dict[str, str]] = {}
    groups: list[set[str]] = []
    for path in _git(repo, "ls-tree", "--name-only", f"{tag}:{folder}").split():
        if not path.endswith(".md") or path == "index.md":
            continue
        text = _git(repo, "show", f"{tag}:{folder}/{path}")
        if "MARKER_GEN_START" not in text:
            continue
        stem = path[:-3]
        command = root if stem in (root.split()[-1], "docker") else f"{prefix} {stem.replace('_', ' ')}"
        if stem.startswith("buildx_"):
            command = "docker " + stem.replace("_", " ")
        flags = _table_flags(text)
        names = {command, *_aliases(text)}
        groups.append(names)
        for name in names:
            table[name] = dict(sorted({**table.get(name, {}), **flags}.items()))
    return table, groups


def docker_cli(repo: str, tag: str) -> dict:
    commit = _git(repo, "rev-parse", f"{tag}^{{commit}}").strip()
    table, groups = _reference(repo, tag, "docs/reference/commandline", "docker", "docker")
    deprecated: dict[str, list[str]] = {}
    for command, flags in _deprecated(repo, tag, "cli/command").items():
        for name in next((g for g in groups if command in g), {command}):
            deprecated[name] = flags
    return {
        "_source": f"docker/cli {tag} ({commit}) docs/reference/commandline/*.md, the generated "
                   "Options tables and Aliases; global options from docker.md under 'docker'. "
                   "Deprecated flags from MarkDeprecated calls in cli/command/ (hidden in the reference).",
        "_version": tag.lstrip("v"),
        "_deprecated": dict(sorted(deprecated.items())),
        **dict(sorted(table.items())),
    }


def buildx(repo: str, tag: str) -> dict:
    commit = _git(repo, "rev-parse", f"{tag}^{{commit}}").strip()
    table, _ = _reference(repo, tag, "docs/reference", "docker buildx", "docker buildx")
    return {
        "_source": f"docker/buildx {tag} ({commit}) docs/reference/buildx*.md, the generated "
                   "Options tables and Aliases (docker build is buildx build).",
        "_version": tag.lstrip("v"),
        **dict(sorted(table.items())),
    }


if __name__ == "__main__" and sys.argv[1] in ("docker-cli", "buildx"):
    kind, repo, tag = sys.argv[1:4]
    data = {"docker-cli": docker_cli, "buildx": buildx}[kind](repo, tag)
    (HERE / f"{kind}-flags.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


ISTIOCTL_FOLDERS = ["istioctl", "operator/cmd", "pkg/cmd", "pkg/collateral", "pkg/log", "pkg/version", "tools/bug-report"]


def _istioctl_table(repo: str, ref: str) -> tuple[dict[str, list[str]], dict[str, list[str]], list[str]]:
    """Command path (every alias spelling) -> its flags, long and short, own and
    inherited; the hidden or deprecated ones apart; the hidden commands."""
    from cobra_source import Source, command_tree  # noqa: PLC0415 (only this target needs it)

    root = command_tree(Source(repo, ref, ISTIOCTL_FOLDERS), "istioctl/cmd/istioctl")
    _cobra_defaults(root)
    table, hidden_flags, hidden_commands = {}, {}, []

    def walk(command, spellings: list[str], inherited: dict) -> None:
        flags = {**inherited, **command.flags}
        names = {"--help", "-h"}  # cobra adds the help flag to every command
        hidden = set()
        for flag in flags.values():
            spelled = ["--" + flag.long] + (["-" + flag.short] if flag.short else [])
            (hidden if flag.hidden or flag.deprecated else names).update(spelled)
        for spelling in spellings:
            table[spelling] = sorted(names)
            if hidden:
                hidden_flags[spelling] = sorted(hidden)
            if command.hidden or command.deprecated:
                hidden_commands.append(spelling)
        passed = {**inherited, **{n: f for n, f in command.flags.items() if f.persistent}}
        for child in command.children:
            words = [child.name, *child.aliases]
            walk(child, [f"{s} {w}" for s in spellings for w in words], passed)

    walk(root, [root.name], {})
    return dict(sorted(table.items())), dict(sorted(hidden_flags.items())), sorted(hidden_commands)


def _cobra_defaults(root) -> None:
    """The commands cobra adds to every root by itself: help, and completion
    with one subcommand per shell."""
    from cobra_source import Command, Flag  # noqa: PLC0415

    names = {child.name for child in root.children}
    if "help" not in names:
        root.children.append(Command("help [command]"))
    if "completion" not in names:
        shells = [Command(shell, flags={"no-descriptions": Flag("no-descriptions", "", False)})
                  for shell in ("bash", "zsh", "fish", "powershell")]
        root.children.append(Command("completion", children=shells))


def istioctl(repo: str, ref: str, since: str) -> dict:
    """The istioctl command tree read from the cobra definitions of the
    release's source (cobra_source.py), and what the older release `since`
    had that it no longer has, under "_removed"."""
    commit = _git(repo, "rev-parse", f"{ref}^{{commit}}").strip()
    old_commit = _git(repo, "rev-parse", f"{since}^{{commit}}").strip()
    table, deprecated, hidden = _istioctl_table(repo, commit)
    old, old_deprecated, _ = _istioctl_table(repo, old_commit)
    removed: dict[str, object] = {}
    for command, flags in old.items():
        if command not in table:
            removed[command] = "command"
            continue
        gone = [f for f in flags + old_deprecated.get(command, [])
                if f not in table[command] and f not in deprecated.get(command, [])]
        if gone:
            removed[command] = gone
    described = _git(repo, "describe", "--tags", commit).strip()  # the tag itself, or the last tag before
    return {
        "_source": f"istio/istio {ref} ({commit}, git describe: {described}), the cobra "
                   f"commands and flags that main() of istioctl/cmd/istioctl builds (istioctl/, operator/cmd/, "
                   f"pkg/, tools/bug-report/; read by tests/accuracy/data/cobra_source.py), every alias "
                   f"spelled out, inherited persistent flags included, plus cobra's own help and completion. "
                   f"Flags marked hidden or deprecated (MarkHidden, MarkDeprecated, a usage text that starts "
                   f"with 'Deprecated' or '[Removed') are under \"_deprecated\"; \"_removed\" is what istio/istio {since} "
                   f"({old_commit}) had and this release no longer has",
        "_version": "1.31",
        "_removed": dict(sorted(removed.items())),
        "_deprecated": deprecated,
        "_hidden_commands": hidden,
        **table,
    }


def _compact_json(data: dict) -> str:
    """One line per command: the file stays readable and its diffs small."""
    def line(key: str, value: object, indent: str) -> str:
        if isinstance(value, dict) and value:
            inner = ",\n".join(line(k, v, indent + " ") for k, v in value.items())
            return f"{indent}{json.dumps(key)}: {{\n{inner}\n{indent}}}"
        return f"{indent}{json.dumps(key)}: {json.dumps(value)}"
    return "{\n" + ",\n".join(line(key, value, " ") for key, value in data.items()) + "\n}\n"


if __name__ == "__main__" and sys.argv[1] == "istioctl":
    sys.path.insert(0, str(HERE))
    data = istioctl(sys.argv[2], sys.argv[3], sys.argv[4])
    (HERE / "istioctl-flags.json").write_text(_compact_json(data), encoding="utf-8")


def dockerfile_instructions(repo: str, tag: str) -> dict:
    """Dockerfile instructions and the flags each accepts, from BuildKit's
    frontend: command/command.go (the instruction names) and the
    req.flags.Add*("<flag>") calls of instructions/parse.go (per parse<Name>
    function) and instructions/commands_run*.go (RUN's --mount, --network,
    --security, --device)."""
    commit = _git(repo, "rev-parse", f"{tag}^{{commit}}").strip()
    names = re.findall(r'^\s+\w+\s+= "(\w+)"', _git(repo, "show", f"{tag}:frontend/dockerfile/command/command.go"), re.M)
    table = {name.upper(): [] for name in names}
    current = None
    for line in _git(repo, "show", f"{tag}:frontend/dockerfile/instructions/parse.go").splitlines():
        if match := re.match(r"func parse(\w+)\(", line):
            current = match.group(1).upper()
        for flag in re.findall(r'flags\.Add(?:String|Bool|Strings)\("([\w-]+)"', line):
            if current in table:
                table[current].append("--" + flag)
    runs = _git(repo, "grep", "-h", "-E", r'flags\.Add(String|Bool|Strings)\("', tag, "--",
                "frontend/dockerfile/instructions/commands_run*.go")
    table["RUN"] += ["--" + f for f in re.findall(r'Add(?:String|Bool|Strings)\("([\w-]+)"', runs)]
    return {
        "_source": f"moby/buildkit {tag} ({commit}) frontend/dockerfile/command/command.go and "
                   "frontend/dockerfile/instructions/{parse.go,commands_run*.go}",
        "_version": tag.lstrip("v"),
        **{name: sorted(set(flags)) for name, flags in sorted(table.items())},
    }


if __name__ == "__main__" and sys.argv[1] == "dockerfile":
    data = dockerfile_instructions(sys.argv[2], sys.argv[3])
    (HERE / "dockerfile-instructions.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
