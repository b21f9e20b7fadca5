from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.view_config import ViewConfig


T = TypeVar("T", bound="View")


@_attrs_define
class View:
    """A saved view (§4.5). `type` is the id of the view's table; `config` (columns, sort, group)
    comes with `fullView=true` or `getView`.

    """

    id: str
    """ View id (non-empty; it is a path segment of `getView`). """
    caption: str | Unset = UNSET
    """ View name. """
    type_: str | Unset = UNSET
    """ Table id. """
    seq: int | Unset = UNSET
    """ Change sequence of the view. """
    order: int | Unset = UNSET
    """ Position. """
    mode: str | Unset = UNSET
    """ Display mode. """
    config: ViewConfig | Unset = UNSET
    """ Columns, sorting and grouping. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        caption = self.caption

        type_ = self.type_

        seq = self.seq

        order = self.order

        mode = self.mode

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if caption is not UNSET:
            field_dict["caption"] = caption
        if type_ is not UNSET:
            field_dict["type"] = type_
        if seq is not UNSET:
            field_dict["seq"] = seq
        if order is not UNSET:
            field_dict["order"] = order
        if mode is not UNSET:
            field_dict["mode"] = mode
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.view_config import ViewConfig

        d = dict(src_dict)
        id = d.pop("id")

        caption = d.pop("caption", UNSET)

        type_ = d.pop("type", UNSET)

        seq = d.pop("seq", UNSET)

        order = d.pop("order", UNSET)

        mode = d.pop("mode", UNSET)

        _config = d.pop("config", UNSET)
        config: ViewConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ViewConfig.from_dict(_config)

        view = cls(
            id=id,
            caption=caption,
            type_=type_,
            seq=seq,
            order=order,
            mode=mode,
            config=config,
        )

        view.additional_properties = d
        return view

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
