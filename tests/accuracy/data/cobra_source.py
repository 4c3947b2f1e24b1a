"""The cobra command tree of a Go program, read from its source without a Go
toolchain: a small evaluator for the statements that build cobra commands.

It follows what those constructors do in practice: `&cobra.Command{Use: ...,
Aliases: ...}` literals, `parent.AddCommand(child, f(ctx))`, flag
registrations on `cmd.Flags()` / `cmd.PersistentFlags()` (directly, through a
`flags := cmd.Flags()` variable, or through helper functions and methods that
receive the command or the flag set), `MarkHidden` / `MarkDeprecated`,
`for _, x := range list` loops over slice literals, and `pflag.CommandLine`
(cobra merges it into the root's persistent flags). Function literals are not
entered (their code runs later, not while the tree is built), nor are `if
viper.GetBool(...)` blocks (settings that are off by default). It is not a Go
parser: it reads gofmt-formatted code, one statement per line.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

MODULE = "istio.io/istio/"


# --- data --------------------------------------------------------------------

@dataclass
class Flag:
    long: str
    short: str
    persistent: bool
    hidden: bool = False
    deprecated: bool = False


@dataclass(eq=False)
class Command:
    use: str
    aliases: list[str] = field(default_factory=list)
    hidden: bool = False
    deprecated: bool = False
    flags: dict[str, Flag] = field(default_factory=dict)
    children: list[Command] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.use.split()[0] if self.use.split() else ""


@dataclass(eq=False)
class FlagSet:
    command: Command | None   # None: pflag.CommandLine
    persistent: bool


@dataclass
class Bound:
    """A flag set's method taken as a value (cmd.PersistentFlags().StringVar)."""
    flags: FlagSet
    method: str


@dataclass
class Struct:
    package: str              # directory of the type's package
    type: str
    fields: dict[str, object] = field(default_factory=dict)


@dataclass
class Package:
    directory: str


@dataclass
class Function:
    package: str
    name: str
    receiver: str             # type name for methods, "" for functions
    params: list[str]
    body: str
    receiver_name: str = ""
    file: str = ""


# --- scanning gofmt'd Go text -------------------------------------------------

_OPEN = {"(": ")", "[": "]", "{": "}"}


def _skip_literal(text: str, i: int) -> int:
    """Index after the string, rune or comment starting at i (else i)."""
    c = text[i]
    if c == "`":
        return text.index("`", i + 1) + 1
    if c in "\"'":
        j = i + 1
        while text[j] != c:
            j += 2 if text[j] == "\\" else 1
        return j + 1
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if text.startswith("/*", i):
        return text.index("*/", i) + 2
    return i


def matching(text: str, i: int) -> int:
    """text[i] opens a bracket: the index after the one that closes it."""
    depth, j = 0, i
    while j < len(text):
        skipped = _skip_literal(text, j)
        if skipped != j:
            j = skipped
            continue
        if text[j] in _OPEN:
            depth += 1
        elif text[j] in ")]}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise ValueError(f"unbalanced bracket at {text[i:i + 60]!r}")


def statement_end(text: str, i: int) -> int:
    """The end of the statement starting at i: the first newline outside brackets."""
    j = i
    while j < len(text):
        skipped = _skip_literal(text, j)
        if skipped != j and text[j] != "/":
            j = skipped
            continue
        if text.startswith("//", j):
            j = _skip_literal(text, j)
            continue
        if text[j] in _OPEN:
            j = matching(text, j)
            continue
        if text[j] == "\n":
            return j
        j += 1
    return j


def split_top(text: str, sep: str = ",") -> list[str]:
    """Split at separators outside brackets and literals."""
    parts, depth, start, j = [], 0, 0, 0
    while j < len(text):
        skipped = _skip_literal(text, j)
        if skipped != j:
            j = skipped
            continue
        if text[j] in _OPEN:
            depth += 1
        elif text[j] in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(sep, j):
            parts.append(text[start:j])
            start = j + len(sep)
        j += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _strip_comments(text: str) -> str:
    out, j, start = [], 0, 0
    while j < len(text):
        if text[j] in "\"'`":
            j = _skip_literal(text, j)
        elif text.startswith("//", j) or text.startswith("/*", j):
            out.append(text[start:j])
            j = _skip_literal(text, j)
            start = j
        else:
            j += 1
    out.append(text[start:])
    return "".join(out)


