// orval (fetch client): the scenario of common.ts through the generated functions.
import { check, main, PAGE_SIZE } from "./common";
import * as api from "./gen/orval/api";

function ok<T>(result: { data: T; status: number }, what: string): T {
  check(result.status >= 200 && result.status < 300, `${what}: ${result.status}`);
  return result.data;
}

main("orval", {
  teams: async () => {
    const r = await api.listTeams();
    check(r.status === 200, `listTeams: ${r.status}`);
    return r.data;
  },
  databases: async (teamId) => {
    const r = await api.listDatabases(teamId);
    check(r.status === 200, `listDatabases: ${r.status}`);
    return r.data;
  },
  tables: async (teamId, dbId) => {
    const r = await api.listTables(teamId, dbId);
    check(r.status === 200, `listTables: ${r.status}`);
    return r.data;
  },
  page: async ({ teamId, dbId, tableId }, page) => {
    const r = await api.listRecords(teamId, dbId, tableId, { page, perPage: PAGE_SIZE });
    check(r.status === 200, `listRecords: ${r.status}`);
    return r.data;
  },
  create: async ({ teamId, dbId, tableId }, fields) => {
    const r = await api.saveRecords(teamId, dbId, tableId, [{ fields }]);
    check(r.status === 200 && r.data[0], `saveRecords: ${r.status}`);
    return r.data[0].id;
  },
  update: async ({ teamId, dbId, tableId }, recordId, fields) => {
    const r = await api.updateRecord(teamId, dbId, tableId, recordId, { fields });
    check(r.status === 200, `updateRecord: ${r.status}`);
    return r.data.fields;
  },
  upload: async ({ teamId, dbId, tableId }, recordId, file) => {
    ok(await api.uploadFile(teamId, dbId, tableId, recordId, { file }), "uploadFile");
  },
  download: async ({ teamId, dbId, tableId }, recordId, fileName) => {
    const r = await api.downloadFile(teamId, dbId, tableId, recordId, fileName);
    check(r.status === 200, `downloadFile: ${r.status}`);
    return new Uint8Array(await r.data.arrayBuffer());
  },
  query: async ({ teamId, dbId }, query) => ok(await api.runQuery(teamId, dbId, { query }), "runQuery"),
  changes: async ({ teamId, dbId, tableId }, sinceSq) => {
    const r = await api.listTableChanges(teamId, dbId, tableId, { sinceSq });
    check(r.status === 200, `listTableChanges: ${r.status}`);
    return r.data;
  },
  remove: async ({ teamId, dbId, tableId }, recordId) => (await api.deleteRecord(teamId, dbId, tableId, recordId)).status,
  getStatus: async ({ teamId, dbId, tableId }, recordId) => (await api.getRecord(teamId, dbId, tableId, recordId)).status,
});
