from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.record_write import RecordWrite
from ...models.table_record import TableRecord
from ...types import UNSET, Response, Unset


def request_kwargs(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    body: list[RecordWrite],
    nx_password: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}
    if not isinstance(nx_password, Unset):
        headers["nx-password"] = nx_password

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/teams/{team_id}/databases/{database_id}/tables/{table_id}/records".format(
            team_id=quote(str(team_id), safe=""),
            database_id=quote(str(database_id), safe=""),
            table_id=quote(str(table_id), safe=""),
        ),
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[TableRecord] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = TableRecord.from_dict(response_200_item_data)

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
) -> Response[list[TableRecord] | str]:
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
    body: list[RecordWrite],
    nx_password: str | Unset = UNSET,
) -> Response[list[TableRecord] | str]:
    """Create and update records in one batch

     Each item without `id` creates a record; each item with `id` updates that record, or creates
    it with that id when `_upsert` is true. Answers the resulting records in input order. §4.12,
    [2+] (documented as "Create/update multiple records with POST"). A single object instead
    of an array is also accepted in practice ([2+], third-party: n8n, Activepieces, an
    on-premises client). Ids may be written as digit strings (`"id": "1"`, ninoxjs README,
    §13, [1]); clients should send integers. [conflict]: one vendor
    reference shows internal items `{_id, _cd, _cu, _md, _mu}` in the answer. The maximum batch
    size is unknown. Safe to repeat only when every item carries an `id`.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        nx_password (str | Unset):
        body (list[RecordWrite]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[TableRecord] | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
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
    *,
    client: AuthenticatedClient | Client,
    body: list[RecordWrite],
    nx_password: str | Unset = UNSET,
) -> list[TableRecord] | str | None:
    """Create and update records in one batch

     Each item without `id` creates a record; each item with `id` updates that record, or creates
    it with that id when `_upsert` is true. Answers the resulting records in input order. §4.12,
    [2+] (documented as "Create/update multiple records with POST"). A single object instead
    of an array is also accepted in practice ([2+], third-party: n8n, Activepieces, an
    on-premises client). Ids may be written as digit strings (`"id": "1"`, ninoxjs README,
    §13, [1]); clients should send integers. [conflict]: one vendor
    reference shows internal items `{_id, _cd, _cu, _md, _mu}` in the answer. The maximum batch
    size is unknown. Safe to repeat only when every item carries an `id`.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        nx_password (str | Unset):
        body (list[RecordWrite]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[TableRecord] | str
    """

    return sync_detailed(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        client=client,
        body=body,
        nx_password=nx_password,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: list[RecordWrite],
    nx_password: str | Unset = UNSET,
) -> Response[list[TableRecord] | str]:
    """Create and update records in one batch

     Each item without `id` creates a record; each item with `id` updates that record, or creates
    it with that id when `_upsert` is true. Answers the resulting records in input order. §4.12,
    [2+] (documented as "Create/update multiple records with POST"). A single object instead
    of an array is also accepted in practice ([2+], third-party: n8n, Activepieces, an
    on-premises client). Ids may be written as digit strings (`"id": "1"`, ninoxjs README,
    §13, [1]); clients should send integers. [conflict]: one vendor
    reference shows internal items `{_id, _cd, _cu, _md, _mu}` in the answer. The maximum batch
    size is unknown. Safe to repeat only when every item carries an `id`.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        nx_password (str | Unset):
        body (list[RecordWrite]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[TableRecord] | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        body=body,
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
    body: list[RecordWrite],
    nx_password: str | Unset = UNSET,
) -> list[TableRecord] | str | None:
    """Create and update records in one batch

     Each item without `id` creates a record; each item with `id` updates that record, or creates
    it with that id when `_upsert` is true. Answers the resulting records in input order. §4.12,
    [2+] (documented as "Create/update multiple records with POST"). A single object instead
    of an array is also accepted in practice ([2+], third-party: n8n, Activepieces, an
    on-premises client). Ids may be written as digit strings (`"id": "1"`, ninoxjs README,
    §13, [1]); clients should send integers. [conflict]: one vendor
    reference shows internal items `{_id, _cd, _cu, _md, _mu}` in the answer. The maximum batch
    size is unknown. Safe to repeat only when every item carries an `id`.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        nx_password (str | Unset):
        body (list[RecordWrite]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[TableRecord] | str
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            database_id=database_id,
            table_id=table_id,
            client=client,
            body=body,
            nx_password=nx_password,
        )
    ).parsed
