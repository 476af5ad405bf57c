"""Reading a Markdown page: its front matter, kept exactly as written, and its body.

Every scalar stays the text the editor typed (``01`` stays "01", ``NO`` stays "NO"):
the fiche schema, which knows each field's type, converts what must be a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import ContractError

MAX_DEPTH = 16
_ALIASES = "les alias YAML (« *nom ») ne sont pas acceptés : écrivez la valeur en entier"
_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
# PyYAML's messages, said for an editor: (fragment of the message, French explanation).
_YAML_MESSAGES = (
    ("expected ',' or ']'", "crochet « [ » jamais refermé par « ] »"),
    ("while parsing a flow node", "liste ou valeur inachevée (un « [ » ou « { » non refermé ?)"),
    ("did not find expected key", "indentation incohérente"),
    ("expected ',' or '}'", "accolade « { » jamais refermée par « } »"),
    ("mapping values are not allowed", "« : » inattendu : mettez la valeur entre guillemets"),
    ("could not find expected ':'", "« : » manquant après un nom de champ"),
    ("expected <block end>", "indentation incohérente"),
    ("found unexpected end of stream", "guillemet jamais refermé"),
    ("while scanning a quoted scalar", "guillemet jamais refermé"),
    (
        "cannot start any token",
        "caractère non permis en début de valeur : mettez-la entre guillemets",
    ),
    ("found duplicate anchor", "ancre YAML (« &nom ») en double"),
)
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class _ExactLoader(yaml.SafeLoader):
    """A safe loader that resolves plain scalars only to text or null, and refuses aliases.

    Aliases are how a few lines of YAML expand into gigabytes ("billion laughs");
    no fiche needs them.
    """

    yaml_implicit_resolvers = {}  # noqa: RUF012

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event: AliasEvent = self.peek_event()  # type: ignore[no-untyped-call]
            line = event.start_mark.line + 1 if event.start_mark else None
            raise ContractError("", _ALIASES, line)
        return super().compose_node(parent, index)


class _FastLoader(getattr(yaml, "CSafeLoader", _ExactLoader)):  # type: ignore[misc]
    """libyaml's parser with the same resolution: five to ten times faster.

    Aliases come out of it as one node reached twice, which :func:`_convert` refuses.
    libyaml recurses in C on nesting, so it only reads text that :func:`_shallow` bounds.
    """

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


for _loader in (_ExactLoader, _FastLoader):
    _loader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])


def _shallow(text: str) -> bool:
    """Few brackets, shallow indentation, short « - - » chains: no deep nesting possible."""
    if text.count("[") + text.count("{") > 200:
        return False
    for line in text.split("\n"):
        if len(line) - len(line.lstrip(" ")) > 64 or line.count("- ") > 16:
            return False
    return True


@dataclass
class FrontMatter:
    """The parsed front matter: plain data plus the line of each dotted field."""

    data: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Source:
    """A page split into front matter text and body, with line offsets for messages."""

    yaml_text: str | None
    body: str
    yaml_first_line: int = 2

    @classmethod
    def split(cls, text: str) -> Source:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        if not lines or not _FENCE.match(lines[0]):
            return cls(None, text)
        for number, line in enumerate(lines[1:], start=1):
            if _END.match(line):
                return cls("\n".join(lines[1:number]), "\n".join(lines[number + 1 :]))
        raise ContractError(
            "", "l'en-tête YAML ouvert par « --- » en ligne 1 n'est jamais fermé", 1
        )


def parse_yaml(text: str, first_line: int = 2) -> FrontMatter:
    """Parse front matter text; raise :class:`ContractError` with a line on bad YAML."""
    if "\t" in text:
        row = text[: text.index("\t")].count("\n")
        raise ContractError(
            "", "tabulation dans l'en-tête YAML : indentez avec des espaces", first_line + row
        )
    try:
        node = yaml.compose(text, Loader=_FastLoader if _shallow(text) else _ExactLoader)
    except ContractError as error:
        error.line = (error.line or 1) + first_line - 1
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else first_line
        raise ContractError("", f"YAML invalide : {_explain(error)}", line) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise ContractError("", f"YAML invalide ({error})", first_line) from None
    except UnicodeError:
        raise ContractError("", "caractère invalide dans l'en-tête YAML", first_line) from None
    front = FrontMatter()
    if node is None:
        return front
    if not isinstance(node, MappingNode):
        raise ContractError(
            "", "l'en-tête YAML doit être une suite de champs « nom: valeur »", first_line
        )
    value = _convert(node, "", front.lines, first_line, 0, set())
    assert isinstance(value, dict)
    front.data = value
    return front


def _convert(
    node: Node, path: str, lines: dict[str, int], first: int, depth: int, seen: set[int]
) -> object:
    if id(node) in seen:
        raise ContractError(path, _ALIASES, first + node.start_mark.line)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise ContractError(path, f"structure YAML trop profonde (plus de {MAX_DEPTH} niveaux)")
    if node.tag not in _ALLOWED_TAGS:
        raise ContractError(path, f"étiquette YAML non acceptée : {node.tag}")
    if isinstance(node, ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return str(node.value)
    if isinstance(node, SequenceNode):
        return [
            _convert(item, f"{path}[{i}]", lines, first, depth + 1, seen)
            for i, item in enumerate(node.value)
        ]
    assert isinstance(node, MappingNode)
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
            raise ContractError(path, "un nom de champ doit être un simple mot")
        key = str(key_node.value)
        dotted = f"{path}.{key}" if path else key
        line = first + key_node.start_mark.line
        if key in result:
            raise ContractError(
                dotted, f"champ écrit deux fois (lignes {lines[dotted]} et {line})", line
            )
        lines[dotted] = line
        result[key] = _convert(value_node, dotted, lines, first, depth + 1, seen)
    return result


def _explain(error: yaml.MarkedYAMLError) -> str:
    detail = f"{error.context or ''} {error.problem or ''}".strip()
    for fragment, explanation in _YAML_MESSAGES:
        if fragment in detail:
            return f"{explanation} ({detail})"
    return detail or str(error)
