"""Compare what the pinned tools and the newest releases offer of what the
site documents (two inventories, see inventory.py): what the site documents
that the newest release no longer has or deprecates, and what the newest
release added that the site does not document. Plain data in, plain text
or Markdown out; scripts/drift.py installs the releases and runs it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ToolVersion:
    """One pin and what the registry offers now."""
    tool: str
    pinned: str
    newest: str | None         # None: the registry could not say
    installed: str | None      # what the drift venv got (None: not installed)
    note: str = ""             # reference pins: where their data comes from


@dataclass
class Drift:
    versions: list[ToolVersion]
    gone: list[str] = field(default_factory=list)          # documented, failing against the newest release
    failing_pinned: list[str] = field(default_factory=list)  # failing against the pins already (the tests say so too)
    new: dict[str, list[str]] = field(default_factory=dict)  # "new flags of `kubectl get`" -> names
    errors: list[str] = field(default_factory=list)        # what could not be checked

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.gone), sum(len(names) for names in self.new.values())


def _problem_lines(inventory: dict) -> list[str]:
    return [f"{p['page']}: {p['problem']}" for p in inventory.get("problems", ())]


def _new(newest: dict[str, list[str]], pinned: dict[str, list[str]], documented: dict[str, list[str]],
         ) -> dict[str, list[str]]:
    """Per key: what the newest release lists that the pinned one did not and
    the site does not document. A key the pinned run lacks is compared with
    nothing: everything is new there."""
    out = {}
    for key, names in sorted(newest.items()):
        added = sorted(set(names) - set(pinned.get(key, ())) - set(documented.get(key, ())))
        if added:
            out[key] = added
    return out


def compare(pinned: dict, newest: dict, versions: list[ToolVersion]) -> Drift:
    documented = pinned.get("documented", {})
    already = set(_problem_lines(pinned))
    drift = Drift(versions=versions)
    drift.failing_pinned = sorted(already)
    drift.gone = [line for line in _problem_lines(newest) if line not in already]
    for title, kind, documented_kind in (("new flags of `{}`", "commands", "flags"),
                                         ("new commands of `{}`", "subcommands", "names"),
                                         ("new parameters of {}", "parameters", "parameters"),
                                         ("new functions and classes in {}", "members", "names")):
        for key, names in _new(newest.get(kind, {}), pinned.get(kind, {}), documented.get(documented_kind, {})).items():
            drift.new[title.format(key)] = names
    drift.errors = [f"pinned: {e}" for e in pinned.get("errors", ())] + \
                   [f"newest: {e}" for e in newest.get("errors", ())]
    return drift


# --- output --------------------------------------------------------------------

def _version_rows(drift: Drift) -> list[tuple[str, str, str, str]]:
    rows = []
    for v in drift.versions:
        if v.note:
            rows.append((v.tool, v.pinned, "-", v.note))
            continue
        newest = v.newest or "unknown"
        if v.newest and v.newest == v.pinned:
            state = "current"
        elif v.newest is None:
            state = "the registry did not answer"
        else:
            state = "NEWER RELEASE"
        if v.installed and v.newest and v.installed != v.newest:
            state += f" (installed {v.installed}: the newest did not install)"
        rows.append((v.tool, v.pinned, newest, state))
    return rows


def text(drift: Drift) -> str:
    gone, new = drift.counts
    lines = ["Drift report: the pinned tools (tools/pins.toml) against the newest releases on the registries", ""]
    rows = [("tool", "pinned", "newest", ""), *_version_rows(drift)]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines += ["  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row)).rstrip()
              for row in rows]
    lines += ["", f"Documented but gone or deprecated in the newest releases: {gone}"]
    lines += [f"  {line}" for line in drift.gone] or ["  (none)"]
    lines += ["", f"New in the newest releases and not documented: {new}"]
    for title, names in drift.new.items():
        lines.append(f"  {title}: {', '.join(names)}")
    if not drift.new:
        lines.append("  (none)")
    if drift.failing_pinned:
        lines += ["", f"Failing against the pins already ({len(drift.failing_pinned)}; the tests report these):"]
        lines += [f"  {line}" for line in drift.failing_pinned]
    if drift.errors:
        lines += ["", f"Could not be checked ({len(drift.errors)}):"] + [f"  {e}" for e in drift.errors]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def markdown(drift: Drift) -> str:
    gone, new = drift.counts
    lines = ["# Drift report", "",
             "The pinned tools (`tools/pins.toml`) against the newest releases on the package registries.", "",
             "| tool | pinned | newest | |", "|---|---|---|---|"]
    lines += [f"| {' | '.join(_md(cell) for cell in row)} |" for row in _version_rows(drift)]
    lines += ["", f"## Documented but gone or deprecated in the newest releases: {gone}", ""]
    lines += [f"- {_md(line)}" for line in drift.gone] or ["None."]
    lines += ["", f"## New in the newest releases and not documented: {new}", ""]
    lines += [f"- {_md(title)}: {_md(', '.join(names))}" for title, names in drift.new.items()] or ["None."]
    if drift.failing_pinned:
        lines += ["", f"## Failing against the pins already: {len(drift.failing_pinned)}", ""]
        lines += [f"- {_md(line)}" for line in drift.failing_pinned]
    if drift.errors:
        lines += ["", f"## Could not be checked: {len(drift.errors)}", ""] + [f"- {_md(e)}" for e in drift.errors]
    return "\n".join(lines) + "\n"
