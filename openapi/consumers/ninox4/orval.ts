// orval (fetch client): the scenario of common.ts through the generated functions.
import { check, main, MODULE as M, PAGE_SIZE, TABLE as T, WORKSPACE as W, WRONG_TOKEN } from "./common";
import * as api from "./gen/orval/api";

main("orval", {
  modules: async () => {
    const r = await api.listModules(W);
    check(r.status === 200, `listModules: ${r.status}`);
    return r.data.data;
  },
  tables: async (module) => {
    const r = await api.listTables(W, module);
    check(r.status === 200, `listTables: ${r.status}`);
    return r.data.data;
  },
  page: async (offset) => {
    const r = await api.listRecords(W, M, T, { offset, limit: PAGE_SIZE });
    check(r.status === 200, `listRecords: ${r.status}`);
    return { ids: r.data.data.map((x) => x.id), hasMore: r.data.page_info.has_more, offset: r.data.page_info.offset };
  },
  create: async (records) => {
    const r = await api.addRecords(W, M, T, { records });
    check(r.status === 201, `addRecords: ${r.status}`);
    return r.data.data.ids;
  },
  update: async (id, values) => {
    const r = await api.updateRecords(W, M, T, { records: [{ ...values, id }] });
    check(r.status === 200, `updateRecords: ${r.status}`);
    return r.data.data.updatedIds;
  },
  get: async (id) => {
    const r = await api.getRecord(W, M, T, id);
    check(r.status === 200, `getRecord: ${r.status}`);
    return r.data.data.values;
  },
  upsert: async (matchField, records) => {
    const r = await api.upsertRecords(W, M, T, { matchField, records });
    check(r.status === 200, `upsertRecords: ${r.status}`);
    return r.data.data;
  },
  changes: async (since) => {
    const r = await api.listRecordChanges(W, M, T, { since });
    check(r.status === 200, `listRecordChanges: ${r.status}`);
    return r.data.data;
  },
  remove: async (records) => {
    const r = await api.deleteRecords(W, M, T, { records });
    check(r.status === 200, `deleteRecords: ${r.status}`);
    return r.data.data.deletedIds;
  },
  getStatus: async (id) => (await api.getRecord(W, M, T, id)).status,
  wrongKey: async () => {
    const r = await api.listModules(W, undefined, { headers: { Authorization: `Bearer ${WRONG_TOKEN}` } });
    check(r.status === 401 && typeof r.data === "string", `wrong key: ${r.status} ${JSON.stringify(r.data)}`);
    return { status: r.status, contentType: r.headers.get("content-type") ?? "", text: r.data };
  },
});
