"""A small, documented subset of Ninox script (NX) for ``/query`` and ``/exec``.

Anything outside this subset is refused with ``400 {"message": "unsupported NX ..."}``; the
emulator never guesses. ``/query`` is read-only: a script containing ``create``, ``delete`` or a
field assignment is refused with 400 before anything runs (reference §4.6 leaves the real
behaviour unknown; refusing is the safe reading of "read-only").

Lexical rules (after docs.ninox.com "Ninox operators"):

- Text literals use double quotes: ``"Hello"``. A double quote inside is written twice
  (``"say ""hi"" now"``) — the emulator's choice, since the Ninox docs show no escape; the docs'
  alternative form ``---text---`` is supported too and may contain ``"`` freely.
- Names (tables, fields) with spaces or special characters go in single quotes:
  ``'First Name'``; a single quote inside is written twice. Plain names are identifiers
  (letters, digits, ``_``). A table or field may be named by caption or by id (``A``, ``B``…);
  the id wins when both match.
- Numbers: ``12``, ``3.5``. Keywords: ``true false null and or not select where let var create
  delete record if then else end this``. Comments: ``//`` to end of line and ``/* … */``.

Grammar (EBNF)::

    script     = statement { ";" statement } [ ";" ] ;
    statement  = ("let" | "var") name ":=" expr
               | "delete" expr
               | expr [ ":=" expr ]                 (* target: variable or record.field *)
    expr       = or { "order" [ "by" ] or } ;      (* sorts a list of records *)
    or         = and { "or" and } ;
    and        = not { "and" not } ;
    not        = "not" not | compare ;
    compare    = sum [ ("=" | "!=" | "<>" | "<" | "<=" | ">" | ">=") sum ] ;
    sum        = product { ("+" | "-") product } ;
    product    = unary { ("*" | "/") unary } ;
    unary      = "-" unary | postfix ;
    postfix    = primary { "." name | "[" expr "]" } ;
    primary    = number | text | "true" | "false" | "null" | "this"
               | "(" script ")"
               | "[" [ expr { "," expr } ] "]"       (* array literal, as nx.quote writes *)
               | "select" name [ "where" or ]       (* a following "order by" sorts it *)
               | "create" name
               | "record" "(" name "," expr ")"
               | "if" expr "then" script [ "else" script ] "end"
               | function "(" [ expr { "," expr } ] ")"
               | name ;
    function   = "first" | "last" | "count" | "cnt" | "sum" | "min" | "max" | "avg"
               | "text" | "number" | "length" | "concat" | "unique"
               | "urlEncode" | "urlDecode" | "date" | "datetime" | "time" | "timeinterval"
               | "contains" ;

Semantics:

- ``select T`` is the list of T's records in id order; inside ``where`` (and ``[...]``) bare
  names are the candidate record's fields (variables are used when no field matches).
- ``L order by K`` (``by`` optional; docs.ninox.com "Records and tables", docs.ninext.fr
  "Order By") sorts a list of records ascending by the key ``K``, evaluated per record like a
  ``where`` condition (bare names are its fields). Stable (equal keys keep ascending ids);
  numbers (and booleans, false first) rank before text, text compares by code point (no
  collation, as docs.ninext.fr describes), empty keys come last, as for the listing's
  ``order`` parameter; a list as key is refused. ``select T where c order by K`` and
  ``(select T where c) order by K`` are the same. ``order`` and ``by`` are no keywords.
- ``contains(x, match)``: for text (and any other single value, taken as its text),
  whether ``match``'s text occurs in it, case-sensitively (an empty field is ``""``, so it
  contains only ``""``); for a list, whether an item equals ``match``.
- ``x.F`` on a record gives the field value (choices by caption); on a list it projects every
  element (``(select T).F``), nulls included.
- Records come back as references ``"A6"`` (table id + record id, reference §4.6/§7.2).
- ``+`` adds numbers and concatenates when either side is text (null counts as ``""``/0);
  ``-``, ``*``, ``/`` need numbers (division by zero → 400). ``=``/``!=`` compare any values;
  ``<``… compare two numbers or two texts (ISO dates compare as text).
- ``urlDecode``/``urlEncode`` percent-decode/-encode text (UTF-8); ``ninoxkit.nx.quote`` writes
  any text that could bend a literal as ``urlDecode("…")``.
- ``date(y, m, d)``, ``datetime(y, m, d, h, min, s[, ms])`` and ``time(h, min, s[, ms])`` build
  the ISO text Ninox's API uses for those values (``2024-01-02``, ``2024-01-02T03:04:05``,
  ``03:04:05``; with milliseconds ``03:04:05.500``, as stored values have them), so they compare
  with stored values; ``timeinterval(ms)`` is the number of ms, and so is the value of a
  time-interval field in NX (the record routes send it as ``h:mm:ss.SSS`` text).
- ``[a, b, …]`` is a list, like the result of ``select`` (``count([1, 2])`` is 2).
- ``first``/``last`` give null for an empty list; ``count`` counts; ``sum`` ignores nulls;
  ``min``/``max``/``avg`` give null for an empty list.
- Writes (``/exec`` only): ``create T`` returns the new record; ``r.F := v`` (also on a list of
  records, assigning each); ``delete r`` or ``delete (select T where …)``. Each write is one
  change in the database sequence. A failing script keeps the writes made before the failure.
- The script's value is the value of its last statement (``let``/``var`` give null).
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from ._errors import ApiError
from ._store import Database, Field, Record, Store, Table, coerce_value, render_value
from ._when import format_instant

__all__ = ["NXError", "RecordRef", "evaluate"]

_KEYWORDS = frozenset(
    [
        "true",
        "false",
        "null",
        "and",
        "or",
        "not",
        "select",
        "where",
        "let",
        "var",
        "create",
        "delete",
        "record",
        "if",
        "then",
        "else",
        "end",
        "this",
    ]
)
_FUNCTIONS = frozenset(
    [
        "first",
        "last",
        "count",
        "cnt",
        "sum",
        "min",
        "max",
        "avg",
        "text",
        "number",
        "length",
        "concat",
        "unique",
        "urlEncode",
        "urlDecode",
        "date",
        "datetime",
        "time",
        "timeinterval",
        "contains",
    ]
)
_MAX_SOURCE = 100_000
_MAX_DEPTH = 40  # bounded well below Python's recursion limit
_MAX_STEPS = 5_000_000
_MAX_FORMULA_DEPTH = 8
#: Bounds on values built while a script runs, so a short script cannot take the memory:
#: a text of at most this many characters, a list of at most this many items (nested counted).
MAX_TEXT = 1_000_000
MAX_ITEMS = 1_000_000


class NXError(ApiError):
    """A script that cannot be run: syntax outside the subset, unknown names, type errors."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


