package text

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules below describe web pages in general: what menus, credits and
// footers look like. None of them names a particular site or story.

// chromeLines are whole lines of site navigation and widgets.
var chromeLines = wordSet(
	"advertisement", "advertisements", "ad", "sponsored", "sponsored content", "skip to content",
	"skip to main content", "menu", "main menu", "search", "home", "share", "share this",
	"share this article", "share this story", "share this post", "tweet", "print", "email",
	"e-mail", "sign in", "log in", "login", "register", "subscribe", "subscribe now", "close",
	"read more", "load more", "show more", "continue reading", "comments", "comment",
	"leave a comment", "leave a reply", "post a comment", "add a comment", "view comments",
	"related", "related articles", "related posts", "related stories", "related news",
	"you may also like", "you might also like", "recommended", "recommended for you",
	"scroll to continue", "advertisement scroll to continue", "listen to this article",
	"listen", "accept cookies", "cookie settings", "copy link", "link copied", "copied",
	"facebook", "twitter", "x", "linkedin", "instagram", "telegram", "youtube", "reddit",
	"pinterest", "whatsapp", "tiktok", "google news", "back to top", "next", "previous",
	"next article", "previous article", "next post", "previous post", "click to share",
	"more", "trending", "trending now", "popular", "most popular", "most read", "latest",
	"latest news", "latest posts", "recent posts", "recent news", "about us", "contact us",
	"privacy policy", "terms of use", "terms and conditions", "newsletter", "tags", "categories",
	"follow us", "share on facebook", "share on twitter", "image", "photo", "video", "watch",
	"enlarge this image", "toggle caption", "hide caption", "caption", "view gallery",
	"open in app", "download app",
)

// footerMarkers open an end-of-page block: once the story has started, a
// bare line like these ends it.
var footerMarkers = wordSet(
	"about us", "about the author", "about", "recent posts", "related posts", "related articles",
	"related stories", "related news", "related", "you may also like", "you might also like",
	"more stories", "more news", "more from", "read more", "read next", "latest news",
	"latest posts", "popular posts", "most popular", "most read", "trending", "trending now",
	"leave a reply", "leave a comment", "comments", "recommended", "recommended for you",
	"tags", "categories", "share this", "share this article",
)

// footerPrefixes start social and legal footers and promotional lines.
var footerPrefixes = []string{
	"follow us", "follow our", "join our", "join us on", "like us on", "find us on",
	"subscribe to", "subscribe for", "sign up for", "sign up to", "download our", "download the",
	"get the latest", "stay updated", "stay up to date", "stay informed", "share this",
	"share on", "click here", "tap here", "read more:", "read also:", "also read:",
	"see also:", "related:", "recommended:",
	"this article was originally", "this story was originally", "originally published",
	"first published on", "we use cookies", "this site uses cookies", "by continuing to use",
	"for more news", "don't miss", "don’t miss", "leave a comment", "leave a reply",
	"sponsored by", "listen to this", "watch:", "watch now",
}

// agencyWords name photo and wire agencies, which make a short line a
// credit ("Jane Doe | AFP | Pool", "Reuters/Jane Doe").
var agencyWords = wordSet(
	"afp", "ap", "reuters", "getty", "images", "epa", "efe", "xinhua", "bloomberg", "shutterstock",
	"istock", "alamy", "pool", "ani", "pti", "anadolu", "sipa", "dpa", "kyodo", "yonhap",
	"tass", "ria", "abaca", "zuma", "imago", "picture-alliance", "afp/getty", "ap/pool",
	"handout", "courtesy", "file", "photo", "photos", "image", "via",
)

var (
	creditPrefixRe = regexp.MustCompile(`(?i)^[(\[]?(?:file\s+)?(?:photo|photograph|image|picture|pic|video|graphic|illustration)s?(?:\s+credit)?\s*(?::|/|by\b)|^(?:credit|photo credit|image credit|source)\s*:`)
	bylineRe       = regexp.MustCompile(`^(?i:by)\s+[\p{Lu}][\p{L}.'-]+(?:\s+[\p{Lu}][\p{L}.'-]+){0,3}(?:\s*(?:,|and|&|\|)\s*[\p{Lu}][\p{L}.' -]*){0,3}$`)
	copyrightRe    = regexp.MustCompile(`(?i)^(?:copyright|©|\(c\))\s*(?:©|\(c\))?\s*\d{4}\b|\ball rights reserved\b`)
	menuSepRe      = regexp.MustCompile(`\s*[|•·»›>]\s*`)
)

