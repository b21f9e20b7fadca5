from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.view import View
from ...types import UNSET, Response, Unset


def request_kwargs(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    nx_password: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}
    if not isinstance(nx_password, Unset):
        headers["nx-password"] = nx_password

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/teams/{team_id}/databases/{database_id}/tables/{table_id}/views".format(
            team_id=quote(str(team_id), safe=""),
            database_id=quote(str(database_id), safe=""),
            table_id=quote(str(table_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[View] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = View.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[list[View] | str]:
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
    nx_password: str | Unset = UNSET,
) -> Response[list[View] | str]:
    """List the views of a table

     Saved views of one table. §4.5, [1] (documented for private clouds).

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[View] | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
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
    nx_password: str | Unset = UNSET,
) -> list[View] | str | None:
    """List the views of a table

     Saved views of one table. §4.5, [1] (documented for private clouds).

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[View] | str
    """

    return sync_detailed(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        client=client,
        nx_password=nx_password,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient | Client,
    nx_password: str | Unset = UNSET,
) -> Response[list[View] | str]:
    """List the views of a table

     Saved views of one table. §4.5, [1] (documented for private clouds).

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[View] | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
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
    nx_password: str | Unset = UNSET,
) -> list[View] | str | None:
    """List the views of a table

     Saved views of one table. §4.5, [1] (documented for private clouds).

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[View] | str
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            database_id=database_id,
            table_id=table_id,
            client=client,
            nx_password=nx_password,
        )
    ).parsed
