from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.label_map import LabelMap


T = TypeVar("T", bound="ChoiceOption")


@_attrs_define
class ChoiceOption:
    """One option of a `choice`/`multi` field as read (§7.2, [1])."""

    id: str
    """ Option id. """
    name: str
    """ The option's label. """
    order: int
    """ Position in the list. """
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        order = self.order

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        color = self.color

        text_color = self.text_color

        icon = self.icon

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "order": order,
            }
        )
        if labels is not UNSET:
            field_dict["labels"] = labels
        if color is not UNSET:
            field_dict["color"] = color
        if text_color is not UNSET:
            field_dict["textColor"] = text_color
        if icon is not UNSET:
            field_dict["icon"] = icon

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.label_map import LabelMap

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        order = d.pop("order")

        _labels = d.pop("labels", UNSET)
        labels: LabelMap | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = LabelMap.from_dict(_labels)

        color = d.pop("color", UNSET)

        text_color = d.pop("textColor", UNSET)

        icon = d.pop("icon", UNSET)

        choice_option = cls(
            id=id,
            name=name,
            order=order,
            labels=labels,
            color=color,
            text_color=text_color,
            icon=icon,
        )

        choice_option.additional_properties = d
        return choice_option

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
