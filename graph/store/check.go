package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// maxProblems bounds the problems Check lists.
const maxProblems = 20

// Check verifies the store's invariants: the schema version is present;
// every per-source row belongs to an existing source and is in its row list,
// and every listed row exists; every edge row has its reverse and the other
// way round; every edge endpoint has a claim row of the same source (or is
// that source); every claim, series and edge value decodes and every index
// row is empty and points at an existing claim; the derived
// meeting rows (H, K, M and the participants' Q rows) agree with
// clustering the claims of the series' groups, and the statement rows
// agree with merging the U rows of each speaker. It returns an
// error listing the first problems, or nil.
func (s *Store) Check(ctx context.Context) error {
	var problems []string
	total := 0
	report := func(format string, args ...any) {
		total++
		if len(problems) < maxProblems {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	err := s.view(ctx, func(r *reader) error {
		listed := map[string]graph.ID{} // row key -> source listing it
		seen := map[string]bool{}
		sources := map[graph.ID]bool{}
		heads := map[graph.ID]headRow{}
		pairRows := map[string]bool{}            // K keys
		meetingRows := map[graph.ID][]graph.ID{} // series -> meeting IDs with M rows
		byDateRows := map[graph.ID][]string{}    // series -> its Q rows
		var rows []parsedKey
		said := map[graph.ID][]srcClaims{}                // speaker -> U rows, by source
		values := map[string][]byte{}                     // N, E and B row values
		summaries := map[string][]byte{}                  // Y, I and J rows
		blockKeys := map[graph.ID]map[claimRef]graph.ID{} // speaker -> claim -> its group key in B rows
		hasVersion := false
		var freshFP *string            // C "fresh": every source applies it
		corrs := map[graph.ID]string{} // source -> its corrections fingerprint
		err := r.scan(nil, true, func(k, v []byte) error {
			p, err := parseKey(k)
			if err != nil {
				report("%v", err)
				return nil
			}
			if isGroupRow(p.Prefix) {
				summaries[string(k)] = slices.Clone(v)
				if p.Prefix == prefixName && !isGroupKey(p.Group) {
					report("statement group row %x: key %v without groupKeyMark", k, p.Group)
				}
				return nil
			}
			switch p.Prefix {
			case prefixCorr:
				var c graph.Corrections
				var auto []graph.Correction
				var totals censusRow
				var fresh string
				var gen uint64
				var target any = &c
				switch string(k) {
				case string(autoMergesKey()):
					target = &auto
				case string(censusKey()):
					target = &totals
				case string(freshKey()):
					target = &fresh
				case string(namesGenKey()), string(reconciledKey()):
					target = &gen
				}
				if err := decodeValue(v, target); err != nil {
					report("corrections %q: %v", p.Name, err)
				}
				if target == &fresh {
					freshFP = &fresh
				}
			case prefixLog:
				// The changelog's bookkeeping: no fact.
			case prefixVersion:
				hasVersion = len(v) == 4 && binary.BigEndian.Uint32(v) == schemaVersion
			case prefixSource:
				sources[p.Src] = true
				var row sourceRow
				if err := decodeValue(v, &row); err != nil {
					report("source %v: %v", p.Src, err)
					return nil
				}
				if graph.SourceID(row.Source.Key) != p.Src {
					report("source %v: key %q has ID %v", p.Src, row.Source.Key, graph.SourceID(row.Source.Key))
				}
				corrs[p.Src] = row.Corr
				keys, err := splitRowList(row.Rows)
				if err != nil {
					report("source %v: %v", p.Src, err)
				}
				for _, lk := range keys {
					listed[string(lk)] = p.Src
				}
				if !slices.ContainsFunc(keys, func(k []byte) bool { return string(k) == string(articleKey(p.Src, 0)) }) {
					report("source %v: no stored article", p.Src)
				}
			case prefixHead:
				var h headRow
				if err := decodeValue(v, &h); err != nil {
					report("series head %v: %v", p.Node, err)
					return nil
				}
				heads[p.Node] = h
			case prefixPair:
				if len(v) != 0 {
					report("pair index %x: a value of %d bytes", k, len(v))
				}
				pairRows[string(k)] = true
			case prefixMeeting:
				meetingRows[p.Other] = append(meetingRows[p.Other], p.Node)
			case prefixByDate:
				if len(v) != 0 {
					report("participant index %x: a value of %d bytes", k, len(v))
				}
				byDateRows[p.Src] = append(byDateRows[p.Src], string(k))
			default:
				seen[string(k)] = true
				rows = append(rows, p)
				if err := checkValue(p.Prefix, v); err != nil {
					report("row %x: %v", k, err)
				}
				if p.Prefix == prefixSaid {
					var c statementClaims
					if err := decodeValue(v, &c); err == nil {
						said[p.Node] = append(said[p.Node], srcClaims{src: p.Src, row: c})
					}
				}
				if p.Prefix == prefixNode && nodeKindOf(v) == graph.KindStatement && !isGroupKey(p.Node) {
					report("statement row %x: key %v without groupKeyMark", k, p.Node)
				}
				if p.Prefix == prefixNode || p.Prefix == prefixEdge || p.Prefix == prefixBlock {
					values[string(k)] = slices.Clone(v)
				}
				if p.Prefix == prefixBlock {
					var br blockRow
					if err := decodeValue(v, &br); err == nil {
						if blockKeys[p.Node] == nil {
							blockKeys[p.Node] = map[claimRef]graph.ID{}
						}
						for _, i := range br.Claims {
							blockKeys[p.Node][claimRef{p.Src, i}] = p.Group
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if freshFP != nil {
			for src, fp := range corrs {
				if fp != *freshFP {
					report("source %v applies corrections %q, not %q as C \"fresh\" says", src, fp, *freshFP)
				}
			}
		}
		if !hasVersion {
			report("schema version %d missing", schemaVersion)
		}
		exists := func(k []byte) bool { return seen[string(k)] }
		// The statement rows and the B, Y, J and I rows derived from the U
		// rows (merge_statements.go) are in no row list.
		derived := map[string][]byte{}
		// A group's key depends on the order its claims came in: it is the
		// one its first claim's B rows give, and one group's alone, of any
		// speaker (newGroupKey skips the keys with a J row).
		owner := map[graph.ID]bool{}
		for _, sp := range sortedKeys(said) {
			keyOf := func(g *statementGroup) graph.ID {
				c := g.claims[0]
				k, ok := blockKeys[sp][claimRef{c.src, c.idx}]
				if !ok {
					return foundingKey(sp, c, 0) // its rows are reported missing
				}
				if owner[k] {
					report("statement group key %v of speaker %v names two groups", k, sp)
				}
				owner[k] = true
				return k
			}
			d, err := deriveStatements(sp, said[sp], keyOf)
			if err != nil {
				return err
			}
			for k, v := range d {
				derived[k] = v
				if isGroupRow(k[0]) {
					if got, ok := summaries[k]; !ok {
						report("statement group row %x missing (derived from the statements of speaker %v)", k, sp)
					} else if !bytes.Equal(got, v) {
						report("statement group row %x: value differs from the one derived", k)
					}
					delete(summaries, k)
					continue
				}
				if !seen[k] {
					report("statement row %x missing (derived from the statements of speaker %v)", k, sp)
				} else if !bytes.Equal(values[k], v) {
					report("statement row %x: value differs from the one derived", k)
				}
			}
		}
		for k := range summaries {
			report("statement group row %x of no statement", k)
		}
		series := map[graph.ID]bool{}
		for _, p := range rows {
			k := p.encode()
			_, isDerived := derived[string(k)]
			if !sources[p.Src] {
				report("row %x: source %v does not exist", k, p.Src)
			} else if !isDerived && listed[string(k)] != p.Src {
				report("row %x: not in the row list of source %v", k, p.Src)
			}
			claim := func(node graph.ID) bool {
				return exists(nodeKey(node, p.Src)) || (node == p.Src && sources[node])
			}
			switch p.Prefix {
			case prefixSeries:
				series[p.Node] = true
			case prefixEdge:
				if !exists(reverseKey(p.Other, p.Type, p.Node, p.Src)) {
					report("edge %x: no reverse row", k)
				}
				if !claim(p.Node) || !claim(p.Other) {
					report("edge %x: dangling endpoint", k)
				}
			case prefixReverse:
				if !exists(edgeKey(p.Other, p.Type, p.Node, p.Src)) {
					report("reverse edge %x: no edge row", k)
				}
			case prefixAlias:
				if !exists(nodeKey(p.Node, p.Src)) {
					report("name index %x: no entity claim", k)
				}
			case prefixKind:
				if p.Kind == graph.KindMeeting {
					if !exists(seriesKey(p.Node, p.Src)) {
						report("kind index %x: no meeting claim", k)
					}
				} else if !exists(nodeKey(p.Node, p.Src)) {
					report("kind index %x: no claim", k)
				}
			case prefixRole:
				if !exists(seriesKey(p.Other, p.Src)) || !exists(nodeKey(p.Node, p.Src)) {
					report("role index %x: no meeting or node claim", k)
				}
			}
		}
		for k, src := range listed {
			if !seen[k] {
				report("source %v lists missing row %x", src, k)
			}
		}
		all := map[graph.ID][]srcSeries{}
		for _, sid := range sortedKeys(series) {
			rs, err := loadSeriesRows(r.ctx, r.txn, sid)
			if err != nil {
				return err
			}
			all[sid] = rs
		}
		groups := deriveGroups(all)
		for _, sid := range sortedKeys(series) {
			d := groups[sid]
			h, ok := heads[sid]
			got := slices.Clone(meetingRows[sid])
			slices.Sort(got)
			if !ok || !slices.Equal(d.ids, h.Meetings) || !slices.Equal(d.ids, got) {
				report("series %v: meetings %v, head %v (present: %v), index %v", sid, d.ids, h.Meetings, ok, got)
			}
			if !slices.Equal(d.group, h.Group) {
				report("series %v: group %v, head says %v", sid, d.group, h.Group)
			}
			if !slices.Equal(d.byDate, byDateRows[sid]) { // both in key order
				report("series %v: participant index rows %x, want %x", sid, byDateRows[sid], d.byDate)
			}
			for _, pr := range pairsOf(all[sid][0].row.Participants) {
				k := string(pairKey(pr[0], pr[1], sid))
				if !pairRows[k] {
					report("series %v: pair index row %x missing", sid, k)
				}
				delete(pairRows, k)
			}
			delete(heads, sid)
			delete(meetingRows, sid)
			delete(byDateRows, sid)
		}
		for k := range pairRows {
			report("pair index row %x without claims", k)
		}
		for sid := range byDateRows {
			report("participant index rows of series %v without claims", sid)
		}
		for sid := range heads {
			report("series head %v without claims", sid)
		}
		for sid := range meetingRows {
			report("meeting index rows of series %v without claims", sid)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check graph store: %w", err)
	}
	if total == 0 {
		return nil
	}
	slices.Sort(problems)
	return fmt.Errorf("check graph store: %d problems: %s", total, strings.Join(problems, "; "))
}

// checkValue decodes the value v of a per-source row with prefix: claim and
// series rows must decode in full, edge rows when not empty, and the rows
// of the indexes are empty.
func checkValue(prefix byte, v []byte) error {
	switch prefix {
	case prefixNode:
		switch nodeKindOf(v) {
		case graph.KindEntity:
			return decodeNode(v, &entityRow{}, true)
		case graph.KindEvent:
			return decodeNode(v, &eventRow{}, true)
		case graph.KindStatement:
			return decodeNode(v, &statementRow{}, true)
		}
		return fmt.Errorf("unknown stored kind %v", nodeKindOf(v))
	case prefixSeries:
		return decodeValue(v, &seriesRow{})
	case prefixSaid:
		return decodeValue(v, &statementClaims{})
	case prefixEdge:
		if len(v) == 0 {
			return nil
		}
		return decodeValue(v, &edgeRow{})
	case prefixReverse, prefixAlias, prefixKind, prefixRole:
		if len(v) != 0 {
			return fmt.Errorf("index row with a value of %d bytes", len(v))
		}
	}
	return nil
}
