// @hey-api/openapi-ts (fetch client): the scenario of common.ts through the generated SDK.
import { BASE_URL, check, main, MODULE, PAGE_SIZE, TABLE, TOKEN, WORKSPACE, WRONG_TOKEN } from "./common";
import { createClient, createConfig } from "./gen/heyapi/client";
import { client } from "./gen/heyapi/client.gen";
import * as sdk from "./gen/heyapi/sdk.gen";

client.setConfig({ baseUrl: BASE_URL, auth: () => TOKEN });
const stranger = createClient(createConfig({ baseUrl: BASE_URL, auth: () => WRONG_TOKEN }));

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  check(result.data !== undefined && result.response.ok, `${what}: ${result.response.status}`);
  return result.data;
}

const path = { workspaceId: WORKSPACE, moduleName: MODULE, tableName: TABLE };

main("@hey-api/openapi-ts", {
  modules: async () => ok(await sdk.listModules({ path: { workspaceId: WORKSPACE } }), "listModules").data,
  tables: async (moduleName) =>
    ok(await sdk.listTables({ path: { workspaceId: WORKSPACE, moduleName } }), "listTables").data,
  page: async (offset) => {
    const page = ok(await sdk.listRecords({ path, query: { offset, limit: PAGE_SIZE } }), "listRecords");
    return { ids: page.data.map((r) => r.id), hasMore: page.page_info.has_more, offset: page.page_info.offset };
  },
  create: async (records) => ok(await sdk.addRecords({ path, body: { records } }), "addRecords").data.ids,
  update: async (id, values) =>
    ok(await sdk.updateRecords({ path, body: { records: [{ ...values, id }] } }), "updateRecords").data.updatedIds,
  get: async (recordId) => ok(await sdk.getRecord({ path: { ...path, recordId } }), "getRecord").data.values,
  upsert: async (matchField, records) =>
    ok(await sdk.upsertRecords({ path, body: { matchField, records } }), "upsertRecords").data,
  changes: async (since) => ok(await sdk.listRecordChanges({ path, query: { since } }), "listRecordChanges").data,
  remove: async (records) =>
    ok(await sdk.deleteRecords({ path, body: { records } }), "deleteRecords").data.deletedIds,
  getStatus: async (recordId) => (await sdk.getRecord({ path: { ...path, recordId } })).response.status,
  wrongKey: async () => {
    const result = await sdk.listModules({ client: stranger, path: { workspaceId: WORKSPACE } });
    // hey-api types an error by its JSON media type when there is one; the gateway sends text.
    const body: unknown = result.error;
    check(typeof body === "string", `the 401 body is text: ${JSON.stringify(body)}`);
    const { status, headers } = result.response;
    return { status, contentType: headers.get("content-type") ?? "", text: body };
  },
});
