"""Check parsed pages against the JSON Schema, with messages a writer can act on."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterator

import fastjsonschema

from .problems import FieldPath

SCHEMA_FILE = "page.schema.json"

# (field path, message, whether the line is the key's rather than the value's)
Issue = tuple[FieldPath, str, bool]


def schema_text() -> str:
    return resources.files(__package__).joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8")


if TYPE_CHECKING:
    import jsonschema


@cache
def _validator() -> jsonschema.Draft202012Validator:
    # Imported on first use: a site whose pages pass the fast check never
    # needs it, and the import is a good part of the plugin's start-up time.
    import jsonschema

    schema = json.loads(schema_text())
    return jsonschema.Draft202012Validator(schema)


@cache
def _fast_check():
    """fastjsonschema's compiled yes/no check of the same schema.

    jsonschema walks the schema generically for every value, the largest cost
    of a cold build; the compiled check answers "valid" about fifteen times
    faster, and jsonschema is asked for messages only when the answer is no.
    """
    schema = json.loads(schema_text())
    # fastjsonschema knows drafts 4 to 7; the schema uses nothing newer.
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema)


def _surely_valid(document: Any) -> bool:
    try:
        _fast_check()(document)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


_TYPE_NAMES = {"string": "a string", "array": "a list", "object": "a mapping", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "empty"}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} ({value}; quote it to make it a string)"


def _message(error: jsonschema.ValidationError) -> Iterator[Issue]:
    path: FieldPath = tuple(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                yield (*path, name), "required", False
        return
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for name in error.instance:
            if name not in known:
                hint = difflib.get_close_matches(str(name), known, n=1)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; expected one of: {', '.join(known)}"
                yield (*path, name), f"unknown field{suggestion}", True
        return
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
        yield path, f"expected {names}, found {_describe(error.instance)}", False
        return
    if kind == "enum":
        yield path, f"must be one of: {', '.join(map(str, error.validator_value))}", False
        return
    if kind in ("pattern", "minLength", "maxLength", "const", "oneOf") and "x-message" in schema:
        yield path, schema["x-message"], False
        return
    if kind == "pattern":
        yield path, f"does not match the pattern {error.validator_value}", False
        return
    if kind == "minLength":
        yield path, "must not be empty", False
        return
    if kind == "maxLength":
        yield path, f"is longer than {error.validator_value} characters", False
        return
    if kind == "minItems":
        yield path, f"needs at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}", False
        return
    if kind == "uniqueItems":
        yield path, "has duplicate items", False
        return
    if kind == "oneOf":
        yield path, "is not one of the accepted forms", False
        return
    yield path, error.message, False


def validate(document: Any) -> list[Issue]:
    """All schema problems of one page, in document order."""
    if _surely_valid(document):
        return []  # what jsonschema would say, found much faster
    validator = _validator()
    issues: list[Issue] = []
    for error in validator.iter_errors(document):
        issues.extend(_message(error))
    # One "required" error per missing key, each listing all of them: keep one of each.
    return list(dict.fromkeys(issues))
