// openapi-typescript types + openapi-fetch: the scenario of common.ts through typed fetch calls.
import createClient from "openapi-fetch";
import { BASE_URL, check, main, MODULE, PAGE_SIZE, TABLE, TOKEN, WORKSPACE, WRONG_TOKEN } from "./common";
import type { paths } from "./gen/openapi-typescript/schema";

const api = createClient<paths>({ baseUrl: BASE_URL, headers: { Authorization: `Bearer ${TOKEN}` } });
const stranger = createClient<paths>({ baseUrl: BASE_URL, headers: { Authorization: `Bearer ${WRONG_TOKEN}` } });

function ok<T>(result: { data?: T; response: Response }, what: string): T {
  check(result.data !== undefined && result.response.ok, `${what}: ${result.response.status}`);
  return result.data;
}

const W = "/api/v1/workspace/{workspaceId}" as const;
const T = `${W}/modules/{moduleName}/tables/{tableName}` as const;
const path = { workspaceId: WORKSPACE, moduleName: MODULE, tableName: TABLE };

main("openapi-typescript + openapi-fetch", {
  modules: async () => ok(await api.GET(`${W}/modules`, { params: { path: { workspaceId: WORKSPACE } } }), "modules").data,
  tables: async (moduleName) =>
    ok(await api.GET(`${W}/modules/{moduleName}/tables`, { params: { path: { workspaceId: WORKSPACE, moduleName } } }), "tables")
      .data,
  page: async (offset) => {
    const page = ok(await api.GET(`${T}/records`, { params: { path, query: { offset, limit: PAGE_SIZE } } }), "records");
    return { ids: page.data.map((r) => r.id), hasMore: page.page_info.has_more, offset: page.page_info.offset };
  },
  create: async (records) => ok(await api.POST(`${T}/records`, { params: { path }, body: { records } }), "add").data.ids,
  update: async (id, values) =>
    ok(await api.PATCH(`${T}/records`, { params: { path }, body: { records: [{ ...values, id }] } }), "update").data
      .updatedIds,
  get: async (recordId) =>
    ok(await api.GET(`${T}/record/{recordId}`, { params: { path: { ...path, recordId } } }), "get").data.values,
  upsert: async (matchField, records) =>
    ok(await api.POST(`${T}/records/upsert`, { params: { path }, body: { matchField, records } }), "upsert").data,
  changes: async (since) => ok(await api.GET(`${T}/records/changes`, { params: { path, query: { since } } }), "changes").data,
  remove: async (records) =>
    ok(await api.DELETE(`${T}/records`, { params: { path }, body: { records } }), "delete").data.deletedIds,
  getStatus: async (recordId) =>
    (await api.GET(`${T}/record/{recordId}`, { params: { path: { ...path, recordId } } })).response.status,
  wrongKey: async () => {
    const result = await stranger.GET(`${W}/modules`, { params: { path: { workspaceId: WORKSPACE } } });
    check(typeof result.error === "string", `the 401 body is text: ${JSON.stringify(result.error)}`);
    const { status, headers } = result.response;
    return { status, contentType: headers.get("content-type") ?? "", text: result.error };
  },
});
