"""Contains all the data models used in inputs/outputs"""

from .change_set import ChangeSet
from .change_set_entry import ChangeSetEntry
from .change_set_next_rids import ChangeSetNextRids
from .change_set_reports import ChangeSetReports
from .change_set_updates import ChangeSetUpdates
from .change_set_views import ChangeSetViews
from .choice import Choice
from .database import Database
from .database_schema import DatabaseSchema
from .database_settings import DatabaseSettings
from .error_message import ErrorMessage
from .error_message_error import ErrorMessageError
from .file_meta import FileMeta
from .file_upload import FileUpload
from .find_record_request import FindRecordRequest
from .find_record_request_filters import FindRecordRequestFilters
from .get_database_format_scripts import GetDatabaseFormatScripts
from .query_request import QueryRequest
from .record_fields import RecordFields
from .record_update import RecordUpdate
from .record_write import RecordWrite
from .report import Report
from .schema_choice import SchemaChoice
from .schema_document import SchemaDocument
from .schema_document_types import SchemaDocumentTypes
from .schema_field import SchemaField
from .schema_field_captions import SchemaFieldCaptions
from .schema_field_values import SchemaFieldValues
from .schema_type import SchemaType
from .schema_type_captions import SchemaTypeCaptions
from .schema_type_fields import SchemaTypeFields
from .schema_version import SchemaVersion
from .share_view_body import ShareViewBody
from .table import Table
from .table_field import TableField
from .table_record import TableRecord
from .team import Team
from .update_schema_format_scripts import UpdateSchemaFormatScripts
from .view import View
from .view_config import ViewConfig
from .view_share import ViewShare

__all__ = (
    "ChangeSet",
    "ChangeSetEntry",
    "ChangeSetNextRids",
    "ChangeSetReports",
    "ChangeSetUpdates",
    "ChangeSetViews",
    "Choice",
    "Database",
    "DatabaseSchema",
    "DatabaseSettings",
    "ErrorMessage",
    "ErrorMessageError",
    "FileMeta",
    "FileUpload",
    "FindRecordRequest",
    "FindRecordRequestFilters",
    "GetDatabaseFormatScripts",
    "QueryRequest",
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
    "TableField",
    "TableRecord",
    "Team",
    "UpdateSchemaFormatScripts",
    "View",
    "ViewConfig",
    "ViewShare",
)
