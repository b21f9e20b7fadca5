from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.find_record_request import FindRecordRequest
from ...models.table_record import TableRecord
from ...types import UNSET, Response, Unset


def request_kwargs(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    body: FindRecordRequest,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    date_style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}
    if not isinstance(nx_password, Unset):
        headers["nx-password"] = nx_password

    params: dict[str, Any] = {}

    params["choiceStyle"] = choice_style

    params["style"] = style

    params["dateStyle"] = date_style

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/teams/{team_id}/databases/{database_id}/tables/{table_id}/record".format(
            team_id=quote(str(team_id), safe=""),
            database_id=quote(str(database_id), safe=""),
            table_id=quote(str(table_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[TableRecord] | TableRecord | str | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> list[TableRecord] | TableRecord:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = TableRecord.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            response_200_type_1 = []
            _response_200_type_1 = data
            for componentsschemas_no_match_item_data in _response_200_type_1:
                componentsschemas_no_match_item = TableRecord.from_dict(
                    componentsschemas_no_match_item_data
                )

                response_200_type_1.append(componentsschemas_no_match_item)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[list[TableRecord] | TableRecord | str]:
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
    body: FindRecordRequest,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    date_style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> Response[list[TableRecord] | TableRecord | str]:
    """Find one record by field values

     Looks up the first record whose fields equal all the given values (exact match). §4.11,
    [2+] (Activepieces, MindCloud). When nothing matches, Activepieces receives an **empty
    array** ([1]); a 404 is also plausible, so clients should treat both as "no match".
    [conflict]: the PyPI client posts a query body to `…/records` instead. Read-only.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        choice_style (str | Unset):
        style (str | Unset):
        date_style (str | Unset):
        nx_password (str | Unset):
        body (FindRecordRequest): Body of `findRecord` (§4.11).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[TableRecord] | TableRecord | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        body=body,
        choice_style=choice_style,
        style=style,
        date_style=date_style,
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
    body: FindRecordRequest,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    date_style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> list[TableRecord] | TableRecord | str | None:
    """Find one record by field values

     Looks up the first record whose fields equal all the given values (exact match). §4.11,
    [2+] (Activepieces, MindCloud). When nothing matches, Activepieces receives an **empty
    array** ([1]); a 404 is also plausible, so clients should treat both as "no match".
    [conflict]: the PyPI client posts a query body to `…/records` instead. Read-only.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        choice_style (str | Unset):
        style (str | Unset):
        date_style (str | Unset):
        nx_password (str | Unset):
        body (FindRecordRequest): Body of `findRecord` (§4.11).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[TableRecord] | TableRecord | str
    """

    return sync_detailed(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        client=client,
        body=body,
        choice_style=choice_style,
        style=style,
        date_style=date_style,
        nx_password=nx_password,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: FindRecordRequest,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    date_style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> Response[list[TableRecord] | TableRecord | str]:
    """Find one record by field values

     Looks up the first record whose fields equal all the given values (exact match). §4.11,
    [2+] (Activepieces, MindCloud). When nothing matches, Activepieces receives an **empty
    array** ([1]); a 404 is also plausible, so clients should treat both as "no match".
    [conflict]: the PyPI client posts a query body to `…/records` instead. Read-only.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        choice_style (str | Unset):
        style (str | Unset):
        date_style (str | Unset):
        nx_password (str | Unset):
        body (FindRecordRequest): Body of `findRecord` (§4.11).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[TableRecord] | TableRecord | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        table_id=table_id,
        body=body,
        choice_style=choice_style,
        style=style,
        date_style=date_style,
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
    body: FindRecordRequest,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    date_style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> list[TableRecord] | TableRecord | str | None:
    """Find one record by field values

     Looks up the first record whose fields equal all the given values (exact match). §4.11,
    [2+] (Activepieces, MindCloud). When nothing matches, Activepieces receives an **empty
    array** ([1]); a 404 is also plausible, so clients should treat both as "no match".
    [conflict]: the PyPI client posts a query body to `…/records` instead. Read-only.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        choice_style (str | Unset):
        style (str | Unset):
        date_style (str | Unset):
        nx_password (str | Unset):
        body (FindRecordRequest): Body of `findRecord` (§4.11).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[TableRecord] | TableRecord | str
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            database_id=database_id,
            table_id=table_id,
            client=client,
            body=body,
            choice_style=choice_style,
            style=style,
            date_style=date_style,
            nx_password=nx_password,
        )
    ).parsed
