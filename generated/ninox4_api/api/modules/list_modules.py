from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.modules_response import ModulesResponse
from ...types import UNSET, Response, Unset


def request_kwargs(
    workspace_id: str,
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
        "url": "/api/v1/workspace/{workspace_id}/modules".format(
            workspace_id=quote(str(workspace_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ModulesResponse | str | None:
    if response.status_code == 200:
        response_200 = ModulesResponse.from_dict(response.json())

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
) -> Response[ModulesResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ModulesResponse | str]:
    """List modules

     The workspace's modules with their tables. §3.1 row 2, [1]. The July document declares no
    query parameters; the live document pages this list with `limit`/`offset` and answers
    `page_info` (§4, [2+] for the live behaviour, [conflict] by date). `limit=1` is a cheap key
    check (§5, [1]).

    Args:
        workspace_id (str):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModulesResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ModulesResponse | str | None:
    """List modules

     The workspace's modules with their tables. §3.1 row 2, [1]. The July document declares no
    query parameters; the live document pages this list with `limit`/`offset` and answers
    `page_info` (§4, [2+] for the live behaviour, [conflict] by date). `limit=1` is a cheap key
    check (§5, [1]).

    Args:
        workspace_id (str):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModulesResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        client=client,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[ModulesResponse | str]:
    """List modules

     The workspace's modules with their tables. §3.1 row 2, [1]. The July document declares no
    query parameters; the live document pages this list with `limit`/`offset` and answers
    `page_info` (§4, [2+] for the live behaviour, [conflict] by date). `limit=1` is a cheap key
    check (§5, [1]).

    Args:
        workspace_id (str):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModulesResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> ModulesResponse | str | None:
    """List modules

     The workspace's modules with their tables. §3.1 row 2, [1]. The July document declares no
    query parameters; the live document pages this list with `limit`/`offset` and answers
    `page_info` (§4, [2+] for the live behaviour, [conflict] by date). `limit=1` is a cheap key
    check (§5, [1]).

    Args:
        workspace_id (str):
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModulesResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            client=client,
            offset=offset,
            limit=limit,
        )
    ).parsed
