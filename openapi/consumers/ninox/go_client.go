// openapi-generator "go" client: the scenario of common.ts, in Go (standard library only).
// check-consumers copies this file into the generated module as cmd/scenario/main.go.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	ninox "example.invalid/ninoxkit/ninox-go"
)

const pageSize = 2

func check(ok bool, format string, args ...any) {
	if !ok {
		fmt.Fprintf(os.Stderr, "openapi-generator go: check failed: "+format+"\n", args...)
		os.Exit(1)
	}
}

func must[T any](value T, _ any, err error) T {
	if err != nil {
		fmt.Fprintf(os.Stderr, "openapi-generator go: %v\n", err)
		os.Exit(1)
	}
	return value
}

func must2[T any](value T, err error) T {
	return must(value, nil, err)
}

func main() {
	cfg := ninox.NewConfiguration()
	cfg.Servers = ninox.ServerConfigurations{{URL: os.Getenv("NINOX_BASE_URL")}}
	api := ninox.NewAPIClient(cfg)
	ctx := context.WithValue(context.Background(), ninox.ContextAccessToken, os.Getenv("NINOX_TOKEN"))

	team, db, table := "", "", ""
	for _, t := range must(api.TeamsAPI.ListTeams(ctx).Execute()) {
		if t.Name == "Acme" {
			team = t.Id
		}
	}
	for _, d := range must(api.DatabasesAPI.ListDatabases(ctx, team).Execute()) {
		if d.Name == "CRM" {
			db = d.Id
		}
	}
	for _, t := range must(api.TablesAPI.ListTables(ctx, team, db).Execute()) {
		if t.Name == "Contacts" {
			table = t.Id
		}
	}
	check(team != "" && db != "" && table != "", "found Acme / CRM / Contacts")

	var seen []int32
	for page := int32(0); page < 10; page++ {
		batch := must(api.RecordsAPI.ListRecords(ctx, team, db, table).Page(page).PerPage(pageSize).Execute())
		for _, r := range batch {
			seen = append(seen, r.Id)
		}
		if len(batch) < pageSize {
			break
		}
	}
	check(fmt.Sprint(seen) == "[1 2 3 4 5]", "paged through records 1-5, got %v", seen)

	write := ninox.NewRecordWrite(map[string]interface{}{"First Name": "Zed", "Last Name": "Consumer"})
	created := must(api.RecordsAPI.SaveRecords(ctx, team, db, table).RecordWrite([]ninox.RecordWrite{*write}).Execute())
	check(len(created) == 1 && created[0].Id == 6, "created record 6, got %v", created)
	id := created[0].Id
	update := ninox.NewRecordUpdate(map[string]interface{}{"Email": "zed@consumer.example"})
	updated := must(api.RecordsAPI.UpdateRecord(ctx, team, db, table, id).RecordUpdate(*update).Execute())
	check(updated.Fields["Email"] == "zed@consumer.example", "updated the record: %v", updated.Fields)

	payload := make([]byte, 0, 264)
	for i := 0; i < 256; i++ {
		payload = append(payload, byte(i))
	}
	payload = append(payload, '\r', '\n', '-', '-', '+', '+', '+', 0)
	dir := must2(os.MkdirTemp("", "ninox-go-"))
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "all-bytes.bin")
	check(os.WriteFile(path, payload, 0o600) == nil, "wrote the upload file")
	upload := must2(os.Open(path))
	must(api.FilesAPI.UploadFile(ctx, team, db, table, id).File(upload).Execute())
	upload.Close()
	downloaded := must(api.FilesAPI.DownloadFile(ctx, team, db, table, id, "all-bytes.bin").Execute())
	back := must2(io.ReadAll(downloaded))
	downloaded.Close()
	check(bytes.Equal(back, payload), "file round trip byte for byte (%d bytes back)", len(back))

	count := must(api.QueryAPI.RunQuery(ctx, team, db).QueryRequest(*ninox.NewQueryRequest("count(select Contacts)")).Execute())
	check(fmt.Sprint(count) == "6", "query counts 6 contacts, got %v", count)
	changes := must(api.ChangesAPI.ListTableChanges(ctx, team, db, table).SinceSq(0).Execute())
	_, found := changes.Updates[fmt.Sprintf("%s%d", table, id)]
	check(found, "change feed has the new record")

	resp, err := api.RecordsAPI.DeleteRecord(ctx, team, db, table, id).Execute()
	check(err == nil && (resp.StatusCode == 200 || resp.StatusCode == 204), "deleted the record: %v", err)
	_, resp, err = api.RecordsAPI.GetRecord(ctx, team, db, table, id).Execute()
	check(err != nil && resp != nil && resp.StatusCode == 404, "get after delete answered 404")
	fmt.Printf("openapi-generator go: ok (teams, databases, tables, %d records in pages of %d, create, update, %d-byte file round trip, query, changes, delete, 404)\n", len(seen), pageSize, len(payload))
}
