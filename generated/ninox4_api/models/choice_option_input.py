from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.label_map import LabelMap


T = TypeVar("T", bound="ChoiceOptionInput")


@_attrs_define
class ChoiceOptionInput:
    """One option of a `choice`/`multi` field in a write. On update the array replaces the list:
    resend kept options with their `id`, new ones without (§7.1, [1]).

    """

    name: str
    """ The option's label, which record writes send (§7.3). """
    id: str | Unset = UNSET
    """ Id of an existing option. """
    labels: LabelMap | Unset = UNSET
    """ Localized labels keyed by language code; the empty key `""` is the default language
    (§2, [1]). Values are 1–100 characters.
     """
    color: str | Unset = UNSET
    """ Background colour. """
    text_color: str | Unset = UNSET
    """ Text colour. """
    icon: str | Unset = UNSET
    """ Icon name. """
    order: int | Unset = UNSET
    """ Position in the list. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = self.id

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        color = self.color

        text_color = self.text_color

        icon = self.icon

        order = self.order

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if labels is not UNSET:
            field_dict["labels"] = labels
        if color is not UNSET:
            field_dict["color"] = color
        if text_color is not UNSET:
            field_dict["textColor"] = text_color
        if icon is not UNSET:
            field_dict["icon"] = icon
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.label_map import LabelMap

        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id", UNSET)

        _labels = d.pop("labels", UNSET)
        labels: LabelMap | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = LabelMap.from_dict(_labels)

        color = d.pop("color", UNSET)

        text_color = d.pop("textColor", UNSET)

        icon = d.pop("icon", UNSET)

        order = d.pop("order", UNSET)

        choice_option_input = cls(
            name=name,
            id=id,
            labels=labels,
            color=color,
            text_color=text_color,
            icon=icon,
            order=order,
        )

        return choice_option_input
