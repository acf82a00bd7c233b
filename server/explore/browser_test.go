package explore_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/schema"
	"github.com/newsgraph/newsgraph/server"
)

// chromium finds the browser: $NEWSGRAPH_CHROMIUM, else Debian's chromium.
func chromium() string {
	if p := os.Getenv("NEWSGRAPH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// seedServer serves the sample articles' graph the way `newsgraph serve`
// does.
func seedServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := ingest.New(ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Ingest(ctx, st, []string{filepath.Join("..", "..", "testdata", "articles")}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	ex, err := schema.New(st, schema.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	opt := server.DefaultOptions()
	opt.Logger = slog.New(slog.DiscardHandler)
	opt.Export = func(ctx context.Context, w io.Writer, r export.Request) error { return export.Export(ctx, st, w, r) }
	srv := httptest.NewServer(server.New(ex, opt))
	t.Cleanup(srv.Close)
	return srv
}

// TestExplorerInChromium drives /explore in a headless Chromium over the
// sample articles: a search for a person shows their meetings, a click on
// an entity expands it, a click on a meeting shows its evidence marked in
// the stored text; no console error on the way; readable at phone width.
// Screenshots go to $NEWSGRAPH_SCREENSHOTS, else the test's temporary
// directory (named in the log).
func TestExplorerInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no chromium on PATH (apt-get install chromium, or set NEWSGRAPH_CHROMIUM): the explorer is not tested in a browser")
	}
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	shots := os.Getenv("NEWSGRAPH_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	srv := seedServer(t)
	// A fresh profile, removed without checking: Chromium's helper
	// processes may still be writing into it as the browser exits.
	profile, err := os.MkdirTemp("", "newsgraph-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()

	var mu sync.Mutex
	var consoleErrors []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value))
				}
				consoleErrors = append(consoleErrors, "console.error: "+strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			consoleErrors = append(consoleErrors, "exception: "+ev.ExceptionDetails.Error())
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				consoleErrors = append(consoleErrors, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})

	shot := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var png []byte
			if err := chromedp.CaptureScreenshot(&png).Do(ctx); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name), png, 0o644)
		})
	}
	wait := func(what, expr string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			if err := chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(20*time.Second)).Do(ctx); err != nil {
				return fmt.Errorf("waiting for %s (%s): %w", what, expr, err)
			}
			return nil
		})
	}
	// clickNode clicks, with the mouse, where the graph draws the first node
	// whose label starts with prefix.
	clickNode := func(prefix string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var pos []float64
			js := fmt.Sprintf(`(function () {
				var cy = window.newsgraphExplorer.cy;
				var n = cy.nodes().filter(function (n) { return n.data('label').indexOf(%q) === 0; })[0];
				if (!n) { return []; }
				var box = cy.container().getBoundingClientRect(), p = n.renderedPosition();
				return [box.left + p.x, box.top + p.y];
			})()`, prefix)
			if err := chromedp.Evaluate(js, &pos).Do(ctx); err != nil {
				return err
			}
			if len(pos) != 2 {
				return fmt.Errorf("no node labelled %q… in the graph", prefix)
			}
			return chromedp.MouseClickXY(pos[0], pos[1]).Do(ctx)
		})
	}
	nodeCount := `window.newsgraphExplorer.cy.nodes().length`

	var timeline, details, mark, cited, phoneOverflow string
	var before, after int
	err = chromedp.Run(ctx,
		chromedp.ActionFunc(func(ctx context.Context) error { return log.Enable().Do(ctx) }),
		chromedp.Navigate(srv.URL+"/explore#depth=1"),
		wait("the filters", `document.querySelectorAll('#node-types input').length > 0`),
		// A search for a person, with the keyboard: type, pick, Enter.
		chromedp.SendKeys("#search", "Blinken", chromedp.ByID),
		wait("suggestions", `!document.getElementById('suggestions').hidden`),
		chromedp.SendKeys("#search", kb.ArrowDown+kb.Enter, chromedp.ByID),
		wait("the timeline of Blinken's meetings", `document.querySelectorAll('#timeline-list li').length >= 3`),
		chromedp.Text("#timeline", &timeline, chromedp.ByID),
		shot("1-search.png"),
		// A click on an entity expands it.
		chromedp.Evaluate(nodeCount, &before),
		clickNode("Xi Jinping"),
		chromedp.ActionFunc(func(ctx context.Context) error {
			return wait("Xi Jinping expanded", fmt.Sprintf("location.hash.indexOf('expand=') >= 0 && %s > %d", nodeCount, before)).Do(ctx)
		}),
		chromedp.Evaluate(nodeCount, &after),
		shot("2-expand.png"),
		// A click on a meeting shows its evidence, marked in the stored text.
		clickNode("Xi Jinping – Antony Blinken"),
		wait("the meeting's evidence in the stored text", `(document.querySelector('#details h2') || {}).textContent === 'Meeting: Xi Jinping – Antony Blinken' &&
			document.querySelectorAll('#details .evidence .text mark').length > 0`),
		chromedp.Text("#details", &details, chromedp.ByID),
		chromedp.Text("#details .evidence .text mark", &mark, chromedp.ByQuery),
		chromedp.Text("#details .evidence .text mark strong", &cited, chromedp.ByQuery),
		shot("3-evidence.png"),
		// Readable at phone width: nothing wider than the screen.
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth ? "overflow " + document.documentElement.scrollWidth : ""`, &phoneOverflow),
		shot("4-phone.png"),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)

	for _, who := range []string{"Xi Jinping", "Wang Yi", "Qin Gang"} {
		if !strings.Contains(timeline, who) {
			t.Errorf("Blinken's timeline lacks his meeting with %s:\n%s", who, timeline)
		}
	}
	if after <= before {
		t.Errorf("clicking Xi Jinping drew %d nodes, before %d: not expanded", after, before)
	}
	if !strings.Contains(details, "Sources disagree") || !strings.Contains(details, "Diaoyutai State Guesthouse") ||
		!strings.Contains(details, "Great Hall of the People") {
		t.Errorf("the Xi Jinping meeting does not show its two venues with their sources:\n%s", details)
	}
	if !strings.Contains(mark, "Xi") || cited == "" || !strings.Contains(mark, cited) {
		t.Errorf("marked sentence %q, cited words %q: want a sentence naming Xi with the names in bold", mark, cited)
	}
	if phoneOverflow != "" {
		t.Errorf("at 390 px wide the page scrolls sideways: %s", phoneOverflow)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, e := range consoleErrors {
		t.Errorf("browser: %s", e)
	}
}
