// openapi-zod-client (Zodios + zod + axios): the scenario of common.ts, responses validated by zod.
import { isAxiosError } from "axios";
import { BASE_URL, check, main, PAGE_SIZE, TOKEN } from "./common";
import { createApiClient } from "./gen/zodios/api";

const axiosConfig = { headers: { Authorization: `Bearer ${TOKEN}` } };
const api = createApiClient(BASE_URL, { axiosConfig });
// openapi-zod-client types a `*/*` download as z.void(): the one call that skips response validation.
const raw = createApiClient(BASE_URL, { axiosConfig, validate: "request" });

async function status(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (error) {
    if (isAxiosError(error) && error.response) return error.response.status;
    throw error;
  }
}

main("openapi-zod-client", {
  teams: () => api.listTeams(),
  databases: (teamId) => api.listDatabases({ params: { teamId } }),
  tables: (teamId, databaseId) => api.listTables({ params: { teamId, databaseId } }),
  page: ({ teamId, dbId, tableId }, page) =>
    api.listRecords({ params: { teamId, databaseId: dbId, tableId }, queries: { page, perPage: PAGE_SIZE } }),
  create: async ({ teamId, dbId, tableId }, fields) => {
    const written = await api.saveRecords([{ fields }], { params: { teamId, databaseId: dbId, tableId } });
    check(written[0], "one record written");
    return written[0].id;
  },
  update: async ({ teamId, dbId, tableId }, recordId, fields) =>
    (await api.updateRecord({ fields }, { params: { teamId, databaseId: dbId, tableId, recordId } })).fields,
  upload: async ({ teamId, dbId, tableId }, recordId, file) => {
    await api.uploadFile({ file }, { params: { teamId, databaseId: dbId, tableId, recordId } });
  },
  download: async ({ teamId, dbId, tableId }, recordId, fileName) => {
    const data: unknown = await raw.downloadFile({
      params: { teamId, databaseId: dbId, tableId, recordId, fileName },
      responseType: "arraybuffer",
    });
    // axios answers a Buffer (a Uint8Array) on Node and an ArrayBuffer in browsers
    check(data instanceof Uint8Array || data instanceof ArrayBuffer, "download answered bytes");
    return new Uint8Array(data);
  },
  query: ({ teamId, dbId }, query) => api.runQuery({ query }, { params: { teamId, databaseId: dbId } }),
  changes: ({ teamId, dbId, tableId }, sinceSq) =>
    api.listTableChanges({ params: { teamId, databaseId: dbId, tableId }, queries: { sinceSq } }),
  remove: ({ teamId, dbId, tableId }, recordId) =>
    status(() => api.deleteRecord(undefined, { params: { teamId, databaseId: dbId, tableId, recordId } })),
  getStatus: ({ teamId, dbId, tableId }, recordId) =>
    status(() => api.getRecord({ params: { teamId, databaseId: dbId, tableId, recordId } })),
});
