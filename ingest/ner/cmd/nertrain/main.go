// Command nertrain trains newsgraph's named-entity model from CoNLL-2003
// files given on the command line and writes the compressed model:
//
//	go run ./ingest/ner/cmd/nertrain -train PATH -dev PATH -o ingest/ner/model.bin.gz
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/newsgraph/newsgraph/ingest/ner"
)

func main() {
	var (
		trainPath = flag.String("train", "", "CoNLL training file (required)")
		devPath   = flag.String("dev", "", "CoNLL development file: picks the best iteration and is scored at the end")
		outPath   = flag.String("o", "", "where to write the model (required)")
		iters     = flag.Int("iterations", 0, "passes over the training data (0: default)")
		seed      = flag.Uint64("seed", 1, "shuffling seed")
		prune     = flag.Float64("prune", 0, "drop averaged weights below this (0: default, negative: keep all)")
		minFeat   = flag.Int("min-feature-count", 0, "drop rarer features (0: default)")
		folds     = flag.Int("folds", 0, "folds of training documents for the second pass (0: default)")
		sentOnly  = flag.Bool("sentences-only", false, "train no second, document-level pass")
	)
	flag.Parse()
	if *trainPath == "" || *outPath == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *trainPath, *devPath, *outPath, ner.Options{
		Iterations: *iters, Seed: *seed, Prune: *prune, MinFeatureCount: *minFeat, SentencesOnly: *sentOnly, Folds: *folds,
	}); err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
}

func read(path string) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func run(ctx context.Context, trainPath, devPath, outPath string, opt ner.Options) error {
	train, err := read(trainPath)
	if err != nil {
		return err
	}
	var dev []ner.Sentence
	if devPath != "" {
		if dev, err = read(devPath); err != nil {
			return err
		}
	}
	m, err := ner.Train(ctx, train, dev, opt, os.Stdout)
	if err != nil {
		return err
	}
	f, err := os.Create(outPath)
	if err != nil {
		return err
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", outPath, err)
	}
	fmt.Printf("wrote %s (%d bytes)\n", outPath, n)
	if len(dev) > 0 {
		// Score the model as read back, to check exactly what ships.
		f, err := os.Open(outPath)
		if err != nil {
			return err
		}
		defer f.Close()
		back, err := ner.Read(f)
		if err != nil {
			return err
		}
		fmt.Print("dev scores:\n", ner.Evaluate(back, dev))
	}
	return nil
}
