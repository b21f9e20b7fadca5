from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.file_upload import FileUpload
from ...types import UNSET, Response, Unset


def request_kwargs(
    team_id: str,
    database_id: str,
    table_id: str,
    record_id: int,
    *,
    body: FileUpload,
    nx_password: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}
    if not isinstance(nx_password, Unset):
        headers["nx-password"] = nx_password

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/teams/{team_id}/databases/{database_id}/tables/{table_id}/records/{record_id}/files".format(
            team_id=quote(str(team_id), safe=""),
            database_id=quote(str(database_id), safe=""),
            table_id=quote(str(table_id), safe=""),
            record_id=quote(str(record_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | str | None:
    if response.status_code == 200:
        response_200 = response.json()
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

    if response.status_code == 413:
        response_413 = response.text
        return response_413

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
) -> Response[Any | str]:
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
    record_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: FileUpload,
    nx_password: str | Unset = UNSET,
) -> Response[Any | str]:
    """Upload a file to a record

     Attaches a file, sent as `multipart/form-data` with the part `file` (with a file name).
    §4.16, [2+] (n8n, 4leads, Activepieces, PyPI `ninox`). The optional part `fieldName` puts
    the file into a file or image field (name or id) instead of the general attachments ([1],
    n8n). The answer body and the size limit are unknown; it is described as any JSON (the
    emulator answers the new file's metadata).

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        record_id (int): Record id, unique within its table.
        nx_password (str | Unset):
        body (FileUpload): Multipart body of `uploadFile`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        record_id=record_id,
        body=body,
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
    record_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: FileUpload,
    nx_password: str | Unset = UNSET,
) -> Any | str | None:
    """Upload a file to a record

     Attaches a file, sent as `multipart/form-data` with the part `file` (with a file name).
    §4.16, [2+] (n8n, 4leads, Activepieces, PyPI `ninox`). The optional part `fieldName` puts
    the file into a file or image field (name or id) instead of the general attachments ([1],
    n8n). The answer body and the size limit are unknown; it is described as any JSON (the
    emulator answers the new file's metadata).

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        record_id (int): Record id, unique within its table.
        nx_password (str | Unset):
        body (FileUpload): Multipart body of `uploadFile`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
    """

    return sync_detailed(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        record_id=record_id,
        client=client,
        body=body,
        nx_password=nx_password,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    database_id: str,
    table_id: str,
    record_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: FileUpload,
    nx_password: str | Unset = UNSET,
) -> Response[Any | str]:
    """Upload a file to a record

     Attaches a file, sent as `multipart/form-data` with the part `file` (with a file name).
    §4.16, [2+] (n8n, 4leads, Activepieces, PyPI `ninox`). The optional part `fieldName` puts
    the file into a file or image field (name or id) instead of the general attachments ([1],
    n8n). The answer body and the size limit are unknown; it is described as any JSON (the
    emulator answers the new file's metadata).

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        record_id (int): Record id, unique within its table.
        nx_password (str | Unset):
        body (FileUpload): Multipart body of `uploadFile`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        record_id=record_id,
        body=body,
        nx_password=nx_password,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    team_id: str,
    database_id: str,
    table_id: str,
    record_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: FileUpload,
    nx_password: str | Unset = UNSET,
) -> Any | str | None:
    """Upload a file to a record

     Attaches a file, sent as `multipart/form-data` with the part `file` (with a file name).
    §4.16, [2+] (n8n, 4leads, Activepieces, PyPI `ninox`). The optional part `fieldName` puts
    the file into a file or image field (name or id) instead of the general attachments ([1],
    n8n). The answer body and the size limit are unknown; it is described as any JSON (the
    emulator answers the new file's metadata).

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        record_id (int): Record id, unique within its table.
        nx_password (str | Unset):
        body (FileUpload): Multipart body of `uploadFile`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | str
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            database_id=database_id,
            table_id=table_id,
            record_id=record_id,
            client=client,
            body=body,
            nx_password=nx_password,
        )
    ).parsed
