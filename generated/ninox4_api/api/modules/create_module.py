from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_module_body import CreateModuleBody
from ...models.module_response import ModuleResponse
from ...types import Response


def request_kwargs(
    workspace_id: str,
    *,
    body: CreateModuleBody,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workspace/{workspace_id}/modules".format(
            workspace_id=quote(str(workspace_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ModuleResponse | str | None:
    if response.status_code == 201:
        response_201 = ModuleResponse.from_dict(response.json())

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
) -> Response[ModuleResponse | str]:
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
    body: CreateModuleBody,
) -> Response[ModuleResponse | str]:
    """Create a module

     Creates a module. §3.1 row 3, [1]. Answers `400` when the name exists. Scope
    `schema:write`; setting `openRoles` also needs `schema:manage-permissions` (§5, scope names
    [2+], which operation needs which: inferred from the names).

    Args:
        workspace_id (str):
        body (CreateModuleBody): Body of `createModule` (§7.1, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModuleResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateModuleBody,
) -> ModuleResponse | str | None:
    """Create a module

     Creates a module. §3.1 row 3, [1]. Answers `400` when the name exists. Scope
    `schema:write`; setting `openRoles` also needs `schema:manage-permissions` (§5, scope names
    [2+], which operation needs which: inferred from the names).

    Args:
        workspace_id (str):
        body (CreateModuleBody): Body of `createModule` (§7.1, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModuleResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateModuleBody,
) -> Response[ModuleResponse | str]:
    """Create a module

     Creates a module. §3.1 row 3, [1]. Answers `400` when the name exists. Scope
    `schema:write`; setting `openRoles` also needs `schema:manage-permissions` (§5, scope names
    [2+], which operation needs which: inferred from the names).

    Args:
        workspace_id (str):
        body (CreateModuleBody): Body of `createModule` (§7.1, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModuleResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateModuleBody,
) -> ModuleResponse | str | None:
    """Create a module

     Creates a module. §3.1 row 3, [1]. Answers `400` when the name exists. Scope
    `schema:write`; setting `openRoles` also needs `schema:manage-permissions` (§5, scope names
    [2+], which operation needs which: inferred from the names).

    Args:
        workspace_id (str):
        body (CreateModuleBody): Body of `createModule` (§7.1, [1]).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModuleResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            client=client,
            body=body,
        )
    ).parsed