// boilerplate says why a paragraph is page boilerplate, or "" when it is
// not; credit is set for photo credit lines.
func boilerplate(p string) (reason string, credit bool) {
	words := wordCount(p)
	key := ""
	if words <= 6 {
		key = lineKey(p)
	}
	switch {
	case !strings.ContainsFunc(p, isAlnum):
		return "no words", false
	case chromeLines[key]:
		return "site chrome", false
	case words <= 6 && hasWord(key, "logo"):
		return "logo", false
	case words <= 40 && hasAnyPrefix(strings.ToLower(p), footerPrefixes):
		return "footer", false
	case words <= 30 && (strings.ContainsAny(p, "©(") || strings.Contains(strings.ToLower(p), "right")) && copyrightRe.MatchString(p):
		return "footer", false
	case words <= 12 && !strings.HasSuffix(p, ".") && len(p) > 3 && strings.EqualFold(p[:3], "by ") && bylineRe.MatchString(p):
		return "byline", false
	case words <= 14 && creditPrefixRe.MatchString(p):
		return "credit", true
	}
	if words > 40 || !strings.ContainsAny(p, "|•·»›>") {
		// Not a menu or credit line; fall through to the short-line check.
	} else if parts := menuSepRe.Split(p, -1); len(parts) >= 2 {
		short, agency := true, false
		for _, part := range parts {
			if len(strings.Fields(part)) > 6 || strings.HasSuffix(part, ".") {
				short = false
			}
			for _, w := range strings.Fields(strings.ToLower(part)) {
				if agencyWords[strings.Trim(w, "()")] {
					agency = true
				}
			}
		}
		switch {
		case short && agency:
			return "credit", true
		case short && len(parts) >= 3:
			return "menu", false
		}
	}
	// "Reuters/Jane Doe", "AFP via Pool": a short line of names
	// with an agency and no sentence.
	if words <= 6 && !sentenceEnd(p) {
		agency := 0
		for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool { return r == ' ' || r == '/' || r == '(' || r == ')' }) {
			if agencyWords[w] && w != "file" && w != "photo" && w != "image" && w != "via" && w != "images" {
				agency++
			}
		}
		if agency > 0 && (strings.Contains(p, "/") || strings.Contains(strings.ToLower(p), "images") || words <= 2) && allCapitalized(p) {
			return "credit", true
		}
	}
	return "", false
}

// captionRe finds what only captions carry: a photo credit in brackets, or
// where someone stands in the picture.
var captionRe = regexp.MustCompile(`(?i)[(\[](?:photo|photograph|image|picture|pic|file photo|credit)s?\b[^)\]]*[)\]]|[(\[](?:left|right|center|centre|front|back|top|bottom|middle|l|r|c|l-r|r-l|2nd (?:left|right|l|r)|second (?:left|right)|from (?:left|right)|left to right|right to left)[)\]]|\b(?:photo|image|picture)\s*:\s*\S+\s*$`)

func isCaption(p string) bool {
	return strings.ContainsAny(p, "([:") && captionRe.MatchString(p)
}

// isHeading reports a section heading: a short line that is not a
// sentence ("Tense relations", "What did she say?", a quoted phrase).
func isHeading(p string) bool {
	if len(p) > 120 || wordCount(p) > 12 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(p, "\"'“‘«"))
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	if opensQuotation(p) {
		return false // "Facing them, she added: “Who is next?": a quotation runs on
	}
	last := lastNonQuote(p)
	return !strings.ContainsRune(".,;:", last) && len(splitSentences(p, 0)) == 1
}

// opensQuotation reports whether p opens a double quotation it does not
// close: a sentence whose quote goes on in the next paragraph, which no
// heading does.
func opensQuotation(p string) bool {
	return strings.Count(p, "\"")%2 == 1 || strings.Count(p, "\u201c") > strings.Count(p, "\u201d")
}

// titleLike reports a line that can be a headline: short, and not a
// sentence that ends with a period.
func titleLike(p string) bool {
	n := wordCount(p)
	if n < 2 || n > 30 || len(p) > 250 {
		return false
	}
	last := lastNonQuote(p)
	return last != '.' && last != ',' && last != ';' && last != ':'
}

// sentenceLike reports a paragraph that reads as prose: several words
// ending with sentence punctuation.
func sentenceLike(p string) bool { return sentenceEnd(p) && wordCount(p) >= 4 }

// wordCount counts the space-separated words of p without allocating.
func wordCount(p string) int {
	n, in := 0, false
	for _, r := range p {
		if r == ' ' || r == '\n' || r == '\t' {
			in = false
		} else if !in {
			in, n = true, n+1
		}
	}
	return n
}

func sentenceEnd(p string) bool {
	switch lastNonQuote(p) {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

// lastNonQuote is the last rune of p that is not a closing quote or bracket.
func lastNonQuote(p string) rune {
	p = strings.TrimRight(p, "\"'”’»)] ")
	r, _ := utf8.DecodeLastRuneInString(p)
	return r
}

// lineKey reduces a line to lowercase words, for matching against the
// chrome and footer lists ("Follow us on:" -> "follow us on").
func lineKey(p string) string {
	f := strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’'
	})
	return strings.Join(f, " ")
}

// titleKey compares titles: case, punctuation and spacing are ignored.
func titleKey(p string) string {
	f := strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(f, " ")
}

// dupKey compares paragraphs for exact repeats: only quote styles differ.
func dupKey(p string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '“', '”', '„':
			return '"'
		case '‘', '’':
			return '\''
		}
		return r
	}, p)
}

func hasWord(key, w string) bool {
	for _, f := range strings.Fields(key) {
		if f == w {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// allCapitalized reports whether every word of p that has letters starts
// with a capital letter.
func allCapitalized(p string) bool {
	for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '/' || r == '|' }) {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(["))
		if unicode.IsLetter(r) && !unicode.IsUpper(r) && w != "via" {
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
