from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_set import ChangeSet
from ...types import UNSET, Response, Unset


def request_kwargs(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    since_sq: int | Unset = 0,
    nx_password: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}
    if not isinstance(nx_password, Unset):
        headers["nx-password"] = nx_password

    params: dict[str, Any] = {}

    params["sinceSq"] = since_sq

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/teams/{team_id}/databases/{database_id}/tables/{table_id}/changes".format(
            team_id=quote(str(team_id), safe=""),
            database_id=quote(str(database_id), safe=""),
            table_id=quote(str(table_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChangeSet | str | None:
    if response.status_code == 200:
        response_200 = ChangeSet.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = response.text
        return response_422

    if response.status_code == 429:
        response_429 = response.text
        return response_429

    if response.status_code == 500:
        response_500 = response.text
        return response_500

    if response.status_code == 502:
        response_502 = response.text
        return response_502

    if response.status_code == 503:
        response_503 = response.text
        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ChangeSet | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient | Client,
    since_sq: int | Unset = 0,
    nx_password: str | Unset = UNSET,
) -> Response[ChangeSet | str]:
    """Get a table's changes since a sequence number

     Records of one table changed and removed since `sinceSq`. §4.17, [2+] operation, [1] shape.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        since_sq (int | Unset):  Default: 0.
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeSet | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        since_sq=since_sq,
        nx_password=nx_password,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient | Client,
    since_sq: int | Unset = 0,
    nx_password: str | Unset = UNSET,
) -> ChangeSet | str | None:
    """Get a table's changes since a sequence number

     Records of one table changed and removed since `sinceSq`. §4.17, [2+] operation, [1] shape.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        since_sq (int | Unset):  Default: 0.
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeSet | str
    """

    return sync_detailed(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        client=client,
        since_sq=since_sq,
        nx_password=nx_password,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient | Client,
    since_sq: int | Unset = 0,
    nx_password: str | Unset = UNSET,
) -> Response[ChangeSet | str]:
    """Get a table's changes since a sequence number

     Records of one table changed and removed since `sinceSq`. §4.17, [2+] operation, [1] shape.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        since_sq (int | Unset):  Default: 0.
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeSet | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        since_sq=since_sq,
        nx_password=nx_password,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient | Client,
    since_sq: int | Unset = 0,
    nx_password: str | Unset = UNSET,
) -> ChangeSet | str | None:
    """Get a table's changes since a sequence number

     Records of one table changed and removed since `sinceSq`. §4.17, [2+] operation, [1] shape.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        since_sq (int | Unset):  Default: 0.
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeSet | str
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            database_id=database_id,
            table_id=table_id,
            client=client,
            since_sq=since_sq,
            nx_password=nx_password,
        )
    ).parsed
