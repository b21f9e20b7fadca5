// openapi-generator "go" client: the scenario of common.ts, in Go (standard library only).
// check-consumers copies this file into the generated module as cmd/scenario/main.go.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"

	ninox "example.invalid/ninoxkit/ninox-go"
)

const (
	pageSize = 2
	module   = "crm"
	table    = "customers"
	since    = "2026-10-01T00:00:00Z"
)

func check(ok bool, format string, args ...any) {
	if !ok {
		fmt.Fprintf(os.Stderr, "openapi-generator go: check failed: "+format+"\n", args...)
		os.Exit(1)
	}
}

func must[T any](value T, _ *http.Response, err error) T {
	if err != nil {
		fmt.Fprintf(os.Stderr, "openapi-generator go: %v\n", err)
		os.Exit(1)
	}
	return value
}

func id(n int32) ninox.RecordIdInput { return ninox.RecordIdInput{Int32: &n} }

func client(token string) (*ninox.APIClient, context.Context) {
	cfg := ninox.NewConfiguration()
	cfg.Servers = ninox.ServerConfigurations{{URL: os.Getenv("NINOX_BASE_URL")}}
	return ninox.NewAPIClient(cfg), context.WithValue(context.Background(), ninox.ContextAccessToken, token)
}

func main() {
	api, ctx := client(os.Getenv("NINOX_TOKEN"))
	ws := os.Getenv("NINOX_WORKSPACE")

	found := false
	for _, m := range must(api.ModulesAPI.ListModules(ctx, ws).Execute()).Data {
		found = found || m.Name == module
	}
	check(found, "the crm module is listed")
	var tables []string
	for _, t := range must(api.TablesAPI.ListTables(ctx, ws, module).Execute()).Data {
		tables = append(tables, t.Name)
	}
	check(fmt.Sprint(tables) == "[companies customers]", "tables of crm: %v", tables)

	var seen []string
	for offset := int32(0); ; offset += pageSize {
		page := must(api.RecordsAPI.ListRecords(ctx, ws, module, table).Offset(offset).Limit(pageSize).Execute())
		check(page.PageInfo.Offset == offset, "page_info.offset %d for offset %d", page.PageInfo.Offset, offset)
		for _, r := range page.Data {
			seen = append(seen, r.Id)
		}
		if !page.PageInfo.HasMore {
			break
		}
		check(offset < 20, "paging ends")
	}
	check(fmt.Sprint(seen) == "[1 2 3]", "paged through records 1-3, got %v", seen)

	add := ninox.NewAddRowsBody([]map[string]interface{}{{"email": "zed@consumer.example", "name": "Zed", "status": "Lead"}})
	created := must(api.RecordsAPI.AddRecords(ctx, ws, module, table).AddRowsBody(*add).Execute())
	check(fmt.Sprint(created.Data.Ids) == "[4]", "created record 4, got %v", created.Data.Ids)
	update := ninox.NewRecordUpdate(id(4))
	update.AdditionalProperties = map[string]interface{}{"amount": 7, "tags": []string{"vip"}}
	body := ninox.NewUpdateRowsBody([]ninox.RecordUpdate{*update})
	updated := must(api.RecordsAPI.UpdateRecords(ctx, ws, module, table).UpdateRowsBody(*body).Execute())
	check(fmt.Sprint(updated.Data.UpdatedIds) == "[4]", "updated record 4, got %v", updated.Data.UpdatedIds)
	values := must(api.RecordsAPI.GetRecord(ctx, ws, module, table, "4").Execute()).Data.Values
	check(values["amount"] == 7.0 && values["name"] == "Zed", "read back record 4: %v", values)

	upsert := ninox.NewUpsertRowsBody("email", []map[string]interface{}{
		{"email": "lisa@example.com", "amount": 1},
		{"email": "new@consumer.example", "name": "New"},
	})
	upserted := must(api.RecordsAPI.UpsertRecords(ctx, ws, module, table).UpsertRowsBody(*upsert).Execute()).Data
	check(fmt.Sprint(upserted.UpdatedIds, upserted.CreatedIds) == "[1] [5]", "upsert updated 1 and created 5, got %v", upserted)

	var changes []string
	for _, c := range must(api.ChangesAPI.ListRecordChanges(ctx, ws, module, table).Since(since).Execute()).Data {
		changes = append(changes, c.ChangeType+" "+c.Id)
	}
	want := "[created 4 updated 4 updated 1 created 5]"
	check(fmt.Sprint(changes) == want, "change feed: %v", changes)

	remove := ninox.NewDeleteRowsBody([]ninox.RecordIdInput{id(4)})
	deleted := must(api.RecordsAPI.DeleteRecords(ctx, ws, module, table).DeleteRowsBody(*remove).Execute())
	check(fmt.Sprint(deleted.Data.DeletedIds) == "[4]", "deleted record 4, got %v", deleted.Data.DeletedIds)
	_, resp, err := api.RecordsAPI.GetRecord(ctx, ws, module, table, "4").Execute()
	check(err != nil && resp != nil && resp.StatusCode == 404, "get after delete answered 404")

	stranger, sctx := client("not-a-ninox-key")
	_, resp, err = stranger.ModulesAPI.ListModules(sctx, ws).Execute()
	var apiErr *ninox.GenericOpenAPIError
	check(errors.As(err, &apiErr) && resp != nil && resp.StatusCode == 401, "wrong key answered 401: %v", err)
	text, kind := string(apiErr.Body()), resp.Header.Get("Content-Type")
	check(strings.HasPrefix(kind, "text/plain") && text == "Workspace orchestrator error", "wrong key answered %q (%s)", text, kind)

	fmt.Printf("openapi-generator go: ok (modules, tables, %d records in pages of %d, create, update, get, upsert, %d changes, delete, 404, text/plain 401)\n", len(seen), pageSize, len(changes))
}
