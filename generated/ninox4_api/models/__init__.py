"""Contains all the data models used in inputs/outputs"""

from .add_rows_body import AddRowsBody
from .add_rows_response import AddRowsResponse
from .add_rows_result import AddRowsResult
from .change_feed_meta import ChangeFeedMeta
from .choice_option import ChoiceOption
from .choice_option_input import ChoiceOptionInput
from .create_field_body import CreateFieldBody
from .create_module_body import CreateModuleBody
from .create_table_body import CreateTableBody
from .csv_import_form import CsvImportForm
from .csv_import_form_encoding import CsvImportFormEncoding
from .csv_import_form_has_header import CsvImportFormHasHeader
from .csv_import_form_import_mode import CsvImportFormImportMode
from .csv_import_form_number_format import CsvImportFormNumberFormat
from .csv_import_response import CsvImportResponse
from .csv_import_result import CsvImportResult
from .delete_fields_batch_body import DeleteFieldsBatchBody
from .delete_rows_body import DeleteRowsBody
from .delete_rows_response import DeleteRowsResponse
from .delete_rows_result import DeleteRowsResult
from .deleted_item import DeletedItem
from .deleted_item_response import DeletedItemResponse
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .expression_error import ExpressionError
from .field_definition import FieldDefinition
from .field_kind import FieldKind
from .field_response import FieldResponse
from .field_role import FieldRole
from .fields_response import FieldsResponse
from .functions_response import FunctionsResponse
from .global_function import GlobalFunction
from .icon_setting import IconSetting
from .label_map import LabelMap
from .module_definition import ModuleDefinition
from .module_response import ModuleResponse
from .module_role import ModuleRole
from .modules_response import ModulesResponse
from .page_info import PageInfo
from .print_report_body import PrintReportBody
from .print_report_response import PrintReportResponse
from .printed_report import PrintedReport
from .record_change import RecordChange
from .record_changes_response import RecordChangesResponse
from .record_item import RecordItem
from .record_response import RecordResponse
from .record_update import RecordUpdate
from .record_values import RecordValues
from .record_write import RecordWrite
from .report_definition import ReportDefinition
from .report_response import ReportResponse
from .reports_response import ReportsResponse
from .rows_meta import RowsMeta
from .rows_meta_filter import RowsMetaFilter
from .rows_response import RowsResponse
from .schema_change import SchemaChange
from .schema_changes_response import SchemaChangesResponse
from .script_exec_body import ScriptExecBody
from .script_exec_response import ScriptExecResponse
from .string_variant import StringVariant
from .table_definition import TableDefinition
from .table_response import TableResponse
from .tables_response import TablesResponse
from .update_field_body import UpdateFieldBody
from .update_module_body import UpdateModuleBody
from .update_rows_body import UpdateRowsBody
from .update_rows_response import UpdateRowsResponse
from .update_rows_result import UpdateRowsResult
from .update_table_body import UpdateTableBody
from .upsert_rows_body import UpsertRowsBody
from .upsert_rows_response import UpsertRowsResponse
from .upsert_rows_result import UpsertRowsResult
from .view_definition import ViewDefinition
from .view_response import ViewResponse
from .views_response import ViewsResponse
from .workspace_definition import WorkspaceDefinition
from .workspace_response import WorkspaceResponse

__all__ = (
    "AddRowsBody",
    "AddRowsResponse",
    "AddRowsResult",
    "ChangeFeedMeta",
    "ChoiceOption",
    "ChoiceOptionInput",
    "CreateFieldBody",
    "CreateModuleBody",
    "CreateTableBody",
    "CsvImportForm",
    "CsvImportFormEncoding",
    "CsvImportFormHasHeader",
    "CsvImportFormImportMode",
    "CsvImportFormNumberFormat",
    "CsvImportResponse",
    "CsvImportResult",
    "DeleteFieldsBatchBody",
    "DeleteRowsBody",
    "DeleteRowsResponse",
    "DeleteRowsResult",
    "DeletedItem",
    "DeletedItemResponse",
    "ErrorDetail",
    "ErrorResponse",
    "ExpressionError",
    "FieldDefinition",
    "FieldKind",
    "FieldResponse",
    "FieldRole",
    "FieldsResponse",
    "FunctionsResponse",
    "GlobalFunction",
    "IconSetting",
    "LabelMap",
    "ModuleDefinition",
    "ModuleResponse",
    "ModuleRole",
    "ModulesResponse",
    "PageInfo",
    "PrintReportBody",
    "PrintReportResponse",
    "PrintedReport",
    "RecordChange",
    "RecordChangesResponse",
    "RecordItem",
    "RecordResponse",
    "RecordUpdate",
    "RecordValues",
    "RecordWrite",
    "ReportDefinition",
    "ReportResponse",
    "ReportsResponse",
    "RowsMeta",
    "RowsMetaFilter",
    "RowsResponse",
    "SchemaChange",
    "SchemaChangesResponse",
    "ScriptExecBody",
    "ScriptExecResponse",
    "StringVariant",
    "TableDefinition",
    "TableResponse",
    "TablesResponse",
    "UpdateFieldBody",
    "UpdateModuleBody",
    "UpdateRowsBody",
    "UpdateRowsResponse",
    "UpdateRowsResult",
    "UpdateTableBody",
    "UpsertRowsBody",
    "UpsertRowsResponse",
    "UpsertRowsResult",
    "ViewDefinition",
    "ViewResponse",
    "ViewsResponse",
    "WorkspaceDefinition",
    "WorkspaceResponse",
)