@dataclass(frozen=True)
class RecordRef:
    """A record reference; JSON form ``"<tableId><recordId>"`` (reference §7.2)."""

    table: str
    id: int

    def __str__(self) -> str:
        return f"{self.table}{self.id}"


# --------------------------------------------------------------------------- tokenizer


@dataclass(frozen=True)
class Token:
    """One lexical token: kind is num, text, name, qname (single-quoted), op, kw, eof."""

    kind: str
    value: Any
    pos: int


_OPS = (
    ":=",
    "<=",
    ">=",
    "!=",
    "<>",
    "=",
    "<",
    ">",
    "+",
    "-",
    "*",
    "/",
    "(",
    ")",
    ".",
    ",",
    ";",
    "[",
    "]",
)


def tokenize(src: str) -> list[Token]:
    """Split NX source into tokens; raises :class:`NXError` with the offending position."""
    out: list[Token] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch.isspace():
            i += 1
        elif src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j + 1
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            if j < 0:
                raise NXError(f"unterminated comment at position {i}")
            i = j + 2
        elif src.startswith("---", i):
            # docs.ninox.com "Ninox operators": ---text--- is an alternative to "text".
            j = src.find("---", i + 3)
            if j < 0:
                raise NXError(f"unterminated ---text--- at position {i}")
            out.append(Token("text", src[i + 3 : j], i))
            i = j + 3
        elif ch in "\"'":
            start, i, buf = i, i + 1, []
            while True:
                if i >= n:
                    what = "text" if ch == '"' else "name"
                    raise NXError(f"unterminated {what} starting at position {start}")
                if src[i] == ch:
                    if i + 1 < n and src[i + 1] == ch:  # doubled quote = one quote
                        buf.append(ch)
                        i += 2
                        continue
                    i += 1
                    break
                buf.append(src[i])
                i += 1
            out.append(Token("text" if ch == '"' else "qname", "".join(buf), start))
        elif "0" <= ch <= "9":
            # ASCII digits only: str.isdigit() is true for "²" or "١", which int() refuses.
            j = i
            while j < n and "0" <= src[j] <= "9":
                j += 1
            is_float = j + 1 < n and src[j] == "." and "0" <= src[j + 1] <= "9"
            if is_float:
                j += 1
                while j < n and "0" <= src[j] <= "9":
                    j += 1
            if j - i > 400:
                raise NXError(f"number out of range at position {i}")
            try:
                out.append(Token("num", _number(float(src[i:j]) if is_float else int(src[i:j])), i))
            except NXError:
                raise NXError(f"number out of range at position {i}") from None
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
            word = src[i:j]
            out.append(Token("kw" if word in _KEYWORDS else "name", word, i))
            i = j
        else:
            for op in _OPS:
                if src.startswith(op, i):
                    out.append(Token("op", op, i))
                    i += len(op)
                    break
            else:
                raise NXError(f"unsupported NX syntax at position {i}: unexpected {ch!r}")
    out.append(Token("eof", None, n))
    return out


