from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_set_next_rids import ChangeSetNextRids
    from ..models.change_set_reports import ChangeSetReports
    from ..models.change_set_updates import ChangeSetUpdates
    from ..models.change_set_views import ChangeSetViews
    from ..models.schema_document import SchemaDocument


T = TypeVar("T", bound="ChangeSet")


@_attrs_define
class ChangeSet:
    """Changes since a sequence number (§4.17 and §13 first row). [2+] for this shape: Metorial's
    client types `{seq, nextRids, nextRid, config, updates, removes, files, views, reports}` and
    its trigger reads the entries below; the Ninox web client keeps records in the same form
    (field-id keys, `_`-prefixed internals, a link as the linked record's id). The older
    single-source reading (MindCloud, §4.17) had `nextRid` only. `updates` maps record keys to
    `ChangeSetEntry`; a record key is the table id followed by the record id (`A12`, like NX
    record references; Metorial splits it with `^[A-Z]+`). `removes` lists the keys of
    removed records. `views` and `reports` appear on database and table level only.

    """

    seq: int
    """ The current sequence number; pass it as `sinceSq` next time. """
    next_rids: ChangeSetNextRids | Unset = UNSET
    """ Next record id to be assigned, per table id (Metorial, §13). """
    next_rid: int | Unset = UNSET
    """ Next record id to be assigned (MindCloud, §4.17; [1]). """
    config: None | SchemaDocument | Unset = UNSET
    """ The database schema (like `SchemaDocument`) when it changed in the range, else `null`
    (Metorial types an object; its content is not documented, so it is kept open).
     """
    updates: ChangeSetUpdates | Unset = UNSET
    """ Created or changed records keyed by record key (`A12`). """
    removes: list[Any] | Unset = UNSET
    """ Keys of removed records (`A3`). """
    files: list[Any] | Unset = UNSET
    """ Changed files. """
    views: ChangeSetViews | Unset = UNSET
    """ Changed views. """
    reports: ChangeSetReports | Unset = UNSET
    """ Changed reports. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.schema_document import SchemaDocument

        seq = self.seq

        next_rids: dict[str, Any] | Unset = UNSET
        if not isinstance(self.next_rids, Unset):
            next_rids = self.next_rids.to_dict()

        next_rid = self.next_rid

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, SchemaDocument):
            config = self.config.to_dict()
        else:
            config = self.config

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
        if next_rids is not UNSET:
            field_dict["nextRids"] = next_rids
        if next_rid is not UNSET:
            field_dict["nextRid"] = next_rid
        if config is not UNSET:
            field_dict["config"] = config
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
        from ..models.change_set_next_rids import ChangeSetNextRids
        from ..models.change_set_reports import ChangeSetReports
        from ..models.change_set_updates import ChangeSetUpdates
        from ..models.change_set_views import ChangeSetViews
        from ..models.schema_document import SchemaDocument

        d = dict(src_dict)
        seq = d.pop("seq")

        _next_rids = d.pop("nextRids", UNSET)
        next_rids: ChangeSetNextRids | Unset
        if isinstance(_next_rids, Unset):
            next_rids = UNSET
        else:
            next_rids = ChangeSetNextRids.from_dict(_next_rids)

        next_rid = d.pop("nextRid", UNSET)

        def _parse_config(data: object) -> None | SchemaDocument | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = SchemaDocument.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SchemaDocument | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

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
            next_rids=next_rids,
            next_rid=next_rid,
            config=config,
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
