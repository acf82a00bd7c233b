package eval

import (
	"fmt"
	"io"
	"strings"
)

// WriteManifest writes the manifest of the development set: one line per
// article with its file name, event, split, url, the search query that
// finds the page in the stored-pages corpus and the sha256 of its text, so
// that a new machine can retrieve the texts again and check them.
func WriteManifest(w io.Writer, events []*Event) error {
	var b strings.Builder
	b.WriteString("# file\tevent\tsplit\turl\tquery\tsha256\n")
	for _, ev := range events {
		for _, f := range ev.fileNames() {
			a := ev.Articles[f]
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", f, ev.Event, ev.Split, a.URL, strings.ReplaceAll(a.Query, "\t", " "), a.SHA256)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
