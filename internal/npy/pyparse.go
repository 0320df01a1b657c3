package npy

import (
	"fmt"
	"strconv"
	"strings"
)

// pyParser reads the subset of Python literals that .npy headers use:
// dicts, tuples, lists, strings, integers, True, False and None.
type pyParser struct {
	s string
	i int
}

// maxPyDepth bounds the nesting of header literals.
const maxPyDepth = 8

func (p *pyParser) skip() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *pyParser) value(depth int) (any, error) {
	if depth > maxPyDepth {
		return nil, fmt.Errorf("nested too deeply")
	}
	p.skip()
	if p.i == len(p.s) {
		return nil, fmt.Errorf("ends early")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.dict(depth)
	case c == '(' || c == '[':
		return p.seq(depth)
	case c == '\'' || c == '"':
		return p.str()
	case c == '-' || isDigit(c):
		return p.int()
	}
	return p.ident()
}

func (p *pyParser) dict(depth int) (any, error) {
	d := map[string]any{}
	p.i++ // '{'
	for {
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return d, nil
		}
		k, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		key, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", k)
		}
		if err := p.expect(':'); err != nil {
			return nil, err
		}
		if d[key], err = p.value(depth + 1); err != nil {
			return nil, err
		}
		if err := p.sep('}'); err != nil {
			return nil, err
		}
	}
}

func (p *pyParser) seq(depth int) (any, error) {
	end := byte(')')
	if p.s[p.i] == '[' {
		end = ']'
	}
	p.i++
	var items []any
	for {
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == end {
			p.i++
			return items, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		if err := p.sep(end); err != nil {
			return nil, err
		}
	}
}

// sep consumes a ',' or leaves the closing byte end for the caller.
func (p *pyParser) sep(end byte) error {
	p.skip()
	switch {
	case p.i < len(p.s) && p.s[p.i] == ',':
		p.i++
		return nil
	case p.i < len(p.s) && p.s[p.i] == end:
		return nil
	}
	return fmt.Errorf("expected ',' or %q at byte %d", end, p.i)
}

func (p *pyParser) expect(c byte) error {
	p.skip()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return nil
	}
	return fmt.Errorf("expected %q at byte %d", c, p.i)
}

func (p *pyParser) str() (any, error) {
	q := p.s[p.i]
	j := strings.IndexByte(p.s[p.i+1:], q)
	if j < 0 {
		return nil, fmt.Errorf("unterminated string")
	}
	s := p.s[p.i+1 : p.i+1+j]
	p.i += j + 2
	return s, nil
}

func (p *pyParser) int() (any, error) {
	j := p.i
	if p.s[j] == '-' {
		j++
	}
	for j < len(p.s) && isDigit(p.s[j]) {
		j++
	}
	n, err := strconv.Atoi(p.s[p.i:j])
	if err != nil {
		return nil, fmt.Errorf("bad integer %q", p.s[p.i:j])
	}
	if j < len(p.s) && p.s[j] == 'L' { // Python 2 long
		j++
	}
	p.i = j
	return n, nil
}

func (p *pyParser) ident() (any, error) {
	for _, id := range []struct {
		s string
		v any
	}{{"True", true}, {"False", false}, {"None", nil}} {
		if strings.HasPrefix(p.s[p.i:], id.s) {
			p.i += len(id.s)
			return id.v, nil
		}
	}
	return nil, fmt.Errorf("unexpected %q at byte %d", p.s[p.i], p.i)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
