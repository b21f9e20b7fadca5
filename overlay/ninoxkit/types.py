"""The data types ninoxkit returns: the models generated from ``openapi/ninox.yaml``.

They are attrs classes with ``to_dict()`` / ``from_dict()``; open objects (``Record.fields``,
``RecordFields``) keep every key Ninox sends in ``additional_properties`` and support
``record.fields["Name"]``. Records read with ``convert=True`` are :class:`ConvertedRecord`
(a ``Record`` whose ``created_at`` / ``modified_at`` are aware UTC datetimes). Import them
from here, not from ``ninox_api`` (an implementation detail whose layout follows the
generator).
"""

import os
from typing import IO

from ninox_api.models import (
    ChangeSet,
    ChangeSetReports,
    ChangeSetUpdates,
    ChangeSetViews,
    Choice,
    Database,
    DatabaseSchema,
    DatabaseSettings,
    ErrorMessage,
    ErrorMessageError,
    FileMeta,
    FileUpload,
    FindRecordRequest,
    FindRecordRequestFilters,
    GetDatabaseFormatScripts,
    QueryRequest,
    RecordFields,
    RecordUpdate,
    RecordWrite,
    Report,
    SchemaChoice,
    SchemaDocument,
    SchemaDocumentTypes,
    SchemaField,
    SchemaFieldCaptions,
    SchemaFieldValues,
    SchemaType,
    SchemaTypeCaptions,
    SchemaTypeFields,
    SchemaVersion,
    ShareViewBody,
    Table,
    Team,
    UpdateSchemaFormatScripts,
    View,
    ViewConfig,
    ViewShare,
)
from ninox_api.models import TableField as Field
from ninox_api.models import TableRecord as Record
from ninox_api.types import UNSET, File, Unset

from ._models import ConvertedRecord

__all__ = [
    "UNSET",
    "ChangeSet",
    "ChangeSetReports",
    "ChangeSetUpdates",
    "ChangeSetViews",
    "Choice",
    "ConvertedRecord",
    "Database",
    "DatabaseSchema",
    "DatabaseSettings",
    "ErrorMessage",
    "ErrorMessageError",
    "Field",
    "File",
    "FileMeta",
    "FileSource",
    "FileUpload",
    "FindRecordRequest",
    "FindRecordRequestFilters",
    "GetDatabaseFormatScripts",
    "QueryRequest",
    "Record",
    "RecordFields",
    "RecordUpdate",
    "RecordWrite",
    "Report",
    "SchemaChoice",
    "SchemaDocument",
    "SchemaDocumentTypes",
    "SchemaField",
    "SchemaFieldCaptions",
    "SchemaFieldValues",
    "SchemaType",
    "SchemaTypeCaptions",
    "SchemaTypeFields",
    "SchemaVersion",
    "ShareViewBody",
    "Table",
    "Team",
    "Unset",
    "UpdateSchemaFormatScripts",
    "View",
    "ViewConfig",
    "ViewShare",
]

FileSource = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
"""What ``files.upload`` takes: a path (``str`` or ``os.PathLike``), the bytes themselves, or a
binary file object opened for reading."""
