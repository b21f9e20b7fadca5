from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_field_body import CreateFieldBody
from ...models.field_response import FieldResponse
from ...types import Response


def request_kwargs(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    body: CreateFieldBody,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workspace/{workspace_id}/modules/{module_name}/tables/{table_name}/fields".format(
            workspace_id=quote(str(workspace_id), safe=""),
            module_name=quote(str(module_name), safe=""),
            table_name=quote(str(table_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FieldResponse | str | None:
    if response.status_code == 201:
        response_201 = FieldResponse.from_dict(response.json())

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
) -> Response[FieldResponse | str]:
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
    body: CreateFieldBody,
) -> Response[FieldResponse | str]:
    """Create a field

     Creates one field. §3.1 row 13, [1]. A broken `expression` does not fail the call: the field
    is created and the answer carries `expressionErrors` (§6, [1]). A `reference` resolves
    `refTableName` in the same module only (cross-module answers `404 table-not-found`) and
    creates the reverse field on the target (§7.1, [1]). Scope `schema:write`, plus
    `schema:manage-permissions` for the role keys (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        body (CreateFieldBody): Body of `createField` and one item of `createFieldsBatch` (§7.1,
            [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FieldResponse | str]
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
    body: CreateFieldBody,
) -> FieldResponse | str | None:
    """Create a field

     Creates one field. §3.1 row 13, [1]. A broken `expression` does not fail the call: the field
    is created and the answer carries `expressionErrors` (§6, [1]). A `reference` resolves
    `refTableName` in the same module only (cross-module answers `404 table-not-found`) and
    creates the reverse field on the target (§7.1, [1]). Scope `schema:write`, plus
    `schema:manage-permissions` for the role keys (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        body (CreateFieldBody): Body of `createField` and one item of `createFieldsBatch` (§7.1,
            [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FieldResponse | str
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
    body: CreateFieldBody,
) -> Response[FieldResponse | str]:
    """Create a field

     Creates one field. §3.1 row 13, [1]. A broken `expression` does not fail the call: the field
    is created and the answer carries `expressionErrors` (§6, [1]). A `reference` resolves
    `refTableName` in the same module only (cross-module answers `404 table-not-found`) and
    creates the reverse field on the target (§7.1, [1]). Scope `schema:write`, plus
    `schema:manage-permissions` for the role keys (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        body (CreateFieldBody): Body of `createField` and one item of `createFieldsBatch` (§7.1,
            [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FieldResponse | str]
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
    body: CreateFieldBody,
) -> FieldResponse | str | None:
    """Create a field

     Creates one field. §3.1 row 13, [1]. A broken `expression` does not fail the call: the field
    is created and the answer carries `expressionErrors` (§6, [1]). A `reference` resolves
    `refTableName` in the same module only (cross-module answers `404 table-not-found`) and
    creates the reverse field on the target (§7.1, [1]). Scope `schema:write`, plus
    `schema:manage-permissions` for the role keys (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        body (CreateFieldBody): Body of `createField` and one item of `createFieldsBatch` (§7.1,
            [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FieldResponse | str
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
