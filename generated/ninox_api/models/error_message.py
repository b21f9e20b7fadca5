from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_message_error import ErrorMessageError


T = TypeVar("T", bound="ErrorMessage")


@_attrs_define
class ErrorMessage:
    """A JSON error. Ninox's CLI reads `message` (§8, [1]); the Ninox 4 API nests it as
    `error.message` (§10). Other keys are kept.

    """

    message: str | Unset = UNSET
    """ Human-readable message. """
    error: ErrorMessageError | Unset = UNSET
    """ Nested form `{"error": {"message": …}}`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_message_error import ErrorMessageError

        d = dict(src_dict)
        message = d.pop("message", UNSET)

        _error = d.pop("error", UNSET)
        error: ErrorMessageError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = ErrorMessageError.from_dict(_error)

        error_message = cls(
            message=message,
            error=error,
        )

        error_message.additional_properties = d
        return error_message

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
