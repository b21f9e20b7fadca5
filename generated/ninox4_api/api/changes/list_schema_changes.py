from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.schema_changes_response import SchemaChangesResponse
from ...types import UNSET, Response, Unset


def request_kwargs(
    workspace_id: str,
    *,
    since: str,
    as_of: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""

    params: dict[str, Any] = {}

    params["since"] = since

    params["asOf"] = as_of

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/workspace/{workspace_id}/schema/changes".format(
            workspace_id=quote(str(workspace_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> SchemaChangesResponse | str | None:
    if response.status_code == 200:
        response_200 = SchemaChangesResponse.from_dict(response.json())

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
) -> Response[SchemaChangesResponse | str]:
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
    since: str,
    as_of: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[SchemaChangesResponse | str]:
    """List schema changes since a time, one page

     Observed. Modules, tables and fields created, updated, deleted or restored since `since`,
    oldest first, with `meta.asOf` and `meta.retentionCutoff`. `400` without `since` (§3.2,
    [2+] existence: W6W, DE; [1] shape: W6W `actions/schema-changes-list.ts`).

    Args:
        workspace_id (str):
        since (str): An instant in UTC, ISO 8601 ending in `Z`, e.g. `2026-10-01T00:00:00Z` (§3.2,
            [1]).
        as_of (str | Unset): An instant in UTC, ISO 8601 ending in `Z`, e.g.
            `2026-10-01T00:00:00Z` (§3.2, [1]).
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SchemaChangesResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        since=since,
        as_of=as_of,
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
    since: str,
    as_of: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> SchemaChangesResponse | str | None:
    """List schema changes since a time, one page

     Observed. Modules, tables and fields created, updated, deleted or restored since `since`,
    oldest first, with `meta.asOf` and `meta.retentionCutoff`. `400` without `since` (§3.2,
    [2+] existence: W6W, DE; [1] shape: W6W `actions/schema-changes-list.ts`).

    Args:
        workspace_id (str):
        since (str): An instant in UTC, ISO 8601 ending in `Z`, e.g. `2026-10-01T00:00:00Z` (§3.2,
            [1]).
        as_of (str | Unset): An instant in UTC, ISO 8601 ending in `Z`, e.g.
            `2026-10-01T00:00:00Z` (§3.2, [1]).
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SchemaChangesResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        client=client,
        since=since,
        as_of=as_of,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    since: str,
    as_of: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[SchemaChangesResponse | str]:
    """List schema changes since a time, one page

     Observed. Modules, tables and fields created, updated, deleted or restored since `since`,
    oldest first, with `meta.asOf` and `meta.retentionCutoff`. `400` without `since` (§3.2,
    [2+] existence: W6W, DE; [1] shape: W6W `actions/schema-changes-list.ts`).

    Args:
        workspace_id (str):
        since (str): An instant in UTC, ISO 8601 ending in `Z`, e.g. `2026-10-01T00:00:00Z` (§3.2,
            [1]).
        as_of (str | Unset): An instant in UTC, ISO 8601 ending in `Z`, e.g.
            `2026-10-01T00:00:00Z` (§3.2, [1]).
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SchemaChangesResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        since=since,
        as_of=as_of,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    *,
    client: AuthenticatedClient | Client,
    since: str,
    as_of: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> SchemaChangesResponse | str | None:
    """List schema changes since a time, one page

     Observed. Modules, tables and fields created, updated, deleted or restored since `since`,
    oldest first, with `meta.asOf` and `meta.retentionCutoff`. `400` without `since` (§3.2,
    [2+] existence: W6W, DE; [1] shape: W6W `actions/schema-changes-list.ts`).

    Args:
        workspace_id (str):
        since (str): An instant in UTC, ISO 8601 ending in `Z`, e.g. `2026-10-01T00:00:00Z` (§3.2,
            [1]).
        as_of (str | Unset): An instant in UTC, ISO 8601 ending in `Z`, e.g.
            `2026-10-01T00:00:00Z` (§3.2, [1]).
        offset (int | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SchemaChangesResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            client=client,
            since=since,
            as_of=as_of,
            offset=offset,
            limit=limit,
        )
    ).parsed
