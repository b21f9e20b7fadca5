from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.csv_import_form import CsvImportForm
from ...models.csv_import_response import CsvImportResponse
from ...types import Response


def request_kwargs(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    body: CsvImportForm,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workspace/{workspace_id}/modules/{module_name}/tables/{table_name}/records/import/csv".format(
            workspace_id=quote(str(workspace_id), safe=""),
            module_name=quote(str(module_name), safe=""),
            table_name=quote(str(table_name), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CsvImportResponse | str | None:
    if response.status_code == 201:
        response_201 = CsvImportResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = response.text
        return response_400

    if response.status_code == 401:
        response_401 = response.text
        return response_401

    if response.status_code == 403:
        response_403 = response.text
        return response_403

    if response.status_code == 404:
        response_404 = response.text
        return response_404

    if response.status_code == 409:
        response_409 = response.text
        return response_409

    if response.status_code == 413:
        response_413 = response.text
        return response_413

    if response.status_code == 429:
        response_429 = response.text
        return response_429

    if response.status_code == 500:
        response_500 = response.text
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CsvImportResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: CsvImportForm,
) -> Response[CsvImportResponse | str]:
    """Import records from a CSV file

     Imports a CSV file of at most 50 MB (§3.1 row 23, §8, [1]). Without `mappings`, columns
    match field names by header, case-insensitively; `update` and `upsert` need a key mapping.
    [conflict] on atomicity: the July document calls the import one transaction, Ninox's own
    tests saw per-row outcomes; treat an interrupted import as possibly partly applied and
    retry with `upsert` on a stable key (§8). Scope `records:write` (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        body (CsvImportForm): Multipart body of `importRecordsCsv` (§3.1 row 23, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CsvImportResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: CsvImportForm,
) -> CsvImportResponse | str | None:
    """Import records from a CSV file

     Imports a CSV file of at most 50 MB (§3.1 row 23, §8, [1]). Without `mappings`, columns
    match field names by header, case-insensitively; `update` and `upsert` need a key mapping.
    [conflict] on atomicity: the July document calls the import one transaction, Ninox's own
    tests saw per-row outcomes; treat an interrupted import as possibly partly applied and
    retry with `upsert` on a stable key (§8). Scope `records:write` (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        body (CsvImportForm): Multipart body of `importRecordsCsv` (§3.1 row 23, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CsvImportResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: CsvImportForm,
) -> Response[CsvImportResponse | str]:
    """Import records from a CSV file

     Imports a CSV file of at most 50 MB (§3.1 row 23, §8, [1]). Without `mappings`, columns
    match field names by header, case-insensitively; `update` and `upsert` need a key mapping.
    [conflict] on atomicity: the July document calls the import one transaction, Ninox's own
    tests saw per-row outcomes; treat an interrupted import as possibly partly applied and
    retry with `upsert` on a stable key (§8). Scope `records:write` (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        body (CsvImportForm): Multipart body of `importRecordsCsv` (§3.1 row 23, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CsvImportResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: CsvImportForm,
) -> CsvImportResponse | str | None:
    """Import records from a CSV file

     Imports a CSV file of at most 50 MB (§3.1 row 23, §8, [1]). Without `mappings`, columns
    match field names by header, case-insensitively; `update` and `upsert` need a key mapping.
    [conflict] on atomicity: the July document calls the import one transaction, Ninox's own
    tests saw per-row outcomes; treat an interrupted import as possibly partly applied and
    retry with `upsert` on a stable key (§8). Scope `records:write` (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        body (CsvImportForm): Multipart body of `importRecordsCsv` (§3.1 row 23, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CsvImportResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            module_name=module_name,
            table_name=table_name,
            client=client,
            body=body,
        )
    ).parsed