def go_string(literal: str) -> str:
    if literal.startswith("`"):
        return literal[1:-1]
    return bytes(literal[1:-1], "utf-8").decode("unicode_escape")


# --- the source tree ----------------------------------------------------------

_FUNC = re.compile(r"^func (?:\((\w+) \*?(\w+)(?:\[[^\]]*\])?\) )?(\w+)(?:\[[^\]]*\])?\(", re.M)
_IMPORT = re.compile(r'^\s*(?:(\w+|\.)\s+)?"([^"]+)"', re.M)
_STRING_DECL = re.compile(r'^\s*(?:const |var )?(\w+)(?: string)? += ("(?:[^"\\\n]|\\.)*"|`[^`]*`)\s*$', re.M)
_BUILD = re.compile(r"^//go:build (.+)$", re.M)


def _built(text: str) -> bool:
    """Whether a file is in a default build for linux/amd64 (no custom tags)."""
    match = _BUILD.search(text)
    if not match:
        return True
    known = {"linux", "amd64", "unix", "gc", "cgo"}
    expr = re.sub(r"[\w.]+", lambda m: str(m.group(0) in known or m.group(0).startswith("go1")), match.group(1))
    return bool(eval(expr.replace("&&", " and ").replace("||", " or ").replace("!", " not ")))  # noqa: S307 (True/False/and/or/not only)


class Source:
    """The Go files of some folders of one commit, parsed lazily per package."""

    def __init__(self, repo: str, commit: str, folders: list[str]):
        archive = subprocess.run(["git", "--git-dir", repo, "archive", commit, *folders],
                                 capture_output=True, check=True).stdout
        self.files: dict[str, str] = {}
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".go") and not member.name.endswith("_test.go"):
                    text = tar.extractfile(member).read().decode("utf-8")
                    if _built(text):
                        self.files[member.name] = _strip_comments(text)
        self._packages: dict[str, dict] = {}

    def package(self, directory: str) -> dict:
        """functions, methods, strings, imports (per file) of one package folder."""
        if directory in self._packages:
            return self._packages[directory]
        functions: dict[str, Function] = {}
        methods: dict[tuple[str, str], Function] = {}
        strings: dict[str, str] = {}
        variables: dict[str, tuple[str, str]] = {}  # package-level var -> (initializer, file)
        imports: dict[str, dict[str, str]] = {}
        for path, text in self.files.items():
            if str(PurePosixPath(path).parent) != directory:
                continue
            imports[path] = self._imports(text)
            outside = text
            for match in _FUNC.finditer(text):
                params_end = matching(text, match.end() - 1)
                body_start = text.index("{\n", params_end)
                body_end = matching(text, body_start)
                params = _param_names(text[match.end():params_end - 1])
                function = Function(directory, match.group(3), match.group(2) or "", params,
                                    text[body_start + 1:body_end - 1], match.group(1) or "", path)
                if match.group(2):
                    methods[(match.group(2), match.group(3))] = function
                else:
                    functions[match.group(3)] = function
                outside = outside.replace(text[match.start():body_end], "")
            for name, literal in _STRING_DECL.findall(outside):
                strings[name] = go_string(literal)
            for match in re.finditer(r"^\s*(?:var )?(\w+)(?: [\w.*\[\]]+)? = (?=\S)", outside, re.M):
                if match.group(1) not in strings:
                    variables[match.group(1)] = (outside[match.end():statement_end(outside, match.end())], path)
        self._packages[directory] = {"functions": functions, "methods": methods, "strings": strings,
                                     "variables": variables, "imports": imports, "values": {}}
        return self._packages[directory]

    def _imports(self, text: str) -> dict[str, str]:
        """Import name -> package folder, for this module's packages."""
        found = {}
        block = re.search(r"^import \((.*?)^\)", text, re.M | re.S)
        lines = block.group(1) if block else "\n".join(re.findall(r"^import (.+)$", text, re.M))
        for alias, path in _IMPORT.findall(lines):
            name = alias or path.rsplit("/", 1)[-1]
            found[name] = path[len(MODULE):] if path.startswith(MODULE) else "ext:" + path
        return found


def _param_names(text: str) -> list[str]:
    names = []
    for part in split_top(text):
        words = part.split()
        names.append(words[0] if words else "_")
    return names


# --- the evaluator ------------------------------------------------------------

