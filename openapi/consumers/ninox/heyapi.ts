// @hey-api/openapi-ts (fetch client): the scenario of common.ts through the generated SDK.
import { BASE_URL, check, main, PAGE_SIZE, TOKEN } from "./common";
import { client } from "./gen/heyapi/client.gen";
import * as sdk from "./gen/heyapi/sdk.gen";

client.setConfig({ baseUrl: BASE_URL, auth: () => TOKEN });

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  check(result.data !== undefined && result.response.ok, `${what}: ${result.response.status}`);
  return result.data;
}

const path = (ids: { teamId: string; dbId: string; tableId: string }) => ({
  teamId: ids.teamId,
  databaseId: ids.dbId,
  tableId: ids.tableId,
});

main("@hey-api/openapi-ts", {
  teams: async () => ok(await sdk.listTeams(), "listTeams"),
  databases: async (teamId) => ok(await sdk.listDatabases({ path: { teamId } }), "listDatabases"),
  tables: async (teamId, databaseId) => ok(await sdk.listTables({ path: { teamId, databaseId } }), "listTables"),
  page: async (ids, page) =>
    ok(await sdk.listRecords({ path: path(ids), query: { page, perPage: PAGE_SIZE } }), "listRecords"),
  create: async (ids, fields) => {
    const written = ok(await sdk.saveRecords({ path: path(ids), body: [{ fields }] }), "saveRecords");
    check(written[0], "one record written");
    return written[0].id;
  },
  update: async (ids, recordId, fields) =>
    ok(await sdk.updateRecord({ path: { ...path(ids), recordId }, body: { fields } }), "updateRecord").fields,
  upload: async (ids, recordId, file) => {
    ok(await sdk.uploadFile({ path: { ...path(ids), recordId }, body: { file } }), "uploadFile");
  },
  download: async (ids, recordId, fileName) => {
    const result = await sdk.downloadFile({ path: { ...path(ids), recordId, fileName }, parseAs: "blob" });
    return new Uint8Array(await ok(result, "downloadFile").arrayBuffer());
  },
  query: async (ids, query) =>
    ok(await sdk.runQuery({ path: { teamId: ids.teamId, databaseId: ids.dbId }, body: { query } }), "runQuery"),
  changes: async (ids, sinceSq) =>
    ok(await sdk.listTableChanges({ path: path(ids), query: { sinceSq } }), "listTableChanges"),
  remove: async (ids, recordId) => (await sdk.deleteRecord({ path: { ...path(ids), recordId } })).response.status,
  getStatus: async (ids, recordId) => (await sdk.getRecord({ path: { ...path(ids), recordId } })).response.status,
});
