package schema

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph/store"
)

// TestEveryFieldDescribed reads the schema as GraphiQL's Docs pane does,
// by introspection, and requires a description on every type, field,
// argument, input field and enum value of the API (mutations included).
func TestEveryFieldDescribed(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opt := DefaultOptions()
	opt.Curator = store.NewCurator(st, filepath.Join(t.TempDir(), "corrections.json"))
	ex, err := New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	res := ex.Do(ctx, Request{Query: `{ __schema { types {
		name description
		fields { name description args { name description } }
		inputFields { name description }
		enumValues { name description } } } }`})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	b, err := json.Marshal(res.Data)
	if err != nil {
		t.Fatal(err)
	}
	type described struct{ Name, Description string }
	var data struct {
		Schema struct {
			Types []struct {
				described
				Fields []struct {
					described
					Args []described
				}
				InputFields []described
				EnumValues  []described
			}
		} `json:"__schema"`
	}
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	var missing []string
	check := func(path string, d described) {
		if strings.TrimSpace(d.Description) == "" {
			missing = append(missing, path)
		}
	}
	types := 0
	for _, ty := range data.Schema.Types {
		if strings.HasPrefix(ty.Name, "__") || slices.Contains([]string{"String", "Int", "Float", "Boolean", "ID"}, ty.Name) {
			continue // GraphQL's own
		}
		types++
		check(ty.Name, ty.described)
		for _, f := range ty.Fields {
			check(ty.Name+"."+f.Name, f.described)
			for _, a := range f.Args {
				check(ty.Name+"."+f.Name+"("+a.Name+")", a)
			}
		}
		for _, f := range ty.InputFields {
			check(ty.Name+"."+f.Name, f)
		}
		for _, v := range ty.EnumValues {
			check(ty.Name+"."+v.Name, v)
		}
	}
	if types < 20 {
		t.Fatalf("introspection saw only %d types", types)
	}
	if len(missing) > 0 {
		t.Errorf("%d without a description:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}
