from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.table_record import TableRecord
from ...types import UNSET, Response, Unset


def request_kwargs(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    page: int | Unset = 0,
    per_page: int | Unset = 100,
    order: str | Unset = UNSET,
    desc: bool | Unset = UNSET,
    new: bool | Unset = UNSET,
    updated: bool | Unset = UNSET,
    since_id: int | Unset = UNSET,
    since_sq: int | Unset = UNSET,
    filters: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}
    if not isinstance(nx_password, Unset):
        headers["nx-password"] = nx_password

    params: dict[str, Any] = {}

    params["page"] = page

    params["perPage"] = per_page

    params["order"] = order

    params["desc"] = desc

    params["new"] = new

    params["updated"] = updated

    params["sinceId"] = since_id

    params["sinceSq"] = since_sq

    params["filters"] = filters

    params["ids"] = ids

    params["choiceStyle"] = choice_style

    params["style"] = style

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/teams/{team_id}/databases/{database_id}/tables/{table_id}/records".format(
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
    page: int | Unset = 0,
    per_page: int | Unset = 100,
    order: str | Unset = UNSET,
    desc: bool | Unset = UNSET,
    new: bool | Unset = UNSET,
    updated: bool | Unset = UNSET,
    since_id: int | Unset = UNSET,
    since_sq: int | Unset = UNSET,
    filters: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> Response[list[TableRecord] | str]:
    """List records

     One page of records as a bare array, with no total count and no paging headers (§4.9, [2+]).
    A page shorter than `perPage` is the last one. n8n observed the same page being returned
    twice ([1], peers §3 item 1), so clients should detect a repeated page instead of looping.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        page (int | Unset):  Default: 0.
        per_page (int | Unset):  Default: 100.
        order (str | Unset):
        desc (bool | Unset):
        new (bool | Unset):
        updated (bool | Unset):
        since_id (int | Unset):
        since_sq (int | Unset):
        filters (str | Unset):
        ids (bool | Unset):
        choice_style (str | Unset):
        style (str | Unset):
        nx_password (str | Unset):

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
        page=page,
        per_page=per_page,
        order=order,
        desc=desc,
        new=new,
        updated=updated,
        since_id=since_id,
        since_sq=since_sq,
        filters=filters,
        ids=ids,
        choice_style=choice_style,
        style=style,
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
    page: int | Unset = 0,
    per_page: int | Unset = 100,
    order: str | Unset = UNSET,
    desc: bool | Unset = UNSET,
    new: bool | Unset = UNSET,
    updated: bool | Unset = UNSET,
    since_id: int | Unset = UNSET,
    since_sq: int | Unset = UNSET,
    filters: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> list[TableRecord] | str | None:
    """List records

     One page of records as a bare array, with no total count and no paging headers (§4.9, [2+]).
    A page shorter than `perPage` is the last one. n8n observed the same page being returned
    twice ([1], peers §3 item 1), so clients should detect a repeated page instead of looping.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        page (int | Unset):  Default: 0.
        per_page (int | Unset):  Default: 100.
        order (str | Unset):
        desc (bool | Unset):
        new (bool | Unset):
        updated (bool | Unset):
        since_id (int | Unset):
        since_sq (int | Unset):
        filters (str | Unset):
        ids (bool | Unset):
        choice_style (str | Unset):
        style (str | Unset):
        nx_password (str | Unset):

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
        page=page,
        per_page=per_page,
        order=order,
        desc=desc,
        new=new,
        updated=updated,
        since_id=since_id,
        since_sq=since_sq,
        filters=filters,
        ids=ids,
        choice_style=choice_style,
        style=style,
        nx_password=nx_password,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    database_id: str,
    table_id: str,
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 0,
    per_page: int | Unset = 100,
    order: str | Unset = UNSET,
    desc: bool | Unset = UNSET,
    new: bool | Unset = UNSET,
    updated: bool | Unset = UNSET,
    since_id: int | Unset = UNSET,
    since_sq: int | Unset = UNSET,
    filters: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> Response[list[TableRecord] | str]:
    """List records

     One page of records as a bare array, with no total count and no paging headers (§4.9, [2+]).
    A page shorter than `perPage` is the last one. n8n observed the same page being returned
    twice ([1], peers §3 item 1), so clients should detect a repeated page instead of looping.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        page (int | Unset):  Default: 0.
        per_page (int | Unset):  Default: 100.
        order (str | Unset):
        desc (bool | Unset):
        new (bool | Unset):
        updated (bool | Unset):
        since_id (int | Unset):
        since_sq (int | Unset):
        filters (str | Unset):
        ids (bool | Unset):
        choice_style (str | Unset):
        style (str | Unset):
        nx_password (str | Unset):

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
        page=page,
        per_page=per_page,
        order=order,
        desc=desc,
        new=new,
        updated=updated,
        since_id=since_id,
        since_sq=since_sq,
        filters=filters,
        ids=ids,
        choice_style=choice_style,
        style=style,
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
    page: int | Unset = 0,
    per_page: int | Unset = 100,
    order: str | Unset = UNSET,
    desc: bool | Unset = UNSET,
    new: bool | Unset = UNSET,
    updated: bool | Unset = UNSET,
    since_id: int | Unset = UNSET,
    since_sq: int | Unset = UNSET,
    filters: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    choice_style: str | Unset = UNSET,
    style: str | Unset = UNSET,
    nx_password: str | Unset = UNSET,
) -> list[TableRecord] | str | None:
    """List records

     One page of records as a bare array, with no total count and no paging headers (§4.9, [2+]).
    A page shorter than `perPage` is the last one. n8n observed the same page being returned
    twice ([1], peers §3 item 1), so clients should detect a repeated page instead of looping.

    Args:
        team_id (str):
        database_id (str):
        table_id (str):
        page (int | Unset):  Default: 0.
        per_page (int | Unset):  Default: 100.
        order (str | Unset):
        desc (bool | Unset):
        new (bool | Unset):
        updated (bool | Unset):
        since_id (int | Unset):
        since_sq (int | Unset):
        filters (str | Unset):
        ids (bool | Unset):
        choice_style (str | Unset):
        style (str | Unset):
        nx_password (str | Unset):

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
            page=page,
            per_page=per_page,
            order=order,
            desc=desc,
            new=new,
            updated=updated,
            since_id=since_id,
            since_sq=since_sq,
            filters=filters,
            ids=ids,
            choice_style=choice_style,
            style=style,
            nx_password=nx_password,
        )
    ).parsed