# --------------------------------------------------------------------------- AST and parser

Node = tuple[Any, ...]  # ("kind", ...children); small and easy to walk


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.toks = tokens
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def at(self, kind: str, value: Any = None) -> bool:
        t = self.tok
        return t.kind == kind and (value is None or t.value == value)

    def take(self, kind: str, value: Any = None) -> Token:
        if not self.at(kind, value):
            want = repr(value) if value is not None else kind
            raise NXError(
                f"unsupported NX syntax at position {self.tok.pos}: "
                f"expected {want}, found {self._show()}"
            )
        t = self.tok
        self.i += 1
        return t

    def _show(self) -> str:
        t = self.tok
        return "end of script" if t.kind == "eof" else repr(t.value)

    def script(self, stop: tuple[str, ...] = ()) -> Node:
        stmts = [self.statement()]
        while self.at("op", ";"):
            self.i += 1
            if (
                self.at("eof")
                or self.at("op", ")")
                or (self.tok.kind == "kw" and self.tok.value in stop)
            ):
                break
            stmts.append(self.statement())
        return ("block", stmts)

    def statement(self) -> Node:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise NXError("script nests too deeply")
        try:
            if self.at("kw", "let") or self.at("kw", "var"):
                self.i += 1
                name = self.name()
                self.take("op", ":=")
                return ("let", name, self.expr())
            if self.at("kw", "delete"):
                self.i += 1
                return ("delete", self.expr())
            target = self.expr()
            if self.at("op", ":="):
                self.i += 1
                if target[0] not in ("var", "field"):
                    raise NXError(
                        "unsupported NX syntax: ':=' needs a variable or record.field on the left"
                    )
                return ("assign", target, self.expr())
            return target
        finally:
            self.depth -= 1

    def name(self) -> str:
        if self.at("name") or self.at("qname"):
            value: str = self.take(self.tok.kind).value
            return value
        raise NXError(
            f"unsupported NX syntax at position {self.tok.pos}: "
            f"expected a name, found {self._show()}"
        )

    def expr(self) -> Node:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise NXError("script nests too deeply")
        try:
            node = self.or_()
            # ``order`` is no keyword (a field may be called so): after a whole expression a
            # bare ``order`` can only start a sort, ``list order [by] key``.
            while self.at("name", "order"):
                self.i += 1
                if self.at("name", "by"):
                    self.i += 1
                node = ("order", node, self.or_())
            return node
        finally:
            self.depth -= 1

    def or_(self) -> Node:
        node = self.and_()
        while self.at("kw", "or"):
            self.i += 1
            node = ("or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.at("kw", "and"):
            self.i += 1
            node = ("and", node, self.not_())
        return node

    def not_(self) -> Node:
        if self.at("kw", "not"):
            self.i += 1
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise NXError("script nests too deeply")
            try:
                return ("not", self.not_())
            finally:
                self.depth -= 1
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        if self.tok.kind == "op" and self.tok.value in ("=", "!=", "<>", "<", "<=", ">", ">="):
            op = self.take("op").value
            node = ("cmp", "!=" if op == "<>" else op, node, self.sum())
            if self.tok.kind == "op" and self.tok.value in ("=", "!=", "<>", "<", "<=", ">", ">="):
                raise NXError(
                    f"unsupported NX syntax at position {self.tok.pos}: chained comparison"
                )
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.tok.kind == "op" and self.tok.value in ("+", "-"):
            op = self.take("op").value
            node = ("arith", op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.tok.kind == "op" and self.tok.value in ("*", "/"):
            op = self.take("op").value
            node = ("arith", op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.at("op", "-"):
            self.i += 1
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise NXError("script nests too deeply")
            try:
                return ("neg", self.unary())
            finally:
                self.depth -= 1
        return self.postfix()

    def postfix(self) -> Node:
        node = self.primary()
        while True:
            if self.at("op", "."):
                self.i += 1
                node = ("field", node, self.name())
            elif self.at("op", "["):
                self.i += 1
                cond = self.expr()
                self.take("op", "]")
                node = ("filter", node, cond)
            else:
                return node

    def primary(self) -> Node:
        t = self.tok
        if t.kind in ("num", "text"):
            self.i += 1
            return ("lit", t.value)
        if t.kind == "kw":
            if t.value in ("true", "false", "null"):
                self.i += 1
                return ("lit", {"true": True, "false": False, "null": None}[t.value])
            if t.value == "this":
                self.i += 1
                return ("this",)
            if t.value == "select":
                self.i += 1
                table = self.name()
                cond = None
                if self.at("kw", "where"):
                    self.i += 1
                    # Not expr(): an ``order by`` after the condition sorts the selection.
                    cond = self.or_()
                return ("select", table, cond)
            if t.value == "create":
                self.i += 1
                return ("create", self.name())
            if t.value == "record":
                self.i += 1
                self.take("op", "(")
                table = self.name()
                self.take("op", ",")
                rid = self.expr()
                self.take("op", ")")
                return ("record", table, rid)
            if t.value == "if":
                self.i += 1
                cond = self.expr()
                self.take("kw", "then")
                then = self.script(stop=("else", "end"))
                other: Node = ("lit", None)
                if self.at("kw", "else"):
                    self.i += 1
                    other = self.script(stop=("end",))
                self.take("kw", "end")
                return ("if", cond, then, other)
            raise NXError(f"unsupported NX syntax at position {t.pos}: keyword {t.value!r}")
        if self.at("op", "("):
            self.i += 1
            inner = self.script()
            self.take("op", ")")
            return inner
        if self.at("op", "["):
            self.i += 1
            items: list[Node] = []
            if not self.at("op", "]"):
                items.append(self.expr())
                while self.at("op", ","):
                    self.i += 1
                    items.append(self.expr())
            self.take("op", "]")
            return ("array", items)
        if (
            t.kind == "name"
            and self.toks[self.i + 1].kind == "op"
            and self.toks[self.i + 1].value == "("
        ):
            if t.value not in _FUNCTIONS:
                raise NXError(f"unsupported NX function {t.value!r} at position {t.pos}")
            self.i += 2
            args: list[Node] = []
            if not self.at("op", ")"):
                args.append(self.expr())
                while self.at("op", ","):
                    self.i += 1
                    args.append(self.expr())
            self.take("op", ")")
            return ("call", t.value, args)
        if t.kind in ("name", "qname"):
            self.i += 1
            return ("var", t.value)
        raise NXError(f"unsupported NX syntax at position {t.pos}: unexpected {self._show()}")


@functools.lru_cache(maxsize=256)
def _parse_cached(src: str) -> Node:
    return parse(src)


def parse(src: str) -> Node:
    """Parse NX source into a tuple AST; raises :class:`NXError`."""
    if len(src) > _MAX_SOURCE:
        raise NXError("script too long")
    if not src.strip():
        raise NXError("empty script")
    p = _Parser(tokenize(src))
    try:
        node = p.script()
    except RecursionError:
        raise NXError("script nests too deeply") from None
    if not p.at("eof"):
        raise NXError(f"unsupported NX syntax at position {p.tok.pos}: unexpected {p._show()}")
    return node


def writes(node: Any) -> bool:
    """Whether an AST contains a database write (``create``, ``delete``, field assignment)."""
    if not isinstance(node, tuple) or not node:
        return isinstance(node, list) and any(writes(n) for n in node)
    kind = node[0]
    if kind in ("create", "delete") or (kind == "assign" and node[1][0] == "field"):
        return True
    return any(writes(child) for child in node[1:])


# --------------------------------------------------------------------------- evaluator


class _Eval:
    def __init__(self, store: Store, db: Database, allow_writes: bool) -> None:
        self.store = store
        self.db = db
        self.allow_writes = allow_writes
        self.scopes: list[dict[str, Any]] = [{}]
        self.this: list[RecordRef] = []
        self.steps = 0
        self.formula_depth = 0

    def charge(self, cost: int) -> None:
        """Count work beyond one step (walking a list, building text) against the limit."""
        self.steps += cost
        if self.steps > _MAX_STEPS:
            raise NXError("script runs too long")

    def table(self, name: str) -> Table:
        try:
            return self.db.table(name)
        except ApiError:
            raise NXError(f"unknown table {name!r}") from None

    def rec(self, ref: RecordRef) -> tuple[Table, Record]:
        table = self.db.tables.get(ref.table)
        rec = table.records.get(ref.id) if table is not None else None
        if table is None or rec is None:
            raise NXError(f"record {ref} does not exist")
        return table, rec

    def lookup_field(self, table: Table, name: str) -> Field:
        fld = table.field(name)
        if fld is None:
            raise NXError(f"unknown field {name!r} in table {table.caption!r}")
        return fld

    def field_value(self, ref: RecordRef, name: str) -> Any:
        table, rec = self.rec(ref)
        if name == "Id" and table.field(name) is None:
            return rec.id
        fld = self.lookup_field(table, name)
        if fld.base == "fn":
            return self.formula(ref, fld)
        if fld.base == "rev":
            return self.reverse(ref, fld)
        stored = rec.values.get(fld.id)
        if fld.base == "ref" and stored is not None:
            # A link is a record in NX (`c.Company.Name`); stored as the linked id (§13).
            target = self.db.tables.get(str(fld.extra.get("ref", "")))
            if target is None:
                return stored
            return RecordRef(target.id, stored) if stored in target.records else None
        if fld.base == "timeinterval" and isinstance(stored, str):
            # A time interval is a number of milliseconds in NX (timeinterval(ms)); stored as
            # the text h:mm:ss.SSS the record routes send.
            return _interval_ms(stored)
        return render_value(fld, stored, False)

    def reverse(self, ref: RecordRef, fld: Field) -> list[RecordRef]:
        """The records whose link field ``reverseField`` points at ``ref`` (§13 ``rev``)."""
        source = self.db.tables.get(str(fld.extra.get("ref", "")))
        link = source.fields.get(str(fld.extra.get("reverseField", ""))) if source else None
        if source is None or link is None:
            return []
        self.charge(len(source.ids))
        return [
            RecordRef(source.id, i)
            for i in source.ids
            if source.records[i].values.get(link.id) == ref.id
        ]

    def formula(self, ref: RecordRef, fld: Field) -> Any:
        """Evaluate a formula field's code (schema key ``fn``) for one record (§7.4, §13)."""
        code = fld.extra.get("fn")
        if not isinstance(code, str) or not code.strip():
            return None
        if self.formula_depth >= _MAX_FORMULA_DEPTH:
            raise NXError(f"formula {fld.caption!r} nests too deeply (a cycle?)")
        tree = _parse_cached(code)
        self.formula_depth += 1
        self.this.append(ref)
        saved, self.scopes = self.scopes, [{}]
        try:
            return self.run(tree)
        finally:
            self.scopes = saved
            self.this.pop()
            self.formula_depth -= 1

    def run(self, node: Node) -> Any:
        self.steps += 1
        if self.steps > _MAX_STEPS:
            raise NXError("script runs too long")
        kind = node[0]
        method: Callable[[Node], Any] = getattr(self, "_" + kind)
        return method(node)

    # statements
    def _block(self, node: Node) -> Any:
        result = None
        self.scopes.append({})
        try:
            for stmt in node[1]:
                result = self.run(stmt)
        finally:
            self.scopes.pop()
        return result

    def _let(self, node: Node) -> Any:
        self.scopes[-1][node[1]] = self.run(node[2])
        return None

    def _assign(self, node: Node) -> Any:
        target, value = node[1], self.run(node[2])
        if target[0] == "var":
            for scope in reversed(self.scopes):
                if target[1] in scope:
                    scope[target[1]] = value
                    return None
            if self.this:
                # A bare field name inside a record context: `Name := "x"` on `this`.
                self._write(self.this[-1], target[1], value)
                return None
            raise NXError(f"unknown variable {target[1]!r}")
        obj = self.run(target[1])
        refs = obj if isinstance(obj, list) else [obj]
        for ref in refs:
            if not isinstance(ref, RecordRef):
                raise NXError("':=' on a field needs a record on the left of '.'")
            self._write(ref, target[2], value)
        return None

    def _write(self, ref: RecordRef, name: str, value: Any) -> None:
        self._need_writes()
        table, rec = self.rec(ref)
        fld = self.lookup_field(table, name)
        if isinstance(value, RecordRef):
            value = value.id  # a reference-like number field takes the record id
        try:
            stored = coerce_value(fld, value)
        except ApiError as exc:
            raise NXError(exc.message) from None
        self.store.update_record(self.db, rec, {fld.id: stored})

    def _need_writes(self) -> None:
        if not self.allow_writes:
            raise NXError("/query is read-only; use /exec to change data")

    def _delete(self, node: Node) -> Any:
        self._need_writes()
        obj = self.run(node[1])
        refs = obj if isinstance(obj, list) else [obj]
        for ref in refs:
            if ref is None:
                continue
            if not isinstance(ref, RecordRef):
                raise NXError("delete needs a record or a list of records")
            table = self.db.tables.get(ref.table)
            if table is not None:
                self.store.delete_records(self.db, table, [ref.id])
        return None

    # expressions
    def _lit(self, node: Node) -> Any:
        return node[1]

    def _array(self, node: Node) -> Any:
        items = [self.run(item) for item in node[1]]
        self.measure(items)
        return items

    def measure(self, value: list[Any]) -> int:
        """Count the items of a list, nested lists included, against ``MAX_ITEMS``.

        Lists may share sublists (``let a := [b, b]``), so a few statements could describe an
        exponentially large value; the walk stops at the bound and its work is charged.
        """
        count = 0
        stack: list[tuple[list[Any], int]] = [(value, 1)]
        while stack:
            current, depth = stack.pop()
            if depth > _MAX_DEPTH:
                raise NXError("lists nest too deeply")
            count += len(current)
            if count > MAX_ITEMS:
                raise NXError(f"list too large (more than {MAX_ITEMS} items)")
            stack.extend((v, depth + 1) for v in current if isinstance(v, list))
        self.charge(count)
        return count

    def _this(self, _node: Node) -> Any:
        if not self.this:
            raise NXError("'this' is only defined inside 'where' or '[...]'")
        return self.this[-1]

    def _var(self, node: Node) -> Any:
        name = node[1]
        if self.this:
            ref = self.this[-1]
            table = self.db.tables[ref.table]
            if table.field(name) is not None or name == "Id":
                return self.field_value(ref, name)
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        raise NXError(f"unknown name {name!r}")

    def _field(self, node: Node) -> Any:
        obj = self.run(node[1])
        name = node[2]
        if isinstance(obj, list):
            self.charge(len(obj))
            return [self.field_value(r, name) if isinstance(r, RecordRef) else None for r in obj]
        if obj is None:
            return None
        if not isinstance(obj, RecordRef):
            raise NXError(f"'.{name}' needs a record or a list of records")
        return self.field_value(obj, name)

    def _select(self, node: Node) -> Any:
        table = self.table(node[1])
        self.charge(len(table.ids))
        refs = [RecordRef(table.id, rid) for rid in table.ids]
        return refs if node[2] is None else self._where(refs, node[2])

    def _where(self, refs: list[RecordRef], cond: Node) -> list[RecordRef]:
        out = []
        for ref in refs:
            self.this.append(ref)
            try:
                if self.run(cond) is True:
                    out.append(ref)
            finally:
                self.this.pop()
        return out

    def _order(self, node: Node) -> Any:
        items = self.run(node[1])
        if not isinstance(items, list) or not all(isinstance(r, RecordRef) for r in items):
            raise NXError("'order by' sorts a list of records")
        self.charge(len(items))
        keyed: list[tuple[tuple[int, Any], RecordRef]] = []
        for ref in items:
            self.this.append(ref)
            try:
                keyed.append((_order_key(self.run(node[2])), ref))
            finally:
                self.this.pop()
        # Stable: records with equal keys keep the order they came in (ascending ids).
        keyed.sort(key=lambda pair: pair[0])
        return [ref for _, ref in keyed]

    def _filter(self, node: Node) -> Any:
        obj = self.run(node[1])
        if not isinstance(obj, list) or not all(isinstance(r, RecordRef) for r in obj):
            raise NXError("'[...]' filters a list of records")
        return self._where(obj, node[2])

    def _create(self, node: Node) -> Any:
        self._need_writes()
        table = self.table(node[1])
        rec = self.store.create_record(self.db, table, {})
        return RecordRef(table.id, rec.id)

    def _record(self, node: Node) -> Any:
        table = self.table(node[1])
        rid = self.run(node[2])
        if isinstance(rid, float) and rid.is_integer():
            rid = int(rid)
        if isinstance(rid, bool) or not isinstance(rid, int):
            raise NXError("record(T, id) needs a whole number id")
        # NX gives null for a missing record rather than an error.
        return RecordRef(table.id, rid) if rid in table.records else None

    def _if(self, node: Node) -> Any:
        cond = self.run(node[1])
        return self.run(node[2] if cond is True else node[3])

    def _not(self, node: Node) -> Any:
        value = self.run(node[1])
        if value is not None and not isinstance(value, bool):
            raise NXError("'not' needs a boolean")
        return not value

    def _and(self, node: Node) -> Any:
        left = self.run(node[1])
        if left is not True:
            return False
        return self.run(node[2]) is True

    def _or(self, node: Node) -> Any:
        if self.run(node[1]) is True:
            return True
        return self.run(node[2]) is True

    def _neg(self, node: Node) -> Any:
        value = self.run(node[1])
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise NXError("unary '-' needs a number")
        return _number(-value)

    def _arith(self, node: Node) -> Any:
        op, left, right = node[1], self.run(node[2]), self.run(node[3])
        if op == "+" and (isinstance(left, str) or isinstance(right, str)):
            return self.text(self.text(left) + self.text(right))
        if isinstance(left, list) or isinstance(right, list):
            raise NXError(f"'{op}' does not apply to lists")
        left = 0 if left is None else left
        right = 0 if right is None else right
        for v in (left, right):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise NXError(f"'{op}' needs numbers (or text for '+')")
        if op == "+":
            result = left + right
        elif op == "-":
            result = left - right
        elif op == "*":
            result = left * right
        else:
            if right == 0:
                raise NXError("division by zero")
            result = left / right
        return _number(result)

    def _cmp(self, node: Node) -> Any:
        op, left, right = node[1], self.run(node[2]), self.run(node[3])
        if op in ("=", "!="):
            for side in (left, right):
                if isinstance(side, list):
                    self.measure(side)  # == on nested lists walks them all
            equal = _equal(left, right)
            return equal if op == "=" else not equal
        if left is None or right is None:
            return False
        both_num = all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right)
        )
        if not both_num and not (isinstance(left, str) and isinstance(right, str)):
            raise NXError(
                f"cannot compare {type(left).__name__} with {type(right).__name__} using {op!r}"
            )
        if op == "<":
            return left < right
        if op == "<=":
            return left <= right
        if op == ">":
            return left > right
        return left >= right

    def _call(self, node: Node) -> Any:
        name, args = node[1], [self.run(a) for a in node[2]]
        if name in ("date", "datetime", "time"):
            return _construct_when(name, args)
        if name == "contains":
            return self._contains(args)
        if name == "concat":
            if len(args) != 1 or not isinstance(args[0], list):
                raise NXError("concat(list) takes one list")
            return self.text(", ".join(self.text(v) for v in args[0] if v is not None))
        if len(args) != 1:
            raise NXError(f"{name}() takes exactly one argument")
        arg = args[0]
        if name == "text":
            return self.text(arg)
        if name in ("urlEncode", "urlDecode"):
            if not isinstance(arg, str):
                raise NXError(f"{name}() needs text")
            try:
                coded = (
                    quote(arg, safe="") if name == "urlEncode" else unquote(arg, errors="strict")
                )
                return self.text(coded)
            except (UnicodeDecodeError, UnicodeEncodeError):
                raise NXError("urlDecode(): the text is not valid percent-encoded UTF-8") from None
        if name == "timeinterval":
            if isinstance(arg, bool) or not isinstance(arg, (int, float)):
                raise NXError("timeinterval() needs a number of milliseconds")
            return arg
        if name == "number":
            if isinstance(arg, (int, float)) and not isinstance(arg, bool):
                return arg
            if isinstance(arg, RecordRef):
                return arg.id
            try:
                text = self.text(arg).strip()
                return _number(float(text) if any(c in text for c in ".eEnN") else int(text))
            except (ValueError, NXError):
                return None
        if name == "length":
            if isinstance(arg, (str, list)):
                return len(arg)
            return 0 if arg is None else len(self.text(arg))
        if not isinstance(arg, list):
            if name in ("count", "cnt"):
                return 0 if arg is None else 1
            arg = [] if arg is None else [arg]
        if name in ("count", "cnt"):
            return len([v for v in arg if v is not None])
        if name == "first":
            return arg[0] if arg else None
        if name == "last":
            return arg[-1] if arg else None
        if name == "unique":
            self.charge(len(arg))
            seen: list[Any] = []
            keys: set[Any] = set()
            for v in arg:
                if v is None:
                    continue
                key = json_key(v)
                if key not in keys:
                    keys.add(key)
                    seen.append(v)
            return seen
        nums = [v for v in arg if v is not None]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in nums):
            if name in ("min", "max") and all(isinstance(v, str) for v in nums):
                return (min if name == "min" else max)(nums) if nums else None
            raise NXError(f"{name}() needs numbers")
        self.charge(len(nums))
        if name == "sum":
            return _number(_sum(nums))
        if not nums:
            return None
        if name == "min":
            return min(nums)
        if name == "max":
            return max(nums)
        return _number(_sum(nums) / len(nums))

    def _contains(self, args: list[Any]) -> bool:
        if len(args) != 2:
            raise NXError("contains() takes two arguments")
        haystack, needle = args
        if isinstance(haystack, list):
            self.charge(len(haystack))
            return any(_equal(item, needle) for item in haystack)
        return self.text(needle) in self.text(haystack)

    def text(self, value: Any) -> str:
        """``_text`` with the ``MAX_TEXT`` bound (a doubling loop must not take the memory)."""
        if isinstance(value, list):
            self.measure(value)
        out = _text(value)
        if len(out) > MAX_TEXT:
            raise NXError(f"text too long (more than {MAX_TEXT} characters)")
        self.charge(len(out) // 1000)
        return out


def _order_key(value: Any) -> tuple[int, Any]:
    """How ``order by`` ranks one record's key: numbers (and booleans, false first), then text
    by code point, empty last; the listing's ``order`` parameter ranks the same way."""
    if value is None:
        return (2, 0)
    if isinstance(value, RecordRef):
        return (0, value.id)
    if isinstance(value, bool | int | float):
        return (0, int(value) if isinstance(value, bool) else value)
    if isinstance(value, str):
        return (1, value)
    raise NXError("'order by' needs one value per record, not a list")


def _number(value: int | float) -> int | float:
    """Keep numbers within what JSON carries: ints beyond 2**53 become floats, no inf/nan."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        try:
            value = float(value)
        except OverflowError:
            raise NXError("number out of range") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise NXError("number out of range")
    return value


def _sum(nums: list[Any]) -> int | float:
    if not any(isinstance(v, float) for v in nums):
        total: int = sum(nums)
        return total
    try:
        return math.fsum(nums)
    except OverflowError:  # fsum raises where sum() would give inf
        raise NXError("number out of range") from None


def json_key(value: Any) -> Any:
    """A hashable stand-in for an NX value (``unique``); lists by their JSON form."""
    if isinstance(value, list):
        return ("list", repr(value))
    if isinstance(value, bool):
        return ("bool", value)
    return value


_WHEN_ARITY = {"date": (3, 3), "datetime": (6, 7), "time": (3, 4)}


def _construct_when(name: str, args: list[Any]) -> str:
    low, high = _WHEN_ARITY[name]
    if not low <= len(args) <= high or not all(
        isinstance(a, int) and not isinstance(a, bool) for a in args
    ):
        raise NXError(f"{name}() takes {low} to {high} whole numbers")
    if name == "date":
        try:
            return _dt.date(*args).isoformat()
        except (ValueError, OverflowError) as exc:
            raise NXError(f"{name}(): {exc}") from None
    whole, ms = (args[:-1], args[-1]) if len(args) == high else (args, 0)
    if not 0 <= ms <= 999:
        raise NXError(f"{name}(): milliseconds must be between 0 and 999")
    try:
        # The form stored values have (_when): milliseconds only when set.
        if name == "time":
            h, m, s = whole
            return format_instant(_dt.datetime(2000, 1, 1, h, m, s, ms * 1000))[11:]
        y, mo, d, h, m, s = whole
        return format_instant(_dt.datetime(y, mo, d, h, m, s, ms * 1000))
    except (ValueError, OverflowError) as exc:
        raise NXError(f"{name}(): {exc}") from None


def _interval_ms(text: str) -> int:
    """Milliseconds of a stored time interval ``[-]h:mm:ss.SSS`` (the form ``_when`` stores)."""
    sign = -1 if text.startswith("-") else 1
    clock, _, fraction = text.lstrip("-").partition(".")
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    millis = int(fraction.ljust(3, "0")[:3]) if fraction else 0
    return sign * (((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    # A link compares with a number by the linked id (`where Company = 1`): a link's value is
    # that record's id (reference §13); emulator choice for mixed comparisons.
    if isinstance(left, RecordRef) and isinstance(right, (int, float)):
        return bool(left.id == right)
    if isinstance(right, RecordRef) and isinstance(left, (int, float)):
        return bool(right.id == left)
    return bool(left == right)


def to_json(value: Any) -> Any:
    """Convert an NX value to JSON: records to ``"A6"``, whole floats to ints."""
    if isinstance(value, RecordRef):
        return str(value)
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def evaluate(store: Store, db: Database, source: str, *, allow_writes: bool) -> Any:
    """Run an NX script against ``db`` and return its JSON value.

    Args:
        store: the store (writes go through it so sequences and timestamps advance).
        db: the database the script runs in.
        source: NX source text.
        allow_writes: ``False`` for ``/query`` (writes refused before running), ``True`` for
            ``/exec``.

    Returns:
        The JSON-ready value of the last statement.

    Raises:
        NXError: syntax outside the subset, unknown names, type errors, writes in ``/query``.
    """
    tree = parse(source)
    try:
        # Every tree walk is recursive: a long chain of operators (a left-deep tree) must be a
        # 400, not a crash — bad input never makes the emulator answer 500.
        if not allow_writes and writes(tree):
            raise NXError("/query is read-only; use /exec to change data")
        return to_json(_Eval(store, db, allow_writes).run(tree))
    except RecursionError:
        raise NXError("script nests too deeply") from None
