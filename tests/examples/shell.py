"""Split a shell example into the simple commands it runs, as a reader's
shell would: line continuations joined, comments dropped, heredoc bodies kept
as the stdin of their command, `&&`, `||`, `|`, `;`, `$(...)` split apart,
redirections, leading VAR=value assignments and wrappers (sudo, env, time,
watch, xargs) removed. Placeholders like <pod-name> stay one word."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"<[A-Za-z][^<>\n]*?>")
SEPARATORS = {";", "&&", "||", "|", "&", "(", ")", "|&", ";;", "$("}
REDIRECTS = re.compile(r"^\d*(>|>>|<|&>|>&|<<<)$")
WRAPPERS = {"sudo", "env", "time", "watch", "xargs", "nohup", "exec", "command"}


@dataclass
class SimpleCommand:
    words: list[str]
    stdin: str | None = None  # a heredoc body
    line: int = 0


class ShellSyntaxError(ValueError):
    pass


def _heredocs(text: str) -> tuple[list[str], dict[int, str]]:
    """Lines without heredoc bodies, and line index -> heredoc body."""
    lines = text.splitlines()
    out, bodies, i = [], {}, 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        match = re.search(r"<<-?\s*(['\"]?)([A-Za-z_]\w*)\1", line)
        if match and "<<<" not in line:
            end = match.group(2)
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != end:
                body.append(lines[i])
                i += 1
            bodies[len(out) - 1] = "\n".join(body) + "\n"
            out.append("")  # the terminator line
        i += 1
    return out, bodies


def split_commands(text: str) -> list[SimpleCommand]:
    lines, bodies = _heredocs(text)
    # Join continuations, remembering the first line of each logical line.
    logical: list[tuple[int, str, str | None]] = []
    buffer, start, stdin = "", 0, None
    for index, line in enumerate(lines):
        if not buffer:
            start = index
        if index in bodies:
            stdin = bodies[index]
            line = re.sub(r"<<-?\s*(['\"]?)([A-Za-z_]\w*)\1", " ", line)
        if line.rstrip().endswith("\\"):
            buffer += line.rstrip()[:-1] + " "
            continue
        buffer += line
        logical.append((start, buffer, stdin))
        buffer, stdin = "", None
    if buffer:
        logical.append((start, buffer, stdin))

    commands: list[SimpleCommand] = []
    for start, line, stdin in logical:
        placeholders: dict[str, str] = {}

        def keep(match: re.Match) -> str:
            key = f"PLACEHOLDER{len(placeholders)}X"
            placeholders[key] = match.group(0)
            return key

        protected = PLACEHOLDER.sub(keep, line).replace("$(", " $( ")
        lexer = shlex.shlex(protected, posix=True, punctuation_chars=";&|()<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        try:
            tokens = list(lexer)
        except ValueError as error:
            raise ShellSyntaxError(f"line {start + 1}: {error}") from None

        def restore(word: str) -> str:
            for key, value in placeholders.items():
                word = word.replace(key, value)
            return word

        current: list[str] = []
        skip_next = False
        for token in tokens:
            if skip_next:
                skip_next = False
                continue
            if token in SEPARATORS or token == "$":
                if current:
                    commands.append(SimpleCommand(current, stdin, start + 1))
                    stdin = None
                current = []
                continue
            if REDIRECTS.match(token) or set(token) <= set("<>&") and token:
                skip_next = token not in ("<<",)
                if current and current[-1].isdigit():  # 2>&1: the 2 is the redirect's
                    current.pop()
                continue
            current.append(restore(token))
        if current:
            commands.append(SimpleCommand(current, stdin, start + 1))
    for command in commands:
        words = command.words
        while words and (re.match(r"^[A-Za-z_]\w*=", words[0]) or words[0] in WRAPPERS):
            words.pop(0)
        command.words = words
    return [c for c in commands if c.words]
