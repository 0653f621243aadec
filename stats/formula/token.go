package formula

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the Python token type of a token, which decides how patsy
// spaces it when it writes a factor's name.
type tokKind int

const (
	tName tokKind = iota
	tNumber
	tString
	tOp
	tEOF
)

type token struct {
	kind tokKind
	text string
	pos  int
}

// operators, longest first.
var operators = []string{"**", "(", ")", ",", ".", "=", "+", "-", "*", "/", ":", "~"}

// tokenize splits s into Python tokens, the way patsy's python_tokenize sees
// a formula. The last token is tEOF at len(s).
func tokenize(s string) ([]token, *Error) {
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '#':
			return nil, &Error{Formula: s, Pos: i, Msg: "comments are not allowed"}
		case c == '\'' || c == '"':
			j, err := scanString(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tString, s[i:j], i})
			i = j
		case isDigit(c) || (c == '.' && i+1 < len(s) && isDigit(s[i+1])):
			j, err := scanNumber(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tNumber, s[i:j], i})
			i = j
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if isIdentStart(r) {
				j := i + size
				for j < len(s) {
					r, size := utf8.DecodeRuneInString(s[j:])
					if !isIdentStart(r) && !unicode.IsDigit(r) {
						break
					}
					j += size
				}
				toks = append(toks, token{tName, s[i:j], i})
				i = j
				continue
			}
			op := ""
			for _, o := range operators {
				if strings.HasPrefix(s[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				if r == utf8.RuneError && size <= 1 {
					return nil, &Error{Formula: s, Pos: i, Msg: "invalid UTF-8"}
				}
				return nil, &Error{Formula: s, Pos: i, Msg: "unexpected character " + quoteRune(r)}
			}
			toks = append(toks, token{tOp, op, i})
			i += len(op)
		}
	}
	return append(toks, token{tEOF, "", len(s)}), nil
}

func quoteRune(r rune) string {
	if r == '`' {
		return "'`'"
	}
	return "`" + string(r) + "`"
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentStart(r rune) bool {
	return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || (r > 127 && unicode.IsLetter(r))
}

// scanString returns the end of the Python string literal starting at i
// (single or double quotes, backslash escapes, no line breaks).
func scanString(s string, i int) (int, *Error) {
	q := s[i]
	j := i + 1
	for j < len(s) {
		switch s[j] {
		case '\\':
			j += 2
			continue
		case q:
			return j + 1, nil
		case '\n':
			j = len(s)
			continue
		}
		j++
	}
	return 0, &Error{Formula: s, Pos: i, Msg: "unclosed string"}
}

// scanNumber returns the end of the decimal number starting at i.
func scanNumber(s string, i int) (int, *Error) {
	j := i
	digits := func() {
		for j < len(s) && (isDigit(s[j]) || s[j] == '_') {
			j++
		}
	}
	digits()
	if j < len(s) && s[j] == '.' {
		j++
		digits()
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			j = k
			digits()
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if isIdentStart(r) || r == '.' {
			return 0, &Error{Formula: s, Pos: i, Msg: "malformed number"}
		}
	}
	return j, nil
}

// unquote returns the value of a Python string literal (quotes included).
func unquote(lit string) string {
	body := lit[1 : len(lit)-1]
	if !strings.Contains(body, `\`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 == len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\', '\'', '"':
			b.WriteByte(body[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(body[i])
		}
	}
	return b.String()
}

var (
	spaceBoth   = map[string]bool{"+": true, "-": true, "*": true, "/": true, "%": true, "&": true, "^": true, "|": true, "<": true, ">": true, "==": true, "<>": true, "!=": true, "<=": true, ">=": true, "<<": true, ">>": true, "**": true, "//": true}
	spaceBefore = map[string]bool{"!": true, "~": true}
	spaceAfter  = map[string]bool{",": true, ":": true}
)

// untokenize writes tokens back as text, spaced the way patsy's
// pretty_untokenize spaces a factor's code: this is how patsy names factors
// ("I(x ** 2)", "np.log(x)", "C(g, Treatment('b'))").
func untokenize(toks []token) string {
	var b strings.Builder
	prevSpaceDelim, prevWantsSpace, prevOpenOrComma, prevObjectLike := false, false, false, false
	var brackets []string
	for _, t := range toks {
		if t.kind == tEOF {
			continue
		}
		if t.kind != tOp {
			if prevWantsSpace || prevSpaceDelim {
				b.WriteByte(' ')
			}
			b.WriteString(t.text)
			prevWantsSpace = false
			prevSpaceDelim = true
		} else {
			tok := t.text
			switch tok {
			case "(", "[", "{":
				brackets = append(brackets, tok)
			case ")", "]", "}":
				if len(brackets) > 0 {
					brackets = brackets[:len(brackets)-1]
				}
			}
			before := spaceBoth[tok] || spaceBefore[tok]
			after := spaceBoth[tok] || spaceAfter[tok]
			if tok == ":" && len(brackets) > 0 && brackets[len(brackets)-1] == "[" {
				after = false
			}
			if (tok == "*" || tok == "**") && prevOpenOrComma {
				before, after = false, false
			}
			if tok == "=" && len(brackets) == 0 {
				before, after = true, true
			}
			if (tok == "+" || tok == "-") && !prevObjectLike {
				before, after = false, false
			}
			if prevWantsSpace || before {
				b.WriteByte(' ')
			}
			b.WriteString(tok)
			prevWantsSpace = after
			prevSpaceDelim = false
		}
		prevObjectLike = t.kind != tOp || t.text == ")"
		prevOpenOrComma = t.text == "(" || t.text == ","
	}
	return b.String()
}
