// Tests of the Python-subset lexer and parser (model/lexer.*, model/parser.*, model/ast.*).
//
// Every expected AST dump, error message and error position below was produced by CPython 3.11
// (`ast.parse` / `compile(src, '<s>', 'exec')`, e.msg, e.lineno, e.offset), except the rows of
// unsupported_data(), which are Dunderscope's own messages for constructs CPython accepts.
#include "ast.h"
#include "lexer.h"
#include "parser.h"

#include <QtTest>

#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace ds;

namespace {

struct DumpCase {
    const char* src;
    const char* dump;
};

// parse_expression(src) -> dump (CPython: ast.parse(src, mode='eval'))
const DumpCase kExpressions[] = {
    {"42", "42"},
    {"0", "0"},
    {"1_000_000", "1000000"},
    {"0x1F", "31"},
    {"0o17", "15"},
    {"0b101", "5"},
    {"0XFF", "255"},
    {"9223372036854775807", "9223372036854775807"},
    {"9223372036854775808", "<too big>"},
    {"-9223372036854775808", "-9223372036854775808"},
    {"-(9223372036854775808)", "-9223372036854775808"},
    {"99999999999999999999999", "<too big>"},
    {"1.5", "1.5"},
    {"1.", "1.0"},
    {".5", "0.5"},
    {"1e3", "1000.0"},
    {"1E-3", "0.001"},
    {"1_0.5e1_0", "105000000000.0"},
    {"1e400", "inf"},
    {"1e-400", "0.0"},
    {"0.1", "0.1"},
    {"123456789012345680.0", "1.2345678901234568e+17"},
    {"1e16", "1e+16"},
    {"1e-5", "1e-05"},
    {"'a'", "'a'"},
    {"\"b\"", "'b'"},
    {"'''tri\nple'''", "'tri\\nple'"},
    {"\"\"\"x\"\"\"", "'x'"},
    {"'a' 'b' \"c\"", "'abc'"},
    {"''", "''"},
    {"'\\n\\t\\\\\\'\\\"'", "'\\n\\t\\\\\\'\"'"},
    {"'\\x41\\u00e9\\U0001F600'", "'A\303\251\360\237\230\200'"},
    {"'\\101\\0'", "'A\\x00'"},
    {"r'\\n\\d'", "'\\\\n\\\\d'"},
    {"'\\d'", "'\\\\d'"},
    {"'\303\251'", "'\303\251'"},
    {"'a\\\nb'", "'ab'"},
    {"u'x'", "'x'"},
    {"R'x' 'y'", "'xy'"},
    {"True", "True"},
    {"False", "False"},
    {"None", "None"},
    {"...", "..."},
    {"[]", "[]"},
    {"[1, 'a', None]", "[1 'a' None]"},
    {"[1, *xs, 2]", "[1 *xs 2]"},
    {"()", "(tuple)"},
    {"(1,)", "(tuple 1)"},
    {"(1, 2)", "(tuple 1 2)"},
    {"1, 2", "(tuple 1 2)"},
    {"{}", "(dict)"},
    {"{'a': 1, 'b': [2]}", "(dict 'a':1 'b':[2])"},
    {"{**d, 'k': v}", "(dict **d 'k':v)"},
    {"f'x{a}y'", "(f 'x' {a} 'y')"},
    {"f'{a!r} {b!s} {c!a}'", "(f {a !r} ' ' {b !s} ' ' {c !a})"},
    {"f'{x:>10}'", "(f {x :'>10'})"},
    {"f'{x:{w}.{p}}'", "(f {x :(f {w} '.' {p})})"},
    {"f'{x=}'", "(f 'x=' {x !r})"},
    {"f'{x = !s}'", "(f 'x = ' {x !s})"},
    {"f'{x=:>4}'", "(f 'x=' {x :'>4'})"},
    {"f'{{}}{a}'", "(f '{}' {a})"},
    {"'pre' f'{a}' 'post'", "(f 'pre' {a} 'post')"},
    {"f'{a}' f'{b}'", "(f {a} {b})"},
    {"f''", "(f)"},
    {"f'plain'", "(f 'plain')"},
    {"rf'\\n{a}'", "(f '\\\\n' {a})"},
    {"f'{a[\"k\"]}'", "(f {([] a 'k')})"},
    {"f'''{\na\n}'''", "(f {a})"},
    {"a.b.c", "(. (. a b) c)"},
    {"a[1]", "([] a 1)"},
    {"a[1:2]", "([] a (slice 1 2 _))"},
    {"a[::2]", "([] a (slice _ _ 2))"},
    {"a[:]", "([] a (slice _ _ _))"},
    {"a[1:2, 3]", "([] a (tuple (slice 1 2 _) 3))"},
    {"a[i][j]", "([] ([] a i) j)"},
    {"f()", "(call f)"},
    {"f(1, x=2)", "(call f 1 x=2)"},
    {"f(*a, **k)", "(call f *a **k)"},
    {"f(a, *b, c=1, **d)", "(call f a *b c=1 **d)"},
    {"f(x for x in y)", "(call f (genexp x (for x y)))"},
    {"o.m(1)(2)", "(call (call (. o m) 1) 2)"},
    {"lambda: 0", "(lambda () 0)"},
    {"lambda x, y=1, *a, z, **k: x", "(lambda (x y=1 *a z **k) x)"},
    {"lambda *, k: k", "(lambda (* k) k)"},
    {"-x", "(neg x)"},
    {"+x", "(pos x)"},
    {"not x", "(not x)"},
    {"~x", "(invert x)"},
    {"- - x", "(neg (neg x))"},
    {"a + b * c", "(+ a (* b c))"},
    {"(a + b) * c", "(* (+ a b) c)"},
    {"a - b - c", "(- (- a b) c)"},
    {"a ** b ** c", "(** a (** b c))"},
    {"-a ** b", "(neg (** a b))"},
    {"a // b % c / d", "(/ (% (// a b) c) d)"},
    {"a << 1 | b & c ^ d >> 2", "(| (<< a 1) (^ (& b c) (>> d 2)))"},
    {"a < b <= c", "(cmp a < b <= c)"},
    {"a == b != c", "(cmp a == b != c)"},
    {"a is b", "(cmp a is b)"},
    {"a is not b", "(cmp a is not b)"},
    {"a in b", "(cmp a in b)"},
    {"a not in b", "(cmp a not in b)"},
    {"not a in b", "(not (cmp a in b))"},
    {"a and b or c", "(or (and a b) c)"},
    {"a or b or c", "(or a b c)"},
    {"a and (b or c)", "(and a (or b c))"},
    {"x if c else y", "(ifexp c x y)"},
    {"a if b else c if d else e", "(ifexp b a (ifexp d c e))"},
    {"[x * 2 for x in xs if x if y]", "(listcomp (* x 2) (for x xs (if x) (if y)))"},
    {"{k: v for k, v in d.items()}", "(dictcomp k:v (for (tuple k v) (call (. d items))))"},
    {"(x for x in y for y in z)", "(genexp x (for x y) (for y z))"},
    {"[(a, b) for a, b in p]", "(listcomp (tuple a b) (for (tuple a b) p))"},
    {"'%s %r %d' % (a, b, c)", "(% '%s %r %d' (tuple a b c))"},
    {"'-'.join(str(x) for x in y)", "(call (. '-' join) (genexp (call str x) (for x y)))"},
    {"a[b](c).d", "(. (call ([] a b) c) d)"},
    {"x[1:2][3]", "([] ([] x (slice 1 2 _)) 3)"},
    {"f(a)[b]", "([] (call f a) b)"},
};

// parse_statements(src) -> dump (CPython: ast.parse(src))
const DumpCase kStatements[] = {
    {"x = 1", "(= x 1)"},
    {"a = b = c", "(= a b c)"},
    {"a, b = b, a", "(= (tuple a b) (tuple b a))"},
    {"a, *b = c", "(= (tuple a *b) c)"},
    {"[a, b] = c", "(= [a b] c)"},
    {"(a, (b, c)) = d", "(= (tuple a (tuple b c)) d)"},
    {"x.y = 1", "(= (. x y) 1)"},
    {"x[0] = 1", "(= ([] x 0) 1)"},
    {"x[1:2] = y", "(= ([] x (slice 1 2 _)) y)"},
    {"x += 1", "(+= x 1)"},
    {"x -= 1", "(-= x 1)"},
    {"x *= 2", "(*= x 2)"},
    {"x /= 2", "(/= x 2)"},
    {"x //= 2", "(//= x 2)"},
    {"x %= 2", "(%= x 2)"},
    {"x **= 2", "(**= x 2)"},
    {"x &= 1", "(&= x 1)"},
    {"x |= 1", "(|= x 1)"},
    {"x ^= 1", "(^= x 1)"},
    {"x <<= 1", "(<<= x 1)"},
    {"x >>= 1", "(>>= x 1)"},
    {"o.a += 1", "(+= (. o a) 1)"},
    {"o[k] += 1", "(+= ([] o k) 1)"},
    {"del x", "(del x)"},
    {"del x, y", "(del x y)"},
    {"del o.a, o[k]", "(del (. o a) ([] o k))"},
    {"del (a, b)", "(del (tuple a b))"},
    {"pass", "pass"},
    {"x = 1; y = 2", "(= x 1) (= y 2)"},
    {"x = 1;", "(= x 1)"},
    {"if a:\n    b\nelif c:\n    d\nelse:\n    e",
     "(if a [(expr b)] [(if c [(expr d)] [(expr e)])])"},
    {"if a: b", "(if a [(expr b)])"},
    {"while x:\n    x -= 1\nelse:\n    y()", "(while x [(-= x 1)] [(expr (call y))])"},
    {"for i in range(3):\n    if i:\n        continue\n    break\nelse:\n    pass",
     "(for i (call range 3) [(if i [continue]) break] [pass])"},
    {"for k, v in d.items(): pass", "(for (tuple k v) (call (. d items)) [pass])"},
    {"for x, in y: pass", "(for (tuple x) y [pass])"},
    {"for *a, b in c: pass", "(for (tuple *a b) c [pass])"},
    {"raise", "(raise)"},
    {"raise E", "(raise E)"},
    {"raise E('m') from err", "(raise (call E 'm') from err)"},
    {"raise E from None", "(raise E from None)"},
    {"try:\n    a()\nexcept E:\n    b()\nexcept (F, G) as e:\n    c()\nexcept:\n    raise\nelse:\n "
     "   d()\nfinally:\n    e()",
     "(try [(expr (call a))] (except E [(expr (call b))]) (except (tuple F G) as e [(expr (call "
     "c))]) (except [(raise)]) (else [(expr (call d))]) (finally [(expr (call e))]))"},
    {"try:\n    pass\nfinally:\n    pass", "(try [pass] (finally [pass]))"},
    {"assert x", "(assert x)"},
    {"assert x, 'msg'", "(assert x 'msg')"},
    {"def f():\n    return", "(def f () [(return)])"},
    {"def f(a, b=1, *args, c, d=2, **kw):\n    return a",
     "(def f (a b=1 *args c d=2 **kw) [(return a)])"},
    {"def f(a, /, b):\n    pass", "(def f (a / b) [pass])"},
    {"def f(x: int = 1, *a: str, **k: T) -> R:\n    pass",
     "(def f (x:int=1 *a:str **k:T) ->R [pass])"},
    {"def outer():\n    def inner():\n        return 1\n    return inner",
     "(def outer () [(def inner () [(return 1)]) (return inner)])"},
    {"def f():\n    global g\n    g = 1", "(def f () [(global g) (= g 1)])"},
    {"def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2",
     "(def f () [(= x 1) (def g () [(nonlocal x) (= x 2)])])"},
    {"import a", "(import a)"},
    {"import a.b.c as d, e", "(import a.b.c as d e)"},
    {"from m import x", "(from m import x)"},
    {"from m import (x as y, z,)", "(from m import x as y z)"},
    {"from . import x", "(from . import x)"},
    {"from ..pkg.mod import *", "(from ..pkg.mod import *)"},
    {"x = [\n    1,\n    2,\n]", "(= x [1 2])"},
    {"x = 1 + \\\n    2", "(= x (+ 1 2))"},
    {"if x:\n\ty = 1\n\tz = 2", "(if x [(= y 1) (= z 2)])"},
    {"# comment\nx = 1  # trailing\n\n# end", "(= x 1)"},
    {"\"\"\"doc\"\"\"\nx = 1", "(expr 'doc') (= x 1)"},
    {"def __get__(self, obj, owner=None):\n    if obj is None:\n        return self\n    return "
     "obj.__dict__.get(self.name)",
     "(def __get__ (self obj owner=None) [(if (cmp obj is None) [(return self)]) (return (call (. "
     "(. obj __dict__) get) (. self name)))])"},
};

struct ErrorCase {
    const char* src;
    const char* kind;
    const char* msg;
    int line;
    int col;
};

// parse_statements(src) -> SyntaxError (CPython: compile(src, '<s>', 'exec'))
const ErrorCase kErrors[] = {
    {"x = 1 +", "SyntaxError", "invalid syntax", 1, 8},
    {"x = = 1", "SyntaxError", "invalid syntax", 1, 5},
    {"a b", "SyntaxError", "invalid syntax", 1, 3},
    {"print(x) y", "SyntaxError", "invalid syntax", 1, 10},
    {"x = 'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5},
    {"x = 1\ny = \"abc", "SyntaxError", "unterminated string literal (detected at line 2)", 2, 5},
    {"x = '''abc\n\ny", "SyntaxError",
     "unterminated triple-quoted string literal (detected at line 3)", 1, 5},
    {"s = \"\"\"\nabc\n", "SyntaxError",
     "unterminated triple-quoted string literal (detected at line 2)", 1, 5},
    {"f(1,\n2", "SyntaxError", "'(' was never closed", 1, 2},
    {"x = [1, 2", "SyntaxError", "'[' was never closed", 1, 5},
    {"x = {1: 2", "SyntaxError", "'{' was never closed", 1, 5},
    {"((((x", "SyntaxError", "'(' was never closed", 1, 4},
    {"x)", "SyntaxError", "unmatched ')'", 1, 2},
    {"x = (1, 2))", "SyntaxError", "unmatched ')'", 1, 11},
    {"x]", "SyntaxError", "unmatched ']'", 1, 2},
    {"(]", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '('", 1, 2},
    {"(\n]", "SyntaxError",
     "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 1},
    {"if x\n  pass", "SyntaxError", "expected ':'", 1, 5},
    {"while x\n  pass", "SyntaxError", "expected ':'", 1, 8},
    {"for x in y\n  pass", "SyntaxError", "expected ':'", 1, 11},
    {"def f()\n  pass", "SyntaxError", "expected ':'", 1, 8},
    {"if x:\n  a\nelse\n  b", "SyntaxError", "expected ':'", 3, 5},
    {"try\n  a", "SyntaxError", "expected ':'", 1, 4},
    {"x=1\n  y=2", "IndentationError", "unexpected indent", 2, 2},
    {"  x = 1", "IndentationError", "unexpected indent", 1, 2},
    {"if x:\n    a\n        b", "IndentationError", "unexpected indent", 3, 8},
    {"if x:\n    a\n  b", "IndentationError", "unindent does not match any outer indentation level",
     3, 4},
    {"def f():\n    if x:\n        a\n      b", "IndentationError",
     "unindent does not match any outer indentation level", 4, 8},
    {"if x:\npass", "IndentationError", "expected an indented block after 'if' statement on line 1",
     2, 1},
    {"if x:", "IndentationError", "expected an indented block after 'if' statement on line 1", 1,
     6},
    {"def f():\nreturn", "IndentationError",
     "expected an indented block after function definition on line 1", 2, 1},
    {"for x in y:\n", "IndentationError",
     "expected an indented block after 'for' statement on line 1", 1, 12},
    {"while 1:\n\n", "IndentationError",
     "expected an indented block after 'while' statement on line 1", 2, 1},
    {"try:\nx", "IndentationError", "expected an indented block after 'try' statement on line 1", 2,
     1},
    {"if a:\n  b\nelse:\nc", "IndentationError",
     "expected an indented block after 'else' statement on line 3", 4, 1},
    {"if a:\n  b\nelif c:\nd", "IndentationError",
     "expected an indented block after 'elif' statement on line 3", 4, 1},
    {"try:\n  a\nexcept:\nb", "IndentationError",
     "expected an indented block after 'except' statement on line 3", 4, 1},
    {"try:\n  a\nexcept E as e:\nb", "IndentationError",
     "expected an indented block after 'except' statement on line 3", 4, 1},
    {"try:\n  a\nfinally:\nb", "IndentationError",
     "expected an indented block after 'finally' statement on line 3", 4, 1},
    {"[a b]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma\?", 1, 2},
    {"f(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma\?", 1, 3},
    {"(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma\?", 1, 2},
    {"{a: b c}", "SyntaxError", "invalid syntax. Perhaps you forgot a comma\?", 1, 5},
    {"x = [a\n b]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma\?", 1, 6},
    {"x[a b]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma\?", 1, 3},
    {"f() = 1", "SyntaxError",
     "cannot assign to function call here. Maybe you meant '==' instead of '='\?", 1, 1},
    {"x.y() = 2", "SyntaxError",
     "cannot assign to function call here. Maybe you meant '==' instead of '='\?", 1, 1},
    {"a + b = 1", "SyntaxError",
     "cannot assign to expression here. Maybe you meant '==' instead of '='\?", 1, 1},
    {"-x = 1", "SyntaxError",
     "cannot assign to expression here. Maybe you meant '==' instead of '='\?", 1, 1},
    {"1 = x", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='\?",
     1, 1},
    {"'a' = 1", "SyntaxError",
     "cannot assign to literal here. Maybe you meant '==' instead of '='\?", 1, 1},
    {"... = 1", "SyntaxError",
     "cannot assign to ellipsis here. Maybe you meant '==' instead of '='\?", 1, 1},
    {"return 1", "SyntaxError", "'return' outside function", 1, 1},
    {"if x:\n  return", "SyntaxError", "'return' outside function", 2, 3},
    {"break", "SyntaxError", "'break' outside loop", 1, 1},
    {"if x:\n  break", "SyntaxError", "'break' outside loop", 2, 3},
    {"continue", "SyntaxError", "'continue' not properly in loop", 1, 1},
    {"def f():\n  continue", "SyntaxError", "'continue' not properly in loop", 2, 3},
    {"def f():\n  for x in y:\n    pass\n  break", "SyntaxError", "'break' outside loop", 4, 3},
    {"x = 1abc", "SyntaxError", "invalid decimal literal", 1, 5},
    {"x = 1_", "SyntaxError", "invalid decimal literal", 1, 6},
    {"x = 1__0", "SyntaxError", "invalid decimal literal", 1, 6},
    {"x = 1e", "SyntaxError", "invalid decimal literal", 1, 5},
    {"x = 1.2.3", "SyntaxError", "invalid syntax", 1, 8},
    {"try:\n  pass\n", "SyntaxError", "expected 'except' or 'finally' block", 2, 7},
    {"try:\n  pass\nx = 1", "SyntaxError", "expected 'except' or 'finally' block", 3, 1},
    {"try:\n  a\nelse:\n  b", "SyntaxError", "expected 'except' or 'finally' block", 3, 1},
    {"f() = x = 1", "SyntaxError", "cannot assign to function call", 1, 1},
    {"x = f() = 1", "SyntaxError", "cannot assign to function call", 1, 5},
    {"a, f() = 1", "SyntaxError",
     "cannot assign to function call here. Maybe you meant '==' instead of '='\?", 1, 4},
    {"[a, 1] = x", "SyntaxError", "cannot assign to literal", 1, 5},
    {"(a, b).c() = 1", "SyntaxError", "cannot assign to function call", 1, 1},
    {"(a).b() = 1", "SyntaxError",
     "cannot assign to function call here. Maybe you meant '==' instead of '='\?", 1, 1},
    {"True = 1", "SyntaxError", "cannot assign to True", 1, 1},
    {"None = 1", "SyntaxError", "cannot assign to None", 1, 1},
    {"a if b else c = 1", "SyntaxError", "cannot assign to conditional expression", 1, 1},
    {"*a + b = c", "SyntaxError", "cannot assign to expression", 1, 2},
    {"(*a) = b", "SyntaxError", "cannot use starred expression here", 1, 2},
    {"*a = b", "SyntaxError", "starred assignment target must be in a list or tuple", 1, 1},
    {"a, *b, *c = d", "SyntaxError", "multiple starred expressions in assignment", 1, 1},
    {"(a, b) += 1", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1,
     1},
    {"f() += 1", "SyntaxError", "'function call' is an illegal expression for augmented assignment",
     1, 1},
    {"x += 1, = 2", "SyntaxError", "invalid syntax", 1, 9},
    {"del f()", "SyntaxError", "cannot delete function call", 1, 5},
    {"del 1", "SyntaxError", "cannot delete literal", 1, 5},
    {"del *a", "SyntaxError", "cannot delete starred", 1, 5},
    {"del (a, f())", "SyntaxError", "cannot delete function call", 1, 9},
    {"del a + b", "SyntaxError", "cannot delete expression", 1, 5},
    {"del [a, 1]", "SyntaxError", "cannot delete literal", 1, 9},
    {"lambda: 1 = 2", "SyntaxError", "cannot assign to lambda", 1, 1},
    {"x = 1 if y", "SyntaxError", "expected 'else' after 'if' expression", 1, 5},
    {"for f() in x: pass", "SyntaxError", "cannot assign to function call", 1, 5},
    {"for -a in c: pass", "SyntaxError", "cannot assign to expression", 1, 5},
    {"for x y in z: pass", "SyntaxError", "invalid syntax", 1, 7},
    {"for x = 1: pass", "SyntaxError", "invalid syntax", 1, 7},
    {"[x for f() in y]", "SyntaxError", "cannot assign to function call", 1, 8},
    {"if x = 1:\n  pass", "SyntaxError",
     "invalid syntax. Maybe you meant '==' or ':=' instead of '='\?", 1, 4},
    {"while x = 1: pass", "SyntaxError",
     "invalid syntax. Maybe you meant '==' or ':=' instead of '='\?", 1, 7},
    {"f(a.b=1)", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"\?",
     1, 3},
    {"f(True=1)", "SyntaxError", "cannot assign to True", 1, 3},
    {"f(a=b for b in c)", "SyntaxError",
     "invalid syntax. Maybe you meant '==' or ':=' instead of '='\?", 1, 3},
    {"f(a=1, b)", "SyntaxError", "positional argument follows keyword argument", 1, 9},
    {"f(**k, b)", "SyntaxError", "positional argument follows keyword argument unpacking", 1, 9},
    {"f(a=1, a=2)", "SyntaxError", "keyword argument repeated: a", 1, 8},
    {"f(**a, *b)", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking",
     1, 8},
    {"f(x for x in y, 1)", "SyntaxError", "Generator expression must be parenthesized", 1, 3},
    {"f(a, b for b in c)", "SyntaxError", "Generator expression must be parenthesized", 1, 6},
    {"x = [a, b for a in c]", "SyntaxError",
     "did you forget parentheses around the comprehension target\?", 1, 6},
    {"[*a for a in c]", "SyntaxError", "iterable unpacking cannot be used in comprehension", 1, 2},
    {"{**a for a in c}", "SyntaxError", "dict unpacking cannot be used in dict comprehension", 1,
     2},
    {"{a: 1, b}", "SyntaxError", "':' expected after dictionary key", 1, 8},
    {"{a: *b}", "SyntaxError", "cannot use a starred expression in a dictionary value", 1, 5},
    {"{a:}", "SyntaxError", "expression expected after dictionary key and ':'", 1, 3},
    {"print x", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)\?",
     1, 1},
    {"exec 'a'", "SyntaxError", "Missing parentheses in call to 'exec'. Did you mean exec(...)\?",
     1, 1},
    {"def f(x, x): pass", "SyntaxError", "duplicate argument 'x' in function definition", 1, 10},
    {"lambda x, x: 1", "SyntaxError", "duplicate argument 'x' in function definition", 1, 11},
    {"def f(a=1, b): pass", "SyntaxError", "non-default argument follows default argument", 1, 12},
    {"def f(*): pass", "SyntaxError", "named arguments must follow bare *", 1, 7},
    {"def f(*, **k): pass", "SyntaxError", "named arguments must follow bare *", 1, 7},
    {"def f(**k, a): pass", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12},
    {"def f(/, a): pass", "SyntaxError", "at least one argument must precede /", 1, 7},
    {"def f(a, /, /): pass", "SyntaxError", "/ may appear only once", 1, 13},
    {"def f(*a=1): pass", "SyntaxError", "var-positional argument cannot have default value", 1, 9},
    {"def f(**a=1): pass", "SyntaxError", "var-keyword argument cannot have default value", 1, 10},
    {"def f(a=): pass", "SyntaxError", "expected default value expression", 1, 8},
    {"def f((a, b)): pass", "SyntaxError", "Function parameters cannot be parenthesized", 1, 7},
    {"def f(*a, *b): pass", "SyntaxError", "* argument may appear only once", 1, 11},
    {"lambda *: 1", "SyntaxError", "named arguments must follow bare *", 1, 9},
    {"lambda (a): 1", "SyntaxError", "Lambda expression parameters cannot be parenthesized", 1, 8},
    {"def f:\n pass", "SyntaxError", "expected '('", 1, 6},
    {"def f(a) -> :\n pass", "SyntaxError", "expected ':'", 1, 10},
    {"def (): pass", "SyntaxError", "invalid syntax", 1, 5},
    {"try:\n  a\nexcept E, F:\n  pass", "SyntaxError",
     "multiple exception types must be parenthesized", 3, 8},
    {"try:\n  a\nexcept E\n  pass", "SyntaxError", "expected ':'", 3, 9},
    {"try:\n  a\nexcept:\n  b\nexcept E:\n  c", "SyntaxError", "default 'except:' must be last", 3,
     1},
    {"x = $", "SyntaxError", "invalid syntax", 1, 5},
    {"x = a \? b", "SyntaxError", "invalid syntax", 1, 7},
    {"\342\202\254 = 1", "SyntaxError", "invalid character '\342\202\254' (U+20AC)", 1, 1},
    {"x = \302\240 1", "SyntaxError", "invalid non-printable character U+00A0", 1, 5},
    {"x = \001", "SyntaxError", "invalid non-printable character U+0001", 1, 5},
    {"x = 0x1g", "SyntaxError", "invalid hexadecimal literal", 1, 7},
    {"x = 0o8", "SyntaxError", "invalid digit '8' in octal literal", 1, 7},
    {"x = 0b2", "SyntaxError", "invalid digit '2' in binary literal", 1, 7},
    {"x = 09", "SyntaxError",
     "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
     "integers",
     1, 5},
    {"x = 0b", "SyntaxError", "invalid binary literal", 1, 6},
    {"x = \\ y", "SyntaxError", "unexpected character after line continuation character", 1, 6},
    {"y = 1\nx = \\ y", "SyntaxError", "unexpected character after line continuation character", 2,
     6},
    {"x = 1 \\", "SyntaxError", "unexpected EOF while parsing", 1, 8},
    {"if x:\n\tpass\n        y", "TabError", "inconsistent use of tabs and spaces in indentation",
     3, 1},
    {"x = 1andy", "SyntaxError", "invalid decimal literal", 1, 5},
    {"\357\273\277x = 1", "SyntaxError", "invalid non-printable character U+FEFF", 1, 1},
    {"x = '\\x1'", "SyntaxError",
     "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX "
     "escape",
     1, 10},
    {"x = '\\u12'", "SyntaxError",
     "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX "
     "escape",
     1, 11},
    {"x = '\\U00110000'", "SyntaxError",
     "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode "
     "character",
     1, 17},
    {"x = b'\\xff' 'a'", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 16},
    {"x = f'{'", "SyntaxError", "f-string: expecting '}'", 1, 9},
    {"x = f'}'", "SyntaxError", "f-string: single '}' is not allowed", 1, 9},
    {"x = f'{}'", "SyntaxError", "f-string: empty expression not allowed", 1, 10},
    {"x = f'{a!x}'", "SyntaxError",
     "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 13},
    {"x = f'{a b}'", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma\?", 1, 2},
    {"x = f'{a:{b:{c}}}'", "SyntaxError", "f-string: expressions nested too deeply", 1, 19},
    {"x = f'{#}'", "SyntaxError", "f-string expression part cannot include '#'", 1, 11},
    {"x = f'{\\n}'", "SyntaxError", "f-string expression part cannot include a backslash", 1, 12},
    {"x = f'{a'", "SyntaxError", "f-string: expecting '}'", 1, 10},
    {"x = f'{(}'", "SyntaxError",
     "f-string: closing parenthesis '}' does not match opening parenthesis '('", 1, 11},
    {"x = f'{)}'", "SyntaxError", "f-string: unmatched ')'", 1, 11},
    {"x = f'{=}'", "SyntaxError", "f-string: expression required before '='", 1, 11},
    {"x = f'{1 + }'", "SyntaxError", "f-string: invalid syntax", 1, 6},
    {"nonlocal x", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1},
    {"def f():\n  nonlocal x", "SyntaxError", "no binding for nonlocal 'x' found", 2, 3},
    {"def f(x):\n  global x", "SyntaxError", "name 'x' is parameter and global", 2, 3},
    {"def f():\n  x = 1\n  global x", "SyntaxError",
     "name 'x' is assigned to before global declaration", 3, 3},
    {"def f():\n  print(x)\n  global x", "SyntaxError",
     "name 'x' is used prior to global declaration", 3, 3},
    {"def f():\n  global x\n  nonlocal x", "SyntaxError", "name 'x' is nonlocal and global", 2, 3},
    {"def f():\n  from os import *", "SyntaxError", "import * only allowed at module level", 2, 18},
    {"x = *a", "SyntaxError", "can't use starred expression here", 1, 5},
    {"*a", "SyntaxError", "can't use starred expression here", 1, 1},
    {"__debug__ = 1", "SyntaxError", "cannot assign to __debug__", 1, 1},
    {"def f(__debug__): pass", "SyntaxError", "cannot assign to __debug__", 1, 1},
    {"f(__debug__=1)", "SyntaxError", "cannot assign to __debug__", 1, 1},
    {"from __future__ import braces", "SyntaxError", "not a chance", 1, 1},
    {"from __future__ import spam", "SyntaxError", "future feature spam is not defined", 1, 1},
    {"x = 1\nfrom __future__ import annotations", "SyntaxError",
     "from __future__ imports must occur at the beginning of the file", 2, 1},
    {"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
     "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
     "(((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))"
     ")))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))"
     ")))))))))))))))))))))))))))))))",
     "SyntaxError", "too many nested parentheses", 1, 201},
};

SyntaxError syntax_error(const std::string& src) {
    try {
        parse_statements(src);
    } catch (const SyntaxError& e) {
        return e;
    }
    return SyntaxError("<no error>", {0, 0}, "none");
}

QByteArray show(const SyntaxError& e) {
    return QByteArray::fromStdString(e.kind + ": " + e.message + " at " +
                                     std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col));
}

const ast::FunctionDef& first_def(const ast::StmtList& body) {
    return *body.front()->as<ast::Def>().func;
}

QStringList qlist(const std::vector<std::string>& v) {
    QStringList l;
    for (const auto& s : v) l << QString::fromStdString(s);
    return l;
}

} // namespace

class tst_parser : public QObject {
    Q_OBJECT

  private slots:
    void expressions_data();
    void expressions();
    void statements_data();
    void statements();
    void literalValues();
    void fstringParts();
    void positions();
    void locals();
    void closures();
    void comprehensionScopes();
    void classCell();
    void mangling();
    void cpythonErrors_data();
    void cpythonErrors();
    void unsupported_data();
    void unsupported();
    void parseExpression();
    void parseFunction();
    void lexerTokens();
    void deepNesting();
    void nestedBracketsAreParsedOnce();
    void speed();
    void robustness();
};

void tst_parser::expressions_data() {
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dump");
    for (const auto& c : kExpressions)
        QTest::newRow(c.src) << QString::fromUtf8(c.src) << QString::fromUtf8(c.dump);
}

void tst_parser::expressions() {
    QFETCH(QString, src);
    QFETCH(QString, dump);
    try {
        ast::ExprPtr e = parse_expression(src.toStdString());
        QCOMPARE(QString::fromStdString(ast::dump(*e)), dump);
    } catch (const SyntaxError& e) {
        QFAIL(show(e).constData());
    }
}

void tst_parser::statements_data() {
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dump");
    for (const auto& c : kStatements)
        QTest::newRow(c.src) << QString::fromUtf8(c.src) << QString::fromUtf8(c.dump);
}

void tst_parser::statements() {
    QFETCH(QString, src);
    QFETCH(QString, dump);
    try {
        ast::StmtList body = parse_statements(src.toStdString());
        QCOMPARE(QString::fromStdString(ast::dump(body)), dump);
    } catch (const SyntaxError& e) {
        QFAIL(show(e).constData());
    }
}

void tst_parser::literalValues() {
    auto e = parse_expression("0x7fffffffffffffff");
    QCOMPARE(e->kind, ast::ExprKind::Int);
    QCOMPARE(e->as<ast::Int>().value, int64_t(9223372036854775807));
    QVERIFY(!e->as<ast::Int>().too_big);

    e = parse_expression("9223372036854775808"); // beyond int64: the evaluator raises
    QVERIFY(e->as<ast::Int>().too_big);
    e = parse_expression("-9223372036854775808"); // folded into INT64_MIN
    QCOMPARE(e->kind, ast::ExprKind::Int);
    QVERIFY(!e->as<ast::Int>().too_big);
    QCOMPARE(e->as<ast::Int>().value, std::numeric_limits<int64_t>::min());
    QCOMPARE(e->pos.col, 1);
    e = parse_expression("0b1_0_1");
    QCOMPARE(e->as<ast::Int>().value, int64_t(5));

    e = parse_expression("1_000.25e-2");
    QCOMPARE(e->kind, ast::ExprKind::Float);
    QCOMPARE(e->as<ast::Float>().value, 10.0025);
    QVERIFY(std::isinf(parse_expression("1e999")->as<ast::Float>().value));

    e = parse_expression("'a\\x00b\\\\N' \"\\u00e9\" '\\U0001F600' r'\\n'");
    QCOMPARE(e->kind, ast::ExprKind::Str);
    QCOMPARE(e->as<ast::Str>().value, std::string("a\0b\\N\xC3\xA9\xF0\x9F\x98\x80\\n", 13));

    e = parse_expression("'''line1\r\nline2\rline3'''"); // newlines are normalised first
    QCOMPARE(e->as<ast::Str>().value, std::string("line1\nline2\nline3"));

    e = parse_expression("...");
    QCOMPARE(e->as<ast::Constant>().value, ast::ConstantKind::Ellipsis);
}

void tst_parser::fstringParts() {
    auto e = parse_expression("f'a{x!r:>{w}}b{y=}' 'c'");
    QCOMPARE(e->kind, ast::ExprKind::FString);
    const auto& parts = e->as<ast::FString>().parts;
    QCOMPARE(parts.size(), size_t(5));
    QCOMPARE(parts[0].literal, std::string("a"));
    QCOMPARE(parts[1].value->as<ast::Name>().id, std::string("x"));
    QCOMPARE(parts[1].conversion, 'r');
    QVERIFY(parts[1].format_spec.empty());
    QVERIFY(parts[1].format_spec_expr);
    QCOMPARE(QString::fromStdString(ast::dump(*parts[1].format_spec_expr)), QString("(f '>' {w})"));
    QCOMPARE(parts[2].literal, std::string("by=")); // `{y=}` is "y=" then repr(y)
    QCOMPARE(parts[3].value->as<ast::Name>().id, std::string("y"));
    QCOMPARE(parts[3].conversion, 'r');
    QCOMPARE(parts[4].literal, std::string("c"));

    e = parse_expression("f'{v:08.3f}'");
    const auto& p = e->as<ast::FString>().parts;
    QCOMPARE(p.size(), size_t(1));
    QCOMPARE(p[0].format_spec, std::string("08.3f"));
    QCOMPARE(p[0].conversion, char(0));
}

void tst_parser::positions() {
    // positions are 1-based, columns in code points, `end` exclusive (CPython's end_col_offset + 1)
    ast::StmtList body = parse_statements("x = (a) + f(b)\nif y:\n    z = 'é' + w\n");
    const auto& assign = body[0]->as<ast::Assign>();
    QCOMPARE(assign.pos.line, 1);
    QCOMPARE(assign.pos.col, 1);
    QCOMPARE(assign.end.col, 15);
    const auto& bin = assign.value->as<ast::Binary>();
    QCOMPARE(bin.pos.col, 5); // starts at "(" as in CPython
    QCOMPARE(bin.left->pos.col, 6);
    QCOMPARE(bin.right->pos.col, 11);
    QCOMPARE(bin.right->end.col, 15);
    const auto& ifs = body[1]->as<ast::If>();
    QCOMPARE(ifs.pos.line, 2);
    QCOMPARE(ifs.end.line, 3);
    const auto& inner = ifs.body[0]->as<ast::Assign>().value->as<ast::Binary>();
    QCOMPARE(inner.right->pos.line, 3);
    QCOMPARE(inner.right->pos.col, 15); // after 'é': one code point
    // f-string expressions point into the source
    auto e = parse_expression("f'ab{ c }'");
    QCOMPARE(e->as<ast::FString>().parts[1].value->pos.col, 7);
    // a def: from `def` to the end of its body
    auto f = parse_function("# comment\n\ndef g(a):\n    return a\n");
    QCOMPARE(f->pos.line, 3);
    QCOMPARE(f->end.line, 4);
    QCOMPARE(f->params.positional[0].pos.col, 7);
}

void tst_parser::locals() {
    // expectations from CPython: co_varnames (+ cell variables), co_cellvars, co_freevars
    ast::StmtList body = parse_statements(
        "def f(a, b=1, *args, c, **kw):\n    x = a\n    for i in args: pass\n    try:\n"
        "        pass\n    except E as e:\n        pass\n    import os.path\n    del x\n"
        "    def g(): pass\n    return y");
    const auto& f = first_def(body);
    QCOMPARE(qlist(f.locals), QStringList({"a", "b", "c", "args", "kw", "x", "i", "e", "os", "g"}));
    QVERIFY(f.cellvars.empty());
    QVERIFY(f.freevars.empty());
    QVERIFY(f.has_nested_scopes);
    QCOMPARE(f.params.varargs, std::string("args"));
    QCOMPARE(f.params.varkw, std::string("kw"));

    body = parse_statements("def f():\n    global g\n    g = 1\n    h = g");
    QCOMPARE(qlist(first_def(body).locals), QStringList({"h"}));
    QCOMPARE(qlist(first_def(body).globals_declared), QStringList({"g"}));
    QVERIFY(!first_def(body).has_nested_scopes);

    // first reference in compilation order: `y = x` evaluates x first
    body = parse_statements("def f():\n    y = x\n    x = 1\n    z = 2");
    QCOMPARE(qlist(first_def(body).locals), QStringList({"x", "y", "z"}));
}

void tst_parser::closures() {
    ast::StmtList body = parse_statements("def outer(p):\n    v = 1\n    def inner():\n"
                                          "        nonlocal v\n        v += p\n        return w\n"
                                          "    return inner");
    const auto& outer = first_def(body);
    QCOMPARE(qlist(outer.locals), QStringList({"p", "inner", "v"}));
    QCOMPARE(qlist(outer.cellvars), QStringList({"p", "v"}));
    QVERIFY(outer.freevars.empty());
    const auto& inner = *outer.body[1]->as<ast::Def>().func;
    QVERIFY(inner.locals.empty());
    QCOMPARE(qlist(inner.freevars), QStringList({"p", "v"}));
    QCOMPARE(qlist(inner.nonlocals_declared), QStringList({"v"}));
}

void tst_parser::comprehensionScopes() {
    ast::StmtList body =
        parse_statements("def f(xs):\n    return [x * k for x in xs for k in range(x)]");
    const auto& f = first_def(body);
    QCOMPARE(qlist(f.locals), QStringList({"xs"}));
    QVERIFY(f.has_nested_scopes);
    const auto& comp = f.body[0]->as<ast::Return>().value->as<ast::Comp>();
    QCOMPARE(qlist(comp.scope.locals), QStringList({"x", "k"}));

    body = parse_statements("def f():\n    return [lambda: i for i in range(3)]");
    const auto& comp2 = first_def(body).body[0]->as<ast::Return>().value->as<ast::Comp>();
    QCOMPARE(qlist(comp2.scope.locals), QStringList({"i"}));
    QCOMPARE(qlist(comp2.scope.cellvars), QStringList({"i"}));
    const auto& lam = *comp2.elt->as<ast::Lambda>().func;
    QCOMPARE(qlist(lam.freevars), QStringList({"i"}));
    QCOMPARE(lam.name, std::string("<lambda>"));
    QVERIFY(lam.is_lambda);
    QCOMPARE(lam.body.size(), size_t(1));
    QCOMPARE(lam.body[0]->kind, ast::StmtKind::Return);
}

void tst_parser::classCell() {
    QVERIFY(parse_function("def m(self):\n    return super().m()")->uses_class_cell);
    QVERIFY(parse_function("def m(self):\n    return __class__")->uses_class_cell);
    auto f = parse_function("def m(self):\n    return lambda: super().x");
    QVERIFY(f->uses_class_cell);
    QVERIFY(f->body[0]->as<ast::Return>().value->as<ast::Lambda>().func->uses_class_cell);
    QVERIFY(!parse_function("def m(self):\n    return self.x")->uses_class_cell);
}

void tst_parser::mangling() {
    QCOMPARE(mangle("Person", "__x"), std::string("_Person__x"));
    QCOMPARE(mangle("_Person", "__x"), std::string("_Person__x"));
    QCOMPARE(mangle("Person", "__init__"), std::string("__init__"));
    QCOMPARE(mangle("Person", "_x"), std::string("_x"));
    QCOMPARE(mangle("___", "__x"), std::string("__x"));
    QCOMPARE(mangle("", "__x"), std::string("__x"));
    // CPython: co_varnames ('self', '_Person__p'), names ('_Person__x', '_Person__y', '_Person__z',
    // '__init__'), __name__ '__m'
    auto f = parse_function(
        "def __m(self, __p):\n    self.__x = __p\n    return __y.__z, self.__init__, "
        "g(__k=1)",
        "Person");
    QCOMPARE(f->name, std::string("__m"));
    QCOMPARE(f->local_name, std::string("_Person__m"));
    QCOMPARE(qlist(f->locals), QStringList({"self", "_Person__p"}));
    QCOMPARE(
        QString::fromStdString(ast::dump(*f)),
        QString("(def __m (self _Person__p) [(= (. self _Person__x) _Person__p) (return (tuple (. "
                "_Person__y _Person__z) (. self __init__) (call g __k=1)))])"));
    auto e = parse_expression("__v + 1", "C");
    QCOMPARE(e->as<ast::Binary>().left->as<ast::Name>().id, std::string("_C__v"));
}

void tst_parser::cpythonErrors_data() {
    // the row index: sources are used byte for byte (a QString would drop a leading BOM)
    QTest::addColumn<int>("row");
    int i = 0;
    for (const auto& c : kErrors) {
        std::string name = std::to_string(i) + ": " + std::string(c.src).substr(0, 60);
        for (char& ch : name)
            if (ch == '\n' || ch == '\t') ch = ' ';
        QTest::newRow(name.c_str()) << i++;
    }
}

void tst_parser::cpythonErrors() {
    QFETCH(int, row);
    const ErrorCase& c = kErrors[row];
    SyntaxError e = syntax_error(c.src);
    QCOMPARE(QString::fromStdString(e.message), QString::fromUtf8(c.msg));
    QCOMPARE(QString::fromStdString(e.kind), QString(c.kind));
    QCOMPARE(e.pos.line, c.line);
    QCOMPARE(e.pos.col, c.col);
}

void tst_parser::unsupported_data() {
    // Constructs CPython accepts but the engine does not: a documented SyntaxError, reported
    // only when the code otherwise compiles (a real syntax error elsewhere is CPython's).
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("msg");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("col");
    QTest::newRow("class") << "class A:\n    pass"
                           << "class statements are not supported in model code" << 1 << 1;
    QTest::newRow("with") << "with open(p) as f:\n    pass"
                          << "with statements are not supported in model code" << 1 << 1;
    QTest::newRow("decorator") << "@property\ndef f(self):\n    pass"
                               << "decorators are not supported in model code" << 1 << 1;
    QTest::newRow("async") << "async def f():\n    pass"
                           << "async functions and statements are not supported in model code" << 1
                           << 1;
    QTest::newRow("yield") << "def f():\n    yield 1"
                           << "yield expressions are not supported in model code" << 2 << 5;
    QTest::newRow("await") << "async def f():\n    await g()"
                           << "async functions and statements are not supported in model code" << 1
                           << 1;
    QTest::newRow("walrus") << "if (n := 10) > 5:\n    pass"
                            << "assignment expressions (:=) are not supported in model code" << 1
                            << 5;
    QTest::newRow("annotation") << "x: int = 1"
                                << "annotated assignments are not supported in model code" << 1
                                << 1;
    QTest::newRow("matmul") << "x = a @ b"
                            << "the @ operator is not supported in model code" << 1 << 7;
    QTest::newRow("set") << "x = {1, 2}"
                         << "set displays are not supported in model code" << 1 << 5;
    QTest::newRow("setcomp") << "x = {i for i in y}"
                             << "set comprehensions are not supported in model code" << 1 << 5;
    QTest::newRow("bytes") << "x = b'ab'"
                           << "bytes literals are not supported in model code" << 1 << 5;
    QTest::newRow("complex") << "x = 1j"
                             << "complex numbers are not supported in model code" << 1 << 5;
    QTest::newRow("N escape") << "x = '\\N{BULLET}'"
                              << "\\N{...} escapes are not supported in model code" << 1 << 5;
    QTest::newRow("match") << "match x:\n    case 1:\n        pass"
                           << "match statements are not supported in model code" << 1 << 1;
    QTest::newRow("except*") << "try:\n    pass\nexcept* E:\n    pass"
                             << "except* is not supported in model code" << 3 << 1;
    // CPython reports real errors first (its own messages)
    QTest::newRow("class then error") << "class A:\n    pass\nx = = 1"
                                      << "invalid syntax" << 3 << 5;
    QTest::newRow("class then return") << "class A: pass\nreturn 1"
                                       << "'return' outside function" << 2 << 1;
    QTest::newRow("set then error") << "x = {1, 2}\ny = ("
                                    << "'(' was never closed" << 2 << 5;
}

void tst_parser::unsupported() {
    QFETCH(QString, src);
    QFETCH(QString, msg);
    QFETCH(int, line);
    QFETCH(int, col);
    SyntaxError e = syntax_error(src.toStdString());
    QCOMPARE(QString::fromStdString(e.message), msg);
    QCOMPARE(QString::fromStdString(e.kind), QString("SyntaxError"));
    QCOMPARE(e.pos.line, line);
    QCOMPARE(e.pos.col, col);
}

void tst_parser::parseExpression() {
    QCOMPARE(QString::fromStdString(ast::dump(*parse_expression("\n  a + b  \n\n"))),
             QString("(+ a b)"));
    QCOMPARE(QString::fromStdString(ast::dump(*parse_expression("1, 2"))), QString("(tuple 1 2)"));
    QCOMPARE(QString::fromStdString(ast::dump(*parse_expression("(a +\n b)"))), QString("(+ a b)"));
    auto check = [](const char* src, const char* msg, int line, int col) {
        try {
            parse_expression(src);
        } catch (const SyntaxError& e) {
            QCOMPARE(QString::fromStdString(e.message), QString(msg));
            QCOMPARE(e.pos.line, line);
            QCOMPARE(e.pos.col, col);
            return;
        }
        QFAIL(src);
    };
    check("x = 1", "invalid syntax", 1, 3);
    check("a\n+ b", "invalid syntax", 2, 1);
    check("", "invalid syntax", 1, 0);
    check("f(a b)", "invalid syntax. Perhaps you forgot a comma?", 1, 3);
    check("*a", "invalid syntax", 1, 1); // CPython's eval mode: `expressions`, no starred
    check("lambda x, x: 1", "duplicate argument 'x' in function definition", 1, 11);
}

void tst_parser::parseFunction() {
    auto f = parse_function("# a lesson's function\n\ndef full_name(self):\n    return self.first "
                            "+ ' ' + self.last\n\n");
    QCOMPARE(f->name, std::string("full_name"));
    QCOMPARE(qlist(f->locals), QStringList({"self"}));
    QCOMPARE(f->body.size(), size_t(1));
    auto check = [](const char* src, int line, int col) {
        try {
            parse_function(src);
        } catch (const SyntaxError& e) {
            QCOMPARE(QString::fromStdString(e.message),
                     QString("expected a single function definition ('def')"));
            QCOMPARE(e.pos.line, line);
            QCOMPARE(e.pos.col, col);
            return;
        }
        QFAIL(src);
    };
    check("x = 1", 1, 1);
    check("def f(): pass\ndef g(): pass", 2, 1);
    check("# nothing", 1, 10);
    // a real syntax error is reported as such
    try {
        parse_function("def f(:\n    pass");
        QFAIL("no error");
    } catch (const SyntaxError& e) {
        QCOMPARE(QString::fromStdString(e.message), QString("invalid syntax"));
    }
}

void tst_parser::lexerTokens() {
    using lex::Tok;
    lex::LexResult r = lex::tokenize("if x:\n\ty = [1,\n  2] # c\n");
    std::vector<Tok> types;
    for (const auto& t : r.tokens) types.push_back(t.type);
    const std::vector<Tok> expected = {Tok::KwIf,    Tok::Name,   Tok::Colon,    Tok::Newline,
                                       Tok::Indent,  Tok::Name,   Tok::Equal,    Tok::LSqb,
                                       Tok::Number,  Tok::Comma,  Tok::Number,   Tok::RSqb,
                                       Tok::Newline, Tok::Dedent, Tok::EndMarker};
    QVERIFY(types == expected);
    QVERIFY(!r.error);
    QCOMPARE(r.tokens[10].line, 3); // `2` on the continuation line
    QCOMPARE(r.tokens[10].col, 3);
    QCOMPARE(r.tokens[12].col, 6); // NEWLINE after a comment starts at '#', as in CPython
    r = lex::tokenize("x = 'abc");
    QVERIFY(r.error);
    QCOMPARE(r.tokens.back().type, Tok::Error);
}

void tst_parser::deepNesting() {
    // never a crash: CPython's bracket limit, then a limit on nesting in general
    struct Case {
        std::string src;
        const char* msg;
    };
    const std::vector<Case> cases = {
        {std::string(200, '(') + "1" + std::string(200, ')'), nullptr},
        {std::string(201, '(') + "1" + std::string(201, ')'), "too many nested parentheses"},
        {std::string(10000, '(') + std::string(10000, ')'), "too many nested parentheses"},
        {std::string(100000, '-') + "1", "too many nested expressions"},
    };
    for (const auto& c : cases) {
        try {
            parse_statements(c.src);
            QVERIFY2(!c.msg, c.msg ? c.msg : "");
        } catch (const SyntaxError& e) {
            QVERIFY2(c.msg, e.message.c_str());
            QCOMPARE(QString::fromStdString(e.message), QString(c.msg));
        }
    }
    std::string attrs = "x";
    for (int i = 0; i < 100000; ++i) attrs += ".a";
    std::string adds = "a";
    for (int i = 0; i < 100000; ++i) adds += "+a";
    std::string lambdas;
    for (int i = 0; i < 5000; ++i) lambdas += "lambda:";
    lambdas += "1";
    std::string ifs;
    for (int i = 0; i < 5000; ++i) ifs += "a if b else ";
    ifs += "c";
    std::string calls = "f";
    for (int i = 0; i < 50000; ++i) calls += "()";
    for (const std::string& src : {attrs, adds, lambdas, ifs, calls}) {
        try {
            parse_statements(src);
            QFAIL("no error");
        } catch (const SyntaxError& e) {
            QCOMPARE(QString::fromStdString(e.message), QString("too many nested expressions"));
        }
    }
    // nesting the engine accepts (CPython accepts up to about 3000)
    std::string ok = "a";
    for (int i = 0; i < 500; ++i) ok += "+a";
    QCOMPARE(parse_statements(ok).size(), size_t(1));
    // indentation: CPython's limit of 100 levels
    std::string blocks;
    for (int i = 0; i < 100; ++i) blocks += std::string(i, ' ') + "if x:\n";
    blocks += std::string(100, ' ') + "pass\n";
    SyntaxError e = syntax_error(blocks);
    QCOMPARE(QString::fromStdString(e.message), QString("too many levels of indentation"));
    QCOMPARE(QString::fromStdString(e.kind), QString("IndentationError"));
    QCOMPARE(e.pos.line, 101);
    // long flat sequences are fine
    std::string many = "x = [";
    for (int i = 0; i < 100000; ++i) many += "1, ";
    many += "]";
    QCOMPARE(parse_statements(many).size(), size_t(1));
}

void tst_parser::nestedBracketsAreParsedOnce() {
    // Found by fuzz_parser (tests/fuzz/corpus/parser/finding_nested_brackets_timeout.py): every
    // alternative that failed inside a '[' (list display, comprehension, invalid_named_expression)
    // parsed the inner brackets again, so that time grew exponentially with the nesting. pegen
    // memoizes those rules, and so does the parser now. CPython's errors:
    auto error = [](const std::string& src) {
        try {
            parse_statements(src);
            return QStringLiteral("parsed");
        } catch (const SyntaxError& e) {
            return QStringLiteral("%1 %2:%3")
                .arg(QString::fromStdString(e.message))
                .arg(e.pos.line)
                .arg(e.pos.col);
        }
    };
    QFile finding(QStringLiteral(DS_SOURCE_DIR
                                 "/tests/fuzz/corpus/parser/finding_nested_brackets_timeout.py"));
    QVERIFY(finding.open(QIODevice::ReadOnly));
    QCOMPARE(error(finding.readAll().toStdString()),
             QStringLiteral(
                 "closing parenthesis ')' does not match opening parenthesis '[' on line 2 5:30"));
    QCOMPARE(error("x" + std::string(2, '[') + "s:"), QStringLiteral("invalid syntax 1:5"));
    QCOMPARE(error("x" + std::string(5, '[') + "s:"), QStringLiteral("invalid syntax 1:8"));
    QCOMPARE(error("x" + std::string(150, '[') + "s:"), QStringLiteral("invalid syntax 1:153"));
    QCOMPARE(
        error("x = {" + std::string(150, '[') + "a: 1}"),
        QStringLiteral("closing parenthesis '}' does not match opening parenthesis '[' 1:160"));
    const std::string valid = "x = " + std::string(150, '[') + "1" + std::string(150, ']');
    QCOMPARE(error(valid), QStringLiteral("parsed"));
}

void tst_parser::speed() {
    // a ~1 MB script of varied statements
    const char* block = "def f%d(self, a, b=1, *args, **kw):\n"
                        "    '''Doc.'''\n"
                        "    if a and not b or a is None:\n"
                        "        x = [i * 2 for i in range(a) if i %% 3]\n"
                        "    else:\n"
                        "        x = {'k': a, **kw}\n"
                        "    try:\n"
                        "        return self.store.get(f'{self.prefix}:{a!r}:%%s' %% b)\n"
                        "    except (KeyError, ValueError) as e:\n"
                        "        raise RuntimeError('failed') from e\n"
                        "    finally:\n"
                        "        del x\n"
                        "obj%d.attr = f%d(None, 1, 2, key=(lambda q: q + 1))\n";
    std::string src;
    char buf[1024];
    for (int i = 0; src.size() < 1000000; ++i) {
        std::snprintf(buf, sizeof buf, block, i, i, i);
        src += buf;
    }
    // processor time, not wall-clock time: the machine may be busy with other work
    const std::clock_t c0 = std::clock();
    ast::StmtList body = parse_statements(src);
    const long ms = long((std::clock() - c0) * 1000 / CLOCKS_PER_SEC);
    qInfo() << "parsed" << src.size() << "bytes," << body.size() << "statements in" << ms
            << "ms of processor time";
    QVERIFY(body.size() > 4000);
#ifdef DS_SANITIZED
    QSKIP("no speed bound in a sanitizer build");
#endif
    QVERIFY2(ms < 1000, std::to_string(ms).c_str());
}

void tst_parser::robustness() {
    // random token soup: every input gives an AST or a SyntaxError, never anything else
    const std::vector<std::string> pieces = {
        "(",      ")",      "[",      "]",       "{",
        "}",      ":",      ",",      ".",       "=",
        "+",      "-",      "*",      "**",      "/",
        "%",      "<",      ">",      "==",      "!",
        "@",      "$",      "?",      "`",       "'",
        "\"",     "'''",    "\\",     "#",       "\t",
        " ",      "\n",     "    ",   "x",       "y_1",
        "0",      "1.5e3",  "0x",     "1_",      "if",
        "else",   "elif",   "for",    "in",      "not",
        "and",    "or",     "is",     "def",     "lambda",
        "return", "try",    "except", "finally", "while",
        "del",    "global", "yield",  "class",   "with",
        "f'",     "{x}",    "é",      "€",       "\xef\xbb\xbf",
        "\r",     "\x01",   ";",      "->",      ":=",
        "...",    "print",  "match",  "case",    "\xff"};
    std::mt19937 rng(12345);
    int parsed = 0, errors = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string src;
        const int len = 1 + int(rng() % 40);
        for (int i = 0; i < len; ++i) src += pieces[rng() % pieces.size()];
        try {
            parse_statements(src);
            ++parsed;
        } catch (const SyntaxError& e) {
            ++errors;
            QVERIFY(!e.message.empty());
            QVERIFY(e.kind == "SyntaxError" || e.kind == "IndentationError" ||
                    e.kind == "TabError");
        } catch (const std::exception& e) {
            QFAIL(("unexpected exception: " + std::string(e.what()) + " for " + src).c_str());
        }
        try {
            parse_expression(src);
        } catch (const SyntaxError&) {
        }
    }
    QVERIFY(parsed > 0);
    QVERIFY(errors > 0);
}

QTEST_APPLESS_MAIN(tst_parser)
#include "tst_parser.moc"
