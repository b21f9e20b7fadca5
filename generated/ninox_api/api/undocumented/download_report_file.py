from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, File, Response, Unset


def request_kwargs(
    team_id: str,
    database_id: str,
    report_id: str,
    file_name: str,
    *,
    nx_password: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}
    if not isinstance(nx_password, Unset):
        headers["nx-password"] = nx_password

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/teams/{team_id}/databases/{database_id}/reports/{report_id}/files/{file_name}".format(
            team_id=quote(str(team_id), safe=""),
            database_id=quote(str(database_id), safe=""),
            report_id=quote(str(report_id), safe=""),
            file_name=quote(str(file_name), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> File | str | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[File | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    team_id: str,
    database_id: str,
    report_id: str,
    file_name: str,
    *,
    client: AuthenticatedClient | Client,
    nx_password: str | Unset = UNSET,
) -> Response[File | str]:
    """Download a report's template file (undocumented)

     The template file's bytes, with the file's own MIME type. §4.18, [2+] (Ninox CLI, an
    on-premises client).

    Args:
        team_id (str):
        database_id (str):
        report_id (str):
        file_name (str):
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        report_id=report_id,
        file_name=file_name,
        nx_password=nx_password,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    team_id: str,
    database_id: str,
    report_id: str,
    file_name: str,
    *,
    client: AuthenticatedClient | Client,
    nx_password: str | Unset = UNSET,
) -> File | str | None:
    """Download a report's template file (undocumented)

     The template file's bytes, with the file's own MIME type. §4.18, [2+] (Ninox CLI, an
    on-premises client).

    Args:
        team_id (str):
        database_id (str):
        report_id (str):
        file_name (str):
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | str
    """

    return sync_detailed(
        team_id=team_id,
        database_id=database_id,
        report_id=report_id,
        file_name=file_name,
        client=client,
        nx_password=nx_password,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    database_id: str,
    report_id: str,
    file_name: str,
    *,
    client: AuthenticatedClient | Client,
    nx_password: str | Unset = UNSET,
) -> Response[File | str]:
    """Download a report's template file (undocumented)

     The template file's bytes, with the file's own MIME type. §4.18, [2+] (Ninox CLI, an
    on-premises client).

    Args:
        team_id (str):
        database_id (str):
        report_id (str):
        file_name (str):
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        report_id=report_id,
        file_name=file_name,
        nx_password=nx_password,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    team_id: str,
    database_id: str,
    report_id: str,
    file_name: str,
    *,
    client: AuthenticatedClient | Client,
    nx_password: str | Unset = UNSET,
) -> File | str | None:
    """Download a report's template file (undocumented)

     The template file's bytes, with the file's own MIME type. §4.18, [2+] (Ninox CLI, an
    on-premises client).

    Args:
        team_id (str):
        database_id (str):
        report_id (str):
        file_name (str):
        nx_password (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | str
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            database_id=database_id,
            report_id=report_id,
            file_name=file_name,
            client=client,
            nx_password=nx_password,
        )
    ).parsed
