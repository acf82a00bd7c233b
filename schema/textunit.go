package schema

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// textUnit is a value of the TextUnit enum: what an offset counts.
type textUnit uint8

const (
	unitByte  textUnit = iota // bytes of UTF-8, how the store keeps spans
	unitUTF16                 // UTF-16 code units (JavaScript)
	unitRune                  // code points (Python)
)

func (u textUnit) String() string {
	switch u {
	case unitByte:
		return "BYTE"
	case unitUTF16:
		return "UTF16"
	case unitRune:
		return "CODEPOINT"
	}
	return fmt.Sprintf("textUnit(%d)", u)
}

// offset converts the byte offset at in text to unit u. An offset outside
// the text or inside a character is an error: the store's spans are on
// character boundaries of the text they point into.
func (u textUnit) offset(text string, at int) (int, error) {
	if at < 0 || at > len(text) || at < len(text) && !utf8.RuneStart(text[at]) {
		return 0, fmt.Errorf("offset %d is not a character boundary of a %d-byte text", at, len(text))
	}
	n := 0
	for _, r := range text[:at] {
		switch u {
		case unitUTF16:
			n += utf16.RuneLen(r)
		default:
			n++
		}
	}
	if u == unitByte {
		return at, nil
	}
	return n, nil
}
