"""The NX tokenizer (lexical rules: :mod:`._nx`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._nx_values import NXError, number

__all__ = ["KEYWORDS", "Token", "tokenize"]

KEYWORDS = frozenset(
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

#: Operators, longest first where one is the start of another (``:=`` before ``=``…).
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
_MAX_NUMBER_DIGITS = 400


@dataclass(frozen=True)
class Token:
    """One lexical token: kind is num, text, name, qname (single-quoted), op, kw, eof."""

    kind: str
    value: Any
    pos: int


def tokenize(src: str) -> list[Token]:
    """Split NX source into tokens; raises :class:`NXError` with the offending position."""
    return _Lexer(src).run()


def _is_digit(ch: str) -> bool:
    # ASCII digits only: str.isdigit() is true for "²" or "١", which int() refuses.
    return "0" <= ch <= "9"


class _Lexer:
    """One pass over the source; each ``_read_*`` method consumes one token (or skips)."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.i = 0
        self.n = len(src)
        self.out: list[Token] = []

    def run(self) -> list[Token]:
        while self.i < self.n:
            self._step()
        self.out.append(Token("eof", None, self.n))
        return self.out

    def _step(self) -> None:
        src, i = self.src, self.i
        ch = src[i]
        if ch.isspace():
            self.i += 1
        elif src.startswith("//", i):
            self._skip_line_comment()
        elif src.startswith("/*", i):
            self._skip_block_comment()
        elif src.startswith("---", i):
            self._read_dashed_text()
        elif ch in "\"'":
            self._read_quoted(ch)
        elif _is_digit(ch):
            self._read_number()
        elif ch.isalpha() or ch == "_":
            self._read_word()
        else:
            self._read_operator(ch)

    def _skip_line_comment(self) -> None:
        j = self.src.find("\n", self.i)
        self.i = self.n if j < 0 else j + 1

    def _skip_block_comment(self) -> None:
        j = self.src.find("*/", self.i + 2)
        if j < 0:
            raise NXError(f"unterminated comment at position {self.i}")
        self.i = j + 2

    def _read_dashed_text(self) -> None:
        # docs.ninox.com "Ninox operators": ---text--- is an alternative to "text".
        j = self.src.find("---", self.i + 3)
        if j < 0:
            raise NXError(f"unterminated ---text--- at position {self.i}")
        self.out.append(Token("text", self.src[self.i + 3 : j], self.i))
        self.i = j + 3

    def _read_quoted(self, quote: str) -> None:
        """``"text"`` or ``'name'``; the quote character written twice stands for itself."""
        src, n = self.src, self.n
        start, i, buf = self.i, self.i + 1, []
        while True:
            if i >= n:
                what = "text" if quote == '"' else "name"
                raise NXError(f"unterminated {what} starting at position {start}")
            if src[i] == quote:
                if i + 1 < n and src[i + 1] == quote:  # doubled quote = one quote
                    buf.append(quote)
                    i += 2
                    continue
                i += 1
                break
            buf.append(src[i])
            i += 1
        self.out.append(Token("text" if quote == '"' else "qname", "".join(buf), start))
        self.i = i

    def _digits_end(self, j: int) -> int:
        while j < self.n and _is_digit(self.src[j]):
            j += 1
        return j

    def _read_number(self) -> None:
        src, i = self.src, self.i
        j = self._digits_end(i)
        is_float = j + 1 < self.n and src[j] == "." and _is_digit(src[j + 1])
        if is_float:
            j = self._digits_end(j + 1)
        if j - i > _MAX_NUMBER_DIGITS:
            raise NXError(f"number out of range at position {i}")
        try:
            value = number(float(src[i:j]) if is_float else int(src[i:j]))
        except NXError:
            raise NXError(f"number out of range at position {i}") from None
        self.out.append(Token("num", value, i))
        self.i = j

    def _read_word(self) -> None:
        src, j = self.src, self.i
        while j < self.n and (src[j].isalnum() or src[j] == "_"):
            j += 1
        word = src[self.i : j]
        self.out.append(Token("kw" if word in KEYWORDS else "name", word, self.i))
        self.i = j

    def _read_operator(self, ch: str) -> None:
        for op in _OPS:
            if self.src.startswith(op, self.i):
                self.out.append(Token("op", op, self.i))
                self.i += len(op)
                return
        raise NXError(f"unsupported NX syntax at position {self.i}: unexpected {ch!r}")
