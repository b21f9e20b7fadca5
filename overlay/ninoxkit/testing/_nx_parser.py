"""The NX parser: tokens to a tuple AST (grammar: :mod:`._nx`).

A node is a tuple ``("kind", …children)``; the evaluator has one method per kind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from ._nx_functions import FUNCTIONS
from ._nx_lexer import Token, tokenize
from ._nx_values import MAX_DEPTH, NXError

__all__ = ["Node", "parse", "parse_cached", "writes"]

_MAX_SOURCE = 100_000
_COMPARISONS = ("=", "!=", "<>", "<", "<=", ">", ">=")

Node = tuple[Any, ...]  # ("kind", ...children); small and easy to walk


class _Parser:
    """Recursive descent, one method per grammar rule; ``depth`` bounds the nesting."""

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
        if self.depth > MAX_DEPTH:
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
        if self.depth > MAX_DEPTH:
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
            if self.depth > MAX_DEPTH:
                raise NXError("script nests too deeply")
            try:
                return ("not", self.not_())
            finally:
                self.depth -= 1
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        if self.tok.kind == "op" and self.tok.value in _COMPARISONS:
            op = self.take("op").value
            node = ("cmp", "!=" if op == "<>" else op, node, self.sum())
            if self.tok.kind == "op" and self.tok.value in _COMPARISONS:
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
            if self.depth > MAX_DEPTH:
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
            return self.keyword(t)
        if self.at("op", "("):
            self.i += 1
            inner = self.script()
            self.take("op", ")")
            return inner
        if self.at("op", "["):
            self.i += 1
            items = self.items("]")
            return ("array", items)
        if (
            t.kind == "name"
            and self.toks[self.i + 1].kind == "op"
            and self.toks[self.i + 1].value == "("
        ):
            return self.call(t)
        if t.kind in ("name", "qname"):
            self.i += 1
            return ("var", t.value)
        raise NXError(f"unsupported NX syntax at position {t.pos}: unexpected {self._show()}")

    def items(self, close: str) -> list[Node]:
        """``expr { "," expr }`` up to and including ``close`` (which may come at once)."""
        items: list[Node] = []
        if not self.at("op", close):
            items.append(self.expr())
            while self.at("op", ","):
                self.i += 1
                items.append(self.expr())
        self.take("op", close)
        return items

    def call(self, t: Token) -> Node:
        if t.value not in FUNCTIONS:
            raise NXError(f"unsupported NX function {t.value!r} at position {t.pos}")
        self.i += 2
        return ("call", t.value, self.items(")"))

    def keyword(self, t: Token) -> Node:
        literal = {"true": True, "false": False, "null": None}
        if t.value in literal:
            self.i += 1
            return ("lit", literal[t.value])
        rule = self._KEYWORD_RULES.get(t.value)
        if rule is None:
            raise NXError(f"unsupported NX syntax at position {t.pos}: keyword {t.value!r}")
        self.i += 1
        return rule(self)

    def this_(self) -> Node:
        return ("this",)

    def select(self) -> Node:
        table = self.name()
        cond = None
        if self.at("kw", "where"):
            self.i += 1
            # Not expr(): an ``order by`` after the condition sorts the selection.
            cond = self.or_()
        return ("select", table, cond)

    def create(self) -> Node:
        return ("create", self.name())

    def record(self) -> Node:
        self.take("op", "(")
        table = self.name()
        self.take("op", ",")
        rid = self.expr()
        self.take("op", ")")
        return ("record", table, rid)

    def if_(self) -> Node:
        cond = self.expr()
        self.take("kw", "then")
        then = self.script(stop=("else", "end"))
        other: Node = ("lit", None)
        if self.at("kw", "else"):
            self.i += 1
            other = self.script(stop=("end",))
        self.take("kw", "end")
        return ("if", cond, then, other)

    #: The keywords that start an expression, and the rule that reads the rest of it.
    _KEYWORD_RULES: ClassVar[Mapping[str, Callable[[_Parser], Node]]] = {
        "this": this_,
        "select": select,
        "create": create,
        "record": record,
        "if": if_,
    }


@functools.lru_cache(maxsize=256)
def parse_cached(src: str) -> Node:
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
