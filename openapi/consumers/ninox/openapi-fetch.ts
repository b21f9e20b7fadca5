// openapi-typescript types + openapi-fetch: the scenario of common.ts through typed fetch calls.
import createClient from "openapi-fetch";
import { BASE_URL, check, main, PAGE_SIZE, TOKEN } from "./common";
import type { paths } from "./gen/openapi-typescript/schema";

const api = createClient<paths>({ baseUrl: BASE_URL, headers: { Authorization: `Bearer ${TOKEN}` } });

function ok<T>(result: { data?: T; response: Response }, what: string): T {
  check(result.data !== undefined && result.response.ok, `${what}: ${result.response.status}`);
  return result.data;
}

const P = "/teams/{teamId}/databases/{databaseId}/tables/{tableId}" as const;
const path = (ids: { teamId: string; dbId: string; tableId: string }) => ({
  teamId: ids.teamId,
  databaseId: ids.dbId,
  tableId: ids.tableId,
});

main("openapi-typescript + openapi-fetch", {
  teams: async () => ok(await api.GET("/teams"), "GET /teams"),
  databases: async (teamId) => ok(await api.GET("/teams/{teamId}/databases", { params: { path: { teamId } } }), "databases"),
  tables: async (teamId, databaseId) =>
    ok(await api.GET("/teams/{teamId}/databases/{databaseId}/tables", { params: { path: { teamId, databaseId } } }), "tables"),
  page: async (ids, page) =>
    ok(await api.GET(`${P}/records`, { params: { path: path(ids), query: { page, perPage: PAGE_SIZE } } }), "records"),
  create: async (ids, fields) => {
    const written = ok(await api.POST(`${P}/records`, { params: { path: path(ids) }, body: [{ fields }] }), "save");
    check(written[0], "one record written");
    return written[0].id;
  },
  update: async (ids, recordId, fields) =>
    ok(await api.PUT(`${P}/records/{recordId}`, { params: { path: { ...path(ids), recordId } }, body: { fields } }), "update")
      .fields,
  upload: async (ids, recordId, file) => {
    const result = await api.POST(`${P}/records/{recordId}/files`, {
      params: { path: { ...path(ids), recordId } },
      // openapi-typescript types `format: binary` as string (documented); the serializer sends the File.
      body: { file: file.name },
      bodySerializer: () => {
        const form = new FormData();
        form.append("file", file, file.name);
        return form;
      },
    });
    check(result.response.ok, `upload: ${result.response.status}`);
  },
  download: async (ids, recordId, fileName) => {
    const result = await api.GET(`${P}/records/{recordId}/files/{fileName}`, {
      params: { path: { ...path(ids), recordId, fileName } },
      parseAs: "arrayBuffer",
    });
    return new Uint8Array(ok(result, "download"));
  },
  query: async (ids, query) =>
    ok(
      await api.POST("/teams/{teamId}/databases/{databaseId}/query", {
        params: { path: { teamId: ids.teamId, databaseId: ids.dbId } },
        body: { query },
      }),
      "query",
    ),
  changes: async (ids, sinceSq) => ok(await api.GET(`${P}/changes`, { params: { path: path(ids), query: { sinceSq } } }), "changes"),
  remove: async (ids, recordId) =>
    (await api.DELETE(`${P}/records/{recordId}`, { params: { path: { ...path(ids), recordId } } })).response.status,
  getStatus: async (ids, recordId) =>
    (await api.GET(`${P}/records/{recordId}`, { params: { path: { ...path(ids), recordId } } })).response.status,
});
