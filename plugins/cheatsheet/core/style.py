"""The style rules of the Contributing page that a program can check.

- Summaries and tasks start with a verb in the imperative ("Create", not
  "Creates", "Creating" or "Created"), and a summary or an option's
  description never says "(deprecated)": the page adds that mark itself
  from `deprecated:`.
- Copyable code (examples and syntax) has no `$ ` prompt at a line start.
- Command-line options are spelled as the tool spells them: the long form in
  `name`, the one-letter form only in `short`, the value in `value`.

The imperative test is a heuristic: English imperatives are the bare verb,
so a first word ending in -s, -ing or -ed is taken for the wrong form
("Creates", "Listing", "Deprecated"), except -ss ("Access", "Pass") and the
verbs in IMPERATIVES_WITH_THOSE_ENDINGS.
"""

from __future__ import annotations

import re
from typing import Iterator

from .model import Entry, Page
from .problems import FieldPath

# (field path, message, whether the line is the key's rather than the value's), as validate.py gives.
Issue = tuple[FieldPath, str, bool]

# Verbs whose bare form ends as a conjugated one would.
IMPERATIVES_WITH_THOSE_ENDINGS = frozenset({
    "alias", "focus", "bias",
    "embed", "feed", "seed", "need", "proceed", "succeed", "exceed", "shred", "speed", "shed",
    "bring", "ping", "ring", "sing", "spring", "swing", "sting",
})

# Options of command-line tools that have no long form, as "<entry-id> <name>"
# (none so far: every flag documented here has a long form).
SHORT_ONLY_OPTIONS: frozenset[str] = frozenset()

_FIRST_WORD = re.compile(r"[\W_]*([A-Za-z][A-Za-z'-]*)")
_PROMPT = re.compile(r"^\s*\$ ")
_SHORT_FORM = re.compile(r"^-[A-Za-z0-9?]$")


def _not_imperative(text: str) -> str | None:
    """The first word when it reads as a conjugated verb, else None."""
    match = _FIRST_WORD.match(text)
    if not match:
        return None
    word = match.group(1)
    lower = word.lower()
    if lower in IMPERATIVES_WITH_THOSE_ENDINGS or lower.endswith("ss"):
        return None
    if lower.endswith(("s", "ing", "ed")):
        return word
    return None


def _imperative_issue(path: FieldPath, text: str) -> Iterator[Issue]:
    word = _not_imperative(text)
    if word:
        yield path, (f"start with a verb in the imperative, as a command to the reader "
                     f"('Create', not 'Creates', 'Creating' or 'Created'); '{word}' is not one"), False


def _prompt_issues(path: FieldPath, code: str) -> Iterator[Issue]:
    for number, line in enumerate(code.splitlines(), start=1):
        if _PROMPT.match(line):
            yield path, f"line {number} starts with a '$ ' prompt: readers copy this code; drop the prompt", False


def _option_issues(entry: Entry, path: FieldPath) -> Iterator[Issue]:
    for o, option in enumerate(entry.options):
        here = (*path, "options", o)
        if "(deprecated)" in option.description.lower():
            yield (*here, "description"), ("drop '(deprecated)': set the option's deprecated: field, "
                                           "and the page marks it"), False
        if entry.kind != "cli":
            continue  # the spelling rules below are those of command-line flags
        if "=" in option.name:
            yield (*here, "name"), "put only the option in name and its value in value: '--volume', value '<path>'", False
        if _SHORT_FORM.match(option.name) and f"{entry.id} {option.name}" not in SHORT_ONLY_OPTIONS:
            yield (*here, "name"), (f"'{option.name}' is the short form: put the long form in name "
                                    f"and '{option.name}' in short"), False
        if option.short is not None and not _SHORT_FORM.match(option.short):
            yield (*here, "short"), (f"short holds only the one-letter form, such as '-v'; "
                                     f"'{option.short}' is not one"), False


def check_page(page: Page) -> list[Issue]:
    """Every style problem of one page, in document order."""
    issues: list[Issue] = []
    for s, section in enumerate(page.sections):
        for e, entry in enumerate(section.entries):
            path: FieldPath = ("sections", s, "entries", e)
            issues.extend(_imperative_issue((*path, "summary"), entry.summary))
            if "(deprecated)" in entry.summary.lower():
                issues.append(((*path, "summary"), "drop '(deprecated)': the page marks the entry itself "
                                                   "from its deprecated: field", False))
            for t, task in enumerate(entry.tasks):
                issues.extend(_imperative_issue((*path, "tasks", t), task))
            if entry.syntax:
                issues.extend(_prompt_issues((*path, "syntax"), entry.syntax))
            for x, example in enumerate(entry.examples):
                issues.extend(_prompt_issues((*path, "examples", x, "code"), example.code))
            issues.extend(_option_issues(entry, path))
    return issues