_REGISTER = re.compile(r"(?:Bool|String|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|"
                       r"Duration|StringSlice|StringArray|StringToString|StringToInt|StringToInt64|IntSlice|"
                       r"Int32Slice|Int64Slice|UintSlice|BoolSlice|DurationSlice|Float64Slice|IP|IPSlice|IPMask|"
                       r"IPNet|Count|BytesHex|BytesBase64)?(Var)?(P)?")
_SKIPPED_IF = re.compile(r"if viper\.GetBool\(")
_RANGE = re.compile(r"for (?:_|\w+), (\w+) := range (.+) \{$")
_ASSIGN = re.compile(r"((?:\w+)(?:\s*,\s*\w+)*)\s*:?=\s*(?=\S)")
_VAR = re.compile(r"var (\w+)(?:,\s*\w+)*\s+(\*?[\w.\[\]*]+)\s*$")
_VAR_INIT = re.compile(r"var (\w+)(?:\s+[\w.\[\]*]+)?\s*=\s*")


_BUILTIN_TYPES = {"bool", "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32",
                  "uint64", "float32", "float64", "byte", "rune", "error", "any"}


class Evaluator:
    def __init__(self, source: Source):
        self.source = source
        self.depth = 0
        self.command_line: list[Flag] = []  # flags added to pflag.CommandLine

    # statements

    def run(self, function: Function, args: list[object], receiver: object = None) -> object:
        if self.depth > 25:
            return None
        self.depth += 1
        env: dict[str, object] = dict(zip(function.params, args))
        if function.receiver_name:
            env[function.receiver_name] = receiver
        try:
            return self.block(function.body, env, function)
        finally:
            self.depth -= 1

    def block(self, body: str, env: dict, function: Function) -> object:
        """Run the statements of a block; its return value. A return inside an
        if or for body counts only when the block itself returns nothing."""
        i, fallback = 0, None
        while i < len(body):
            while i < len(body) and body[i] in " \t\n;":
                i += 1
            if i >= len(body):
                break
            end = statement_end(body, i)
            line = body[i:end].strip()
            i = end
            if line.startswith("return"):
                expr = line[len("return"):].strip()
                return self.eval(split_top(expr)[0], env, function) if expr else None
            if line.startswith(("if ", "for ", "switch ", "select ", "else")):
                result = self.compound(line, env, function)
                fallback = fallback if result is None else result
                continue
            if line.startswith(("defer ", "go ", "case ", "default:", "}")):
                continue
            if line.startswith("var ("):
                for decl in line[line.index("(") + 1:line.rindex(")")].splitlines():
                    self.statement("var " + decl.strip(), env, function)
                continue
            self.statement(line, env, function)
        return fallback

    def compound(self, text: str, env: dict, function: Function) -> object:
        """if/else chains, range loops over slice values, switch and plain for."""
        text = text.removeprefix("else").strip()
        opening = text.find(" {\n") + 1 if text.startswith(("if ", "for ", "switch ", "select ")) else text.find("{")
        if opening <= 0 and not text.startswith("{"):
            return None
        close = matching(text, opening)
        header, inner, rest = text[:opening].strip(), text[opening + 1:close - 1], text[close:].strip()
        if _SKIPPED_IF.match(header):
            return self.compound(rest, env, function) if rest.startswith("else") else None
        if (loop := _RANGE.match(header + " {")) is not None:
            values = self.eval(loop.group(2), env, function)
            result = None
            for value in values if isinstance(values, list) else []:
                result = self.block(inner, {**env, loop.group(1): value}, function) or result
            return result
        result = self.block(inner, env, function)
        if rest.startswith("else"):
            other = self.compound(rest, env, function)
            result = result if result is not None else other
        return result

    def statement(self, line: str, env: dict, function: Function) -> None:
        if not line or line.startswith(("var (", ")")):
            return
        if (var := _VAR.match(line)) is not None:
            env[var.group(1)] = self._zero(var.group(2), function)
            return
        if (var := _VAR_INIT.match(line)) is not None:
            env[var.group(1)] = self.eval(line[var.end():], env, function)
            return
        line = re.sub(r"^_\s*=\s*", "", line)
        assign = _ASSIGN.match(line)
        if assign and not line.startswith(assign.group(1) + "(") and "." not in assign.group(1):
            names = [n.strip() for n in assign.group(1).split(",")]
            value = self.eval(line[assign.end():], env, function)
            env[names[0]] = value
            return
        if re.match(r"[\w.\[\]]+\s*[-+*/]?=", line):
            return  # a field or element assignment: nothing is built
        self.eval(line, env, function)

    def _zero(self, type_name: str, function: Function) -> object:
        type_name = type_name.lstrip("*")
        if type_name.startswith(("[]", "map[", "func", "chan ")) or type_name in _BUILTIN_TYPES:
            return None
        if "." in type_name:
            alias, name = type_name.split(".", 1)
            directory = self._imports(function).get(alias)
            return Struct(directory, name) if directory and not directory.startswith("ext:") else None
        return Struct(function.package, type_name)

    def _imports(self, function: Function) -> dict[str, str]:
        return self.source.package(function.package)["imports"].get(function.file, {})

    # expressions

    def eval(self, expr: str, env: dict, function: Function) -> object:
        expr = expr.strip()
        if not expr:
            return None
        if expr.startswith("&"):
            return self.eval(expr[1:], env, function)
        if expr[0] in "\"`":
            parts = split_top(expr, "+")
            values = [self.eval(p, env, function) if p[0] not in "\"`" else go_string(p) for p in parts]
            return "".join(v for v in values if isinstance(v, str))
        if expr.startswith("func("):
            return None  # a function literal: runs later
        if (composite := re.match(r"(\[\][*\w.]+|[\w.]+)\{", expr)) is not None and \
                matching(expr, composite.end() - 1) == len(expr):
            return self.composite(composite.group(1), expr[composite.end():-1], env, function)
        if re.match(r"\w+(\s*\+\s*\"|\s*\+\s*\w)", expr):
            values = [self.eval(p, env, function) for p in split_top(expr, "+")]
            return "".join(v for v in values if isinstance(v, str)) if all(isinstance(v, str) for v in values) else None
        return self.chain(expr, env, function)

    def composite(self, type_name: str, inner: str, env: dict, function: Function) -> object:
        elements = split_top(inner)
        if type_name.startswith("[]"):
            return [self.eval(e, env, function) for e in elements]
        fields = {}
        for element in elements:
            key, sep, value = element.partition(":")
            if sep and re.fullmatch(r"\w+", key.strip()):
                fields[key.strip()] = self.eval(value, env, function) if not value.strip().startswith("func") else None
        if type_name == "cobra.Command":
            use = fields.get("Use")
            aliases = fields.get("Aliases") or []
            return Command(use if isinstance(use, str) else "", [a for a in aliases if isinstance(a, str)],
                           hidden=fields.get("Hidden") is True, deprecated=bool(fields.get("Deprecated")))
        if type_name in ("true", "false"):
            return None
        base = self._zero(type_name, function)
        if isinstance(base, Struct):
            base.fields = fields
        return base

    def chain(self, expr: str, env: dict, function: Function) -> object:
        """a.b(c).d(e): evaluated left to right."""
        match = re.match(r"[A-Za-z_]\w*", expr)
        if not match:
            return None
        name, i = match.group(0), match.end()
        if name == "true":
            return True
        if name in ("false", "nil"):
            return None
        if name == "new" and expr[i:i + 1] == "(":
            return self._zero(expr[i + 1:matching(expr, i) - 1], function)
        package = self.source.package(function.package)
        imports = self._imports(function)
        if name in env:
            value = env[name]
        elif name in imports:
            value = Package(imports[name])
        elif i < len(expr) and expr[i] == "(" and name in package["functions"]:
            close = matching(expr, i)
            value = self.call(package["functions"][name], expr[i + 1:close - 1], env, function)
            i = close
        elif name in package["strings"]:
            value = package["strings"][name]
        elif name in package["variables"]:
            value = self.package_var(function.package, name)
        else:
            return None
        if isinstance(value, Bound) and expr[i:i + 1] == "(":
            close = matching(expr, i)
            value, i = self.flag_call(value.flags, value.method, expr[i + 1:close - 1], env, function), close
        while i < len(expr):
            if expr[i] == "[":
                i = matching(expr, i)
                value = None
                continue
            member = re.match(r"\.(\w+)", expr[i:])
            if not member:
                break
            i += member.end()
            args_text = None
            if i < len(expr) and expr[i] == "(":
                close = matching(expr, i)
                args_text = expr[i + 1:close - 1]
                i = close
            value = self.member(value, member.group(1), args_text, env, function)
        return value

    def package_var(self, directory: str, name: str) -> object:
        """A package-level variable, initialized once (it is shared, as in Go)."""
        package = self.source.package(directory)
        if name not in package["values"]:
            package["values"][name] = None  # a cycle reads nil
            text, path = package["variables"][name]
            scope = Function(directory, "", "", [], "", file=path)
            package["values"][name] = self.eval(text, {}, scope)
        return package["values"][name]

    def call(self, callee: Function, args_text: str, env: dict, function: Function, receiver: object = None) -> object:
        args = [self.eval(a, env, function) for a in split_top(args_text)]
        return self.run(callee, args, receiver)

    def member(self, value: object, name: str, args_text: str | None, env: dict, function: Function) -> object:
        if isinstance(value, Package):
            if value.directory.startswith("ext:"):
                if value.directory == "ext:github.com/spf13/pflag" and name == "CommandLine":
                    return FlagSet(None, True)
                return None
            package = self.source.package(value.directory)
            if args_text is not None and name in package["functions"]:
                return self.call(package["functions"][name], args_text, env, function)
            if args_text is None:
                if name in package["strings"]:
                    return package["strings"][name]
                if name in package["variables"]:
                    return self.package_var(value.directory, name)
            return None
        if isinstance(value, Command):
            if name == "Flags":
                return FlagSet(value, False)
            if name == "PersistentFlags":
                return FlagSet(value, True)
            if name == "AddCommand" and args_text is not None:
                for arg in split_top(args_text):
                    child = self.eval(arg.removesuffix("..."), env, function)
                    for c in child if isinstance(child, list) else [child]:
                        if isinstance(c, Command):
                            value.children.append(c)
            return None
        if isinstance(value, FlagSet):
            return self.flag_call(value, name, args_text, env, function)
        if isinstance(value, Struct):
            if args_text is None:
                return value.fields.get(name)
            methods = self.source.package(value.package)["methods"] if value.package else {}
            if (value.type, name) in methods:
                return self.call(methods[(value.type, name)], args_text, env, function, value)
            return None
        return None

    def flag_call(self, flags: FlagSet, method: str, args_text: str | None, env: dict, function: Function) -> object:
        if args_text is None:
            return Bound(flags, method)  # a method value, passed on and called later
        args = split_top(args_text)
        target = flags.command
        if method in ("MarkHidden", "MarkDeprecated"):
            name = self.eval(args[0], env, function)
            if target is not None and isinstance(name, str) and name in target.flags:
                setattr(target.flags[name], "hidden" if method == "MarkHidden" else "deprecated", True)
            return None
        if method == "AddFlag":
            name = re.search(r'Name:\s*("[^"]*")', args_text)
            if name:
                self._register(flags, go_string(name.group(1)), "", "")
            return None
        kind = _REGISTER.fullmatch(method)
        if not kind:
            return None  # Changed, Lookup, VisitAll...: reads, not registrations
        offset = 1 if kind.group(1) else 0  # the *Var forms take the destination first
        if len(args) <= offset:
            return None
        name = self.eval(args[offset], env, function)
        short = self.eval(args[offset + 1], env, function) if kind.group(2) else ""
        usage = self.eval(args[-1], env, function)
        if isinstance(name, str):
            self._register(flags, name, short if isinstance(short, str) else "", usage if isinstance(usage, str) else "")
        return None

    def _register(self, flags: FlagSet, name: str, short: str, usage: str) -> None:
        # Some flags are kept only to say they are gone: "Deprecated, use --manifests",
        # "[Removed: The recursive flag has been removed ...]".
        deprecated = usage.lower().lstrip("[").startswith(("deprecated", "removed"))
        flag = Flag(name, short, flags.persistent, deprecated=deprecated)
        if flags.command is None:
            self.command_line.append(flag)
        else:
            flags.command.flags[name] = flag


def command_tree(source: Source, main_package: str) -> Command:
    """The root command that main() of the package builds and executes."""
    evaluator = Evaluator(source)
    main = source.package(main_package)["functions"]["main"]
    env: dict[str, object] = {}
    # main() builds the root, then may add flags to pflag.CommandLine.
    evaluator.block(main.body, env, main)
    root = next((v for v in env.values() if isinstance(v, Command)), None)
    if root is None:
        raise ValueError(f"{main_package}: main() builds no cobra command")
    for flag in evaluator.command_line:
        root.flags.setdefault(flag.long, flag)
    return root
