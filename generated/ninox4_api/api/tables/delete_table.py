from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deleted_item_response import DeletedItemResponse
from ...types import Response


def request_kwargs(
    workspace_id: str,
    module_name: str,
    table_name: str,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/workspace/{workspace_id}/modules/{module_name}/tables/{table_name}".format(
            workspace_id=quote(str(workspace_id), safe=""),
            module_name=quote(str(module_name), safe=""),
            table_name=quote(str(table_name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeletedItemResponse | str | None:
    if response.status_code == 200:
        response_200 = DeletedItemResponse.from_dict(response.json())

        return response_200

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
) -> Response[DeletedItemResponse | str]:
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
) -> Response[DeletedItemResponse | str]:
    """Delete a table

     Deletes a table with its records. §3.1 row 11, [1]. Answers an `id` that no read shape
    shows (§9 item 6). Scope `schema:write` (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeletedItemResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
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
) -> DeletedItemResponse | str | None:
    """Delete a table

     Deletes a table with its records. §3.1 row 11, [1]. Answers an `id` that no read shape
    shows (§9 item 6). Scope `schema:write` (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeletedItemResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        client=client,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DeletedItemResponse | str]:
    """Delete a table

     Deletes a table with its records. §3.1 row 11, [1]. Answers an `id` that no read shape
    shows (§9 item 6). Scope `schema:write` (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeletedItemResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> DeletedItemResponse | str | None:
    """Delete a table

     Deletes a table with its records. §3.1 row 11, [1]. Answers an `id` that no read shape
    shows (§9 item 6). Scope `schema:write` (§5, inferred).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeletedItemResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            module_name=module_name,
            table_name=table_name,
            client=client,
        )
    ).parsed
