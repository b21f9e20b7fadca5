from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.tables_response import TablesResponse
from ...types import UNSET, Response, Unset


def request_kwargs(
    workspace_id: str,
    module_name: str,
    *,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/workspace/{workspace_id}/modules/{module_name}/tables".format(
            workspace_id=quote(str(workspace_id), safe=""),
            module_name=quote(str(module_name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> TablesResponse | str | None:
    if response.status_code == 200:
        response_200 = TablesResponse.from_dict(response.json())

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
) -> Response[TablesResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace_id: str,
    module_name: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[TablesResponse | str]:
    """List the tables of a module

     The module's tables with their fields. §3.1 row 7, [1]. Paged like the module list in the
    live document (§4, [2+] live, [conflict] by date).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TablesResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: str,
    module_name: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> TablesResponse | str | None:
    """List the tables of a module

     The module's tables with their fields. §3.1 row 7, [1]. Paged like the module list in the
    live document (§4, [2+] live, [conflict] by date).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TablesResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        module_name=module_name,
        client=client,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    module_name: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[TablesResponse | str]:
    """List the tables of a module

     The module's tables with their fields. §3.1 row 7, [1]. Paged like the module list in the
    live document (§4, [2+] live, [conflict] by date).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TablesResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    module_name: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> TablesResponse | str | None:
    """List the tables of a module

     The module's tables with their fields. §3.1 row 7, [1]. Paged like the module list in the
    live document (§4, [2+] live, [conflict] by date).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TablesResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            module_name=module_name,
            client=client,
            offset=offset,
            limit=limit,
        )
    ).parsed
