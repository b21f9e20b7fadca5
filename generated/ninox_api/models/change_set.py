from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_set_reports import ChangeSetReports
    from ..models.change_set_updates import ChangeSetUpdates
    from ..models.change_set_views import ChangeSetViews


T = TypeVar("T", bound="ChangeSet")


@_attrs_define
class ChangeSet:
    """Changes since a sequence number (§4.17, shape [1] from MindCloud). `updates` maps record
    keys (table id and record id, as NX writes record references, e.g. `A12`) to the changed
    data; `removes` lists removed record keys. `views` and `reports` appear on database and
    table level only.

    """

    seq: int
    """ The current sequence number; pass it as `sinceSq` next time. """
    next_rid: int | Unset = UNSET
    """ Next record id to be assigned. """
    updates: ChangeSetUpdates | Unset = UNSET
    """ Changed records keyed by record reference. """
    removes: list[Any] | Unset = UNSET
    """ Removed record references. """
    files: list[Any] | Unset = UNSET
    """ Changed files. """
    views: ChangeSetViews | Unset = UNSET
    """ Changed views. """
    reports: ChangeSetReports | Unset = UNSET
    """ Changed reports. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        next_rid = self.next_rid

        updates: dict[str, Any] | Unset = UNSET
        if not isinstance(self.updates, Unset):
            updates = self.updates.to_dict()

        removes: list[Any] | Unset = UNSET
        if not isinstance(self.removes, Unset):
            removes = self.removes

        files: list[Any] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = self.files

        views: dict[str, Any] | Unset = UNSET
        if not isinstance(self.views, Unset):
            views = self.views.to_dict()

        reports: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reports, Unset):
            reports = self.reports.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seq": seq,
            }
        )
        if next_rid is not UNSET:
            field_dict["nextRid"] = next_rid
        if updates is not UNSET:
            field_dict["updates"] = updates
        if removes is not UNSET:
            field_dict["removes"] = removes
        if files is not UNSET:
            field_dict["files"] = files
        if views is not UNSET:
            field_dict["views"] = views
        if reports is not UNSET:
            field_dict["reports"] = reports

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.change_set_reports import ChangeSetReports
        from ..models.change_set_updates import ChangeSetUpdates
        from ..models.change_set_views import ChangeSetViews

        d = dict(src_dict)
        seq = d.pop("seq")

        next_rid = d.pop("nextRid", UNSET)

        _updates = d.pop("updates", UNSET)
        updates: ChangeSetUpdates | Unset
        if isinstance(_updates, Unset):
            updates = UNSET
        else:
            updates = ChangeSetUpdates.from_dict(_updates)

        removes = cast(list[Any], d.pop("removes", UNSET))

        files = cast(list[Any], d.pop("files", UNSET))

        _views = d.pop("views", UNSET)
        views: ChangeSetViews | Unset
        if isinstance(_views, Unset):
            views = UNSET
        else:
            views = ChangeSetViews.from_dict(_views)

        _reports = d.pop("reports", UNSET)
        reports: ChangeSetReports | Unset
        if isinstance(_reports, Unset):
            reports = UNSET
        else:
            reports = ChangeSetReports.from_dict(_reports)

        change_set = cls(
            seq=seq,
            next_rid=next_rid,
            updates=updates,
            removes=removes,
            files=files,
            views=views,
            reports=reports,
        )

        change_set.additional_properties = d
        return change_set

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
