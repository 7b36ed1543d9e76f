// String formatting, the methods of str and the json module (model/strings.cpp,
// model/jsonmodule.cpp), checked against CPython 3.11.
//
// The table below was produced by evaluating every case in CPython 3.11.7 with the same two
// classes the fixture model defines (`class Person: pass` and a class Fmt whose __format__
// returns 'F<' + spec + '>'): the expected text is repr() of the value, "None" for None or a
// statement, or "!! Type: message" for an exception. The engine must give exactly that text.
#include "builtins.h"
#include "operations.h"
#include "session.h"

#include <QtTest>

#include <memory>

using namespace ds;

namespace {

struct Case {
    const char* code;
    const char* expected;
};

const Case kCases[] = {
    // str methods
    {"'a,b,,c'.split(',')", "['a', 'b', '', 'c']"},
    {"' a b  c '.split()", "['a', 'b', 'c']"},
    {"' a b  c '.split(None, 1)", "['a', 'b  c ']"},
    {"' a b  c '.rsplit(None, 1)", "[' a b', 'c']"},
    {"'a,b,,c'.rsplit(',', 2)", "['a,b', '', 'c']"},
    {"'a b c'.split(maxsplit=1)", "['a', 'b c']"},
    {"'\\x1c a\\u3000b\\x85c\\xa0d'.split()", "['a', 'b', 'c', 'd']"},
    {"''.split()", "[]"},
    {"''.split(',')", "['']"},
    {"'a'.split('')", "!! ValueError: empty separator"},
    {"'a'.split(1)", "!! TypeError: must be str or None, not int"},
    {"'a'.split(',', 'x')", "!! TypeError: 'str' object cannot be interpreted as an integer"},
    {"'a'.split(',', 1, 2)", "!! TypeError: split() takes at most 2 arguments (3 given)"},
    {"'a'.split(foo=1)", "!! TypeError: 'foo' is an invalid keyword argument for split()"},
    {"'a'.split(',', sep=',')",
     "!! TypeError: argument for split() given by name ('sep') and position (1)"},
    {"'-'.join(['a', 'b', 'c'])", "'a-b-c'"},
    {"''.join([])", "''"},
    {"','.join('abc')", "'a,b,c'"},
    {"','.join({'a': 1, 'b': 2})", "'a,b'"},
    {"'a'.join(['x', 1])", "!! TypeError: sequence item 1: expected str instance, int found"},
    {"'a'.join(1)", "!! TypeError: can only join an iterable"},
    {"'a'.join()", "!! TypeError: str.join() takes exactly one argument (0 given)"},
    {"'a'.join('x', 'y')", "!! TypeError: str.join() takes exactly one argument (2 given)"},
    {"'a'.join(x=1)", "!! TypeError: str.join() takes no keyword arguments"},
    {"'xxhixx'.strip('x')", "'hi'"},
    {"'  hi \\t\\n'.strip()", "'hi'"},
    {"'\\u3000hi\\xa0'.strip()", "'hi'"},
    {"'aabba'.rstrip('ab')", "''"},
    {"'éaé'.strip('é')", "'a'"},
    {"'a'.strip(1)", "!! TypeError: strip arg must be None or str"},
    {"'a'.strip('a', 'b')", "!! TypeError: strip expected at most 1 argument, got 2"},
    {"'a'.strip(chars='x')", "!! TypeError: str.strip() takes no keyword arguments"},
    {"'ÄÖÜ éà'.lower()", "'äöü éà'"},
    {"'ÄÖÜ éà'.upper()", "'ÄÖÜ ÉÀ'"},
    {"'ßa'.upper()", "'SSA'"},
    {"'ΑΣ'.lower()", "'ας'"},
    {"'ΑΣ Α'.lower()", "'ας α'"},
    {"'a'.lower(1)", "!! TypeError: str.lower() takes no arguments (1 given)"},
    {"\"they're bill's friends from the UK\".title()", "\"They'Re Bill'S Friends From The Uk\""},
    {"'ǆa'.title()", "'ǅa'"},
    {"'hELLO wORLD'.capitalize()", "'Hello world'"},
    {"'Hello'.swapcase()", "'hELLO'"},
    {"'abc'.startswith(('x', 'a'))", "True"},
    {"'abc'.startswith('b', 1)", "True"},
    {"'abc'.startswith('', 4)", "False"},
    {"'abc'.endswith('b', 0, -1)", "True"},
    {"'a'.startswith()", "!! TypeError: startswith() takes at least 1 argument (0 given)"},
    {"'a'.startswith(1)",
     "!! TypeError: startswith first arg must be str or a tuple of str, not int"},
    {"'a'.startswith((1,))", "!! TypeError: tuple for startswith must only contain str, not int"},
    {"'a'.startswith('a', 'x')",
     "!! TypeError: slice indices must be integers or None or have an __index__ method"},
    {"'a'.endswith(('x', 1))", "!! TypeError: tuple for endswith must only contain str, not int"},
    {"'aaa'.replace('a', 'b', 2)", "'bba'"},
    {"'abc'.replace('', '-')", "'-a-b-c-'"},
    {"'héllo'.replace('', '.', 3)", "'.h.é.llo'"},
    {"'a'.replace('a')", "!! TypeError: replace expected at least 2 arguments, got 1"},
    {"'a'.replace(1, 'b')", "!! TypeError: replace() argument 1 must be str, not int"},
    {"'a'.replace('a', 'b', count=1)", "!! TypeError: str.replace() takes no keyword arguments"},
    {"'héllo'.find('l')", "2"},
    {"'héllo'.rfind('l')", "3"},
    {"'héllo'.find('l', -2)", "3"},
    {"'abc'.find('', 4)", "-1"},
    {"'héllo'.index('o', 1, 5)", "4"},
    {"'a'.index('b')", "!! ValueError: substring not found"},
    {"'a'.find(1)", "!! TypeError: must be str, not int"},
    {"'a'.find()", "!! TypeError: find() takes at least 1 argument (0 given)"},
    {"'aaaa'.count('aa')", "2"},
    {"'héllo'.count('', 2)", "4"},
    {"'١٢٣'.isdigit()", "True"},
    {"'²'.isdigit()", "True"},
    {"'½'.isdigit()", "False"},
    {"'abcé'.isalpha()", "True"},
    {"''.isalpha()", "False"},
    {"'_a1'.isidentifier()", "True"},
    {"'1a'.isidentifier()", "False"},
    {"'é'.isidentifier()", "True"},
    {"'ab\\r\\ncd\\ref\\n\\x0bg'.splitlines()", "['ab', 'cd', 'ef', '', 'g']"},
    {"'ab\\r\\ncd\\ref\\n'.splitlines(True)", "['ab\\r\\n', 'cd\\r', 'ef\\n']"},
    {"'a'.splitlines(foo=1)",
     "!! TypeError: 'foo' is an invalid keyword argument for splitlines()"},
    {"'a b c'.partition(' ')", "('a', ' ', 'b c')"},
    {"'a b c'.rpartition(' ')", "('a b', ' ', 'c')"},
    {"'abc'.partition('x')", "('abc', '', '')"},
    {"'a'.partition('')", "!! ValueError: empty separator"},
    {"'-42'.zfill(6)", "'-00042'"},
    {"'é'.center(4, '*')", "'*é**'"},
    {"'ab'.center(5, '*')", "'**ab*'"},
    {"'x'.ljust(3, 'é')", "'xéé'"},
    {"'x'.rjust(3)", "'  x'"},
    {"'a'.center(5, 'ab')", "!! TypeError: The fill character must be exactly one character long"},
    {"'a'.center(5, 1)", "!! TypeError: The fill character must be a unicode character, not int"},
    {"'a'.center()", "!! TypeError: center expected at least 1 argument, got 0"},
    {"'ab'.removeprefix('a')", "'b'"},
    {"'a\\tb'.expandtabs(4)", "'a   b'"},
    // str.format
    {"'{} {}'.format(1, 'a')", "'1 a'"},
    {"'{0} {1} {0}'.format('a', 'b')", "'a b a'"},
    {"'{name}!'.format(name='Ann')", "'Ann!'"},
    {"'{0[key]}'.format({'key': 5})", "'5'"},
    {"'{0[1]}'.format('abc')", "'b'"},
    {"'{!r:>6}'.format('ab')", "\"  'ab'\""},
    {"'{!a}'.format('é')", "\"'\\\\xe9'\""},
    {"'{:*^9}'.format('mid')", "'***mid***'"},
    {"'{:>{}}'.format('x', 5)", "'    x'"},
    {"'{0:{1}}'.format('x', 5)", "'x    '"},
    {"'{{literal}}'.format()", "'{literal}'"},
    {"'{} {}'.format(1)",
     "!! IndexError: Replacement index 1 out of range for positional args tuple"},
    {"'{} {0}'.format(1)",
     "!! ValueError: cannot switch from automatic field numbering to manual field specification"},
    {"'{0} {}'.format(1)",
     "!! ValueError: cannot switch from manual field specification to automatic field numbering"},
    {"'{name}'.format()", "!! KeyError: 'name'"},
    {"'{0[5]}'.format([1])", "!! IndexError: list index out of range"},
    {"'{0.nope}'.format(Person())", "!! AttributeError: 'Person' object has no attribute 'nope'"},
    {"p = Person()", "None"},
    {"p.name = 'Ann'", "None"},
    {"p.tags = ['x', 'y']", "None"},
    {"'{0.name}|{0.name!r:>6}|{0.tags[1]}|{.name}'.format(p)",
     "!! ValueError: cannot switch from manual field specification to automatic field numbering"},
    {"'%(name)s' % vars(p)", "'Ann'"},
    {"'{0[]}'.format([1])", "!! ValueError: Empty attribute in format string"},
    {"'{!x}'.format('x')", "!! ValueError: Unknown conversion specifier x"},
    {"'{:{:{}}}'.format('x', 5, 1)", "!! ValueError: Max string recursion exceeded"},
    {"'}'.format()", "!! ValueError: Single '}' encountered in format string"},
    {"'{'.format()", "!! ValueError: Single '{' encountered in format string"},
    {"'a{b'.format()", "!! ValueError: expected '}' before end of string"},
    {"'{0:'.format(1)", "!! ValueError: unmatched '{' in format spec"},
    {"'{a{}'.format(1)", "!! ValueError: unexpected '{' in field name"},
    {"'{:d}'.format('a')", "!! ValueError: Unknown format code 'd' for object of type 'str'"},
    {"'{:5}'.format(None)",
     "!! TypeError: unsupported format string passed to NoneType.__format__"},
    {"'{:x}'.format(Fmt())", "'F<x>'"},
    {"'{:,}'.format(1234567)", "'1,234,567'"},
    {"'{a}'.format_map({'a': 1})", "'1'"},
    {"'{0}'.format_map({'a': 1})", "!! ValueError: Format string contains positional fields"},
    // f-strings through the interpreter
    {"f'{3.14159:.2f}'", "'3.14'"},
    {"f'{255:#x}'", "'0xff'"},
    {"f'{-5:+05d}'", "'-0005'"},
    {"f'{\"abc\"!r:>8}'", "\"   'abc'\""},
    {"f'{1.5:x}'", "!! ValueError: Unknown format code 'x' for object of type 'float'"},
    // format()
    {"format(1234, '010,')", "'00,001,234'"},
    {"format(-1234.5, '015,.2f')", "'-000,001,234.50'"},
    {"format(0xabcdef, '#012_x')", "'0x0_00ab_cdef'"},
    {"format(255, '_b')", "'1111_1111'"},
    {"format(42, '*=+9')", "'+******42'"},
    {"format(42, '<09')", "'420000000'"},
    {"format('abc', '05')", "'abc00'"},
    {"format('é', '*^5')", "'**é**'"},
    {"format(65, 'c')", "'A'"},
    {"format(True, '')", "'True'"},
    {"format(True, '5')", "'    1'"},
    {"format(None, '')", "'None'"},
    {"format(1.0, '')", "'1.0'"},
    {"format(1e16, '')", "'1e+16'"},
    {"format(100.0, '.3')", "'1e+02'"},
    {"format(1234.0, '.3')", "'1.23e+03'"},
    {"format(0.1, '.20')", "'0.10000000000000000555'"},
    {"format(2.675, '.2f')", "'2.67'"},
    {"format(0.125, '.2f')", "'0.12'"},
    {"format(1.5, '#.0e')", "'2.e+00'"},
    {"format(2.5, '.0f')", "'2'"},
    {"format(1.0, '#g')", "'1.00000'"},
    {"format(1e-5, '#.3g')", "'1.00e-05'"},
    {"format(123456789.0, 'g')", "'1.23457e+08'"},
    {"format(float('inf'), 'F')", "'INF'"},
    {"format(float('nan'), '+')", "'+nan'"},
    {"format(float('inf'), '010')", "'0000000inf'"},
    {"format(1.5, '%')", "'150.000000%'"},
    {"format(0.5, '.1%')", "'50.0%'"},
    {"format(-0.0, 'z')", "'0.0'"},
    {"format(-0.001, 'z.1f')", "'0.0'"},
    {"format(12.5, '020,.1e')", "'00,000,000,001.2e+01'"},
    {"format(1e300, 'f')",
     "'10000000000000000525047602552044202487044685811081591549158541155118024579889081957863713750"
     "804478640437044438328838781769425232353604305756447921847867069828483872009265758037378302337"
     "947880900593689532349707999450811190389676408800746527427801424945792587888200568428381156694"
     "72196386865459400540160.000000'"},
    {"format(5e-324, '.17g')", "'4.9406564584124654e-324'"},
    {"format(-9223372036854775808, 'x')", "'-8000000000000000'"},
    {"format(1, 's')", "!! ValueError: Unknown format code 's' for object of type 'int'"},
    {"format(1.0, 'd')", "!! ValueError: Unknown format code 'd' for object of type 'float'"},
    {"format('a', 'd')", "!! ValueError: Unknown format code 'd' for object of type 'str'"},
    {"format(1, ',x')", "!! ValueError: Cannot specify ',' with 'x'."},
    {"format(1, '.2d')", "!! ValueError: Precision not allowed in integer format specifier"},
    {"format('a', '=5')", "!! ValueError: '=' alignment not allowed in string format specifier"},
    {"format('a', '+')", "!! ValueError: Sign not allowed in string format specifier"},
    {"format('a', ' ')", "!! ValueError: Space not allowed in string format specifier"},
    {"format('a', '#')",
     "!! ValueError: Alternate form (#) not allowed in string format specifier"},
    {"format('a', ',')", "!! ValueError: Cannot specify ',' with 's'."},
    {"format(1, 'z')",
     "!! ValueError: Negative zero coercion (z) not allowed in integer format specifier"},
    {"format(1, ',_')", "!! ValueError: Cannot specify both ',' and '_'."},
    {"format(1.5, '.')", "!! ValueError: Format specifier missing precision"},
    {"format(65, '+c')", "!! ValueError: Sign not allowed with integer format specifier 'c'"},
    {"format(0x110000, 'c')", "!! OverflowError: %c arg not in range(0x110000)"},
    {"format(1, 'dd')", "!! ValueError: Invalid format specifier 'dd' for object of type 'int'"},
    {"format(1, '\\xe9')", "!! ValueError: Unknown format code '\\xe9' for object of type 'int'"},
    {"format(1, '99999999999999999999')",
     "!! ValueError: Too many decimal digits in format string"},
    {"format(None, '5')", "!! TypeError: unsupported format string passed to NoneType.__format__"},
    {"format([1], 's')", "!! TypeError: unsupported format string passed to list.__format__"},
    {"format(Person(), 'x')",
     "!! TypeError: unsupported format string passed to Person.__format__"},
    {"format(Fmt(), 'abc')", "'F<abc>'"},
    // str % args
    {"'%s and %r' % ('a', 'b')", "\"a and 'b'\""},
    {"'%5.2f|' % 3.14159", "' 3.14|'"},
    {"'%-6s|%6s' % ('ab', 'cd')", "'ab    |    cd'"},
    {"'%05d' % -3", "'-0003'"},
    {"'%+d % d' % (5, 5)", "'+5  5'"},
    {"'%.3d' % 5", "'005'"},
    {"'%#x %#X %#o' % (255, 255, 8)", "'0xff 0XFF 0o10'"},
    {"'%#08x' % 255", "'0x0000ff'"},
    {"'%x' % -255", "'-ff'"},
    {"'%e' % 12345.678", "'1.234568e+04'"},
    {"'%g %g' % (0.0001, 0.00001)", "'0.0001 1e-05'"},
    {"'%#.0f' % 2.0", "'2.'"},
    {"'%010.3f' % -3.14159", "'-00003.142'"},
    {"'%c%c' % (65, 'é')", "'Aé'"},
    {"'%%' % ()", "'%'"},
    {"'%(a)s-%(b)05.1f' % {'a': 'X', 'b': 2.25}", "'X-002.2'"},
    {"'%s' % [1, 2]", "'[1, 2]'"},
    {"'%s' % (1,)", "'1'"},
    {"'%*d|%-*d|' % (4, 1, 4, 2)", "'   1|2   |'"},
    {"'%.*f' % (2, 3.14159)", "'3.14'"},
    {"'%.1s' % 'ab'", "'a'"},
    {"'%d' % 3.7", "'3'"},
    {"'%d' % True", "'1'"},
    {"'%s %s' % (1,)", "!! TypeError: not enough arguments for format string"},
    {"'%s' % (1, 2)", "!! TypeError: not all arguments converted during string formatting"},
    {"'abc' % 5", "!! TypeError: not all arguments converted during string formatting"},
    {"'abc' % [1]", "'abc'"},
    {"'%d' % 'x'", "!! TypeError: %d format: a real number is required, not str"},
    {"'%x' % 1.5", "!! TypeError: %x format: an integer is required, not float"},
    {"'%f' % 'x'", "!! TypeError: must be real number, not str"},
    {"'%c' % 'xy'", "!! TypeError: %c requires int or char"},
    {"'%c' % -1", "!! OverflowError: %c arg not in range(0x110000)"},
    {"'%y' % 1", "!! ValueError: unsupported format character 'y' (0x79) at index 1"},
    {"'é%é' % 1", "!! ValueError: unsupported format character '?' (0xe9) at index 2"},
    {"'%' % ()", "!! ValueError: incomplete format"},
    {"'%(a)s' % (1,)", "!! TypeError: format requires a mapping"},
    {"'%(a)s' % {}", "!! KeyError: 'a'"},
    {"'%(a' % {}", "!! ValueError: incomplete format key"},
    {"'%*d' % ('x', 3)", "!! TypeError: * wants int"},
    {"'%d' % float('inf')", "!! OverflowError: cannot convert float infinity to integer"},
    {"'%d' % float('nan')", "!! ValueError: cannot convert float NaN to integer"},
    {"'%d' % None", "!! TypeError: %d format: a real number is required, not NoneType"},
    {"'%s' % None", "'None'"},
    // json
    {"import json as j", "None"},
    {"j.dumps([1, 'a'])", "'[1, \"a\"]'"},
    {"json.dumps({'a': [1, 2.5, None, True, False, 'x']})",
     "'{\"a\": [1, 2.5, null, true, false, \"x\"]}'"},
    {"json.dumps([1e16, 1.0, -0.0, 1e-7, float('nan'), float('inf'), float('-inf')])",
     "'[1e+16, 1.0, -0.0, 1e-07, NaN, Infinity, -Infinity]'"},
    {"json.dumps('é\"\\\\\\n\\t\\x01\\x7f😀')",
     "'\"\\\\u00e9\\\\\"\\\\\\\\\\\\n\\\\t\\\\u0001\\\\u007f\\\\ud83d\\\\ude00\"'"},
    {"json.dumps('é\"\\\\\\n\\t\\x01\\x7f😀', ensure_ascii=False)",
     "'\"é\\\\\"\\\\\\\\\\\\n\\\\t\\\\u0001\\x7f😀\"'"},
    {"json.dumps({1: 'a', 2.5: 'b', True: 'c', None: 'd', False: 'e'})",
     "'{\"1\": \"c\", \"2.5\": \"b\", \"null\": \"d\", \"false\": \"e\"}'"},
    {"json.dumps((1, (2,)))", "'[1, [2]]'"},
    {"json.dumps({})", "'{}'"},
    {"json.dumps({'b': 1, 'a': 2}, sort_keys=True)", "'{\"a\": 2, \"b\": 1}'"},
    {"json.dumps({'a': [1, {'b': 2}], 'c': []}, indent=2)",
     "'{\\n  \"a\": [\\n    1,\\n    {\\n      \"b\": 2\\n    }\\n  ],\\n  \"c\": []\\n}'"},
    {"json.dumps({'a': [1, {'b': 2}], 'c': {}}, indent='\\t')",
     "'{\\n\\t\"a\": [\\n\\t\\t1,\\n\\t\\t{\\n\\t\\t\\t\"b\": 2\\n\\t\\t}\\n\\t],\\n\\t\"c\": "
     "{}\\n}'"},
    {"json.dumps([1, 2], indent=0)", "'[\\n1,\\n2\\n]'"},
    {"json.dumps({'a': 1, 'b': [1, 2]}, separators=(',', ':'))", "'{\"a\":1,\"b\":[1,2]}'"},
    {"json.dumps(Person(), default=lambda o: 'P')", "'\"P\"'"},
    {"json.dumps({(1, 2): 3})",
     "!! TypeError: keys must be str, int, float, bool or None, not tuple"},
    {"json.dumps({(1, 2): 3}, skipkeys=True)", "'{}'"},
    {"json.dumps(Person())", "!! TypeError: Object of type Person is not JSON serializable"},
    {"json.dumps([Person()])", "!! TypeError: Object of type Person is not JSON serializable"},
    {"json.dumps({'b': 1, 1: 2}, sort_keys=True)",
     "!! TypeError: '<' not supported between instances of 'int' and 'str'"},
    {"json.dumps(float('nan'), allow_nan=False)",
     "!! ValueError: Out of range float values are not JSON compliant"},
    {"json.dumps({'a': 1}, separators=(',',))",
     "!! ValueError: not enough values to unpack (expected 2, got 1)"},
    {"json.dumps({'a': 1}, separators=(1, ':'))",
     "!! TypeError: make_encoder() argument 6 must be str, not int"},
    {"json.dumps({'a': 1}, indent=1.5)",
     "!! TypeError: can't multiply sequence by non-int of type 'float'"},
    {"json.dumps(1, foo=2)",
     "!! TypeError: JSONEncoder.__init__() got an unexpected keyword argument 'foo'"},
    {"json.dumps(1, 2)", "!! TypeError: dumps() takes 1 positional argument but 2 were given"},
    {"json.dumps()", "!! TypeError: dumps() missing 1 required positional argument: 'obj'"},
    {"json.dumps(Person(), default=lambda o: o)", "!! ValueError: Circular reference detected"},
    {"json.dumps(range(3))", "!! TypeError: Object of type range is not JSON serializable"},
    {"json.loads('{\"a\": [1, 2.5, null, true, false, \"x\"]}')",
     "{'a': [1, 2.5, None, True, False, 'x']}"},
    {"json.loads(' -0 ')", "0"},
    {"json.loads('1e5')", "100000.0"},
    {"json.loads('1e400')", "inf"},
    {"json.loads('-Infinity')", "-inf"},
    {"json.loads('\"\\\\u00e9\\\\ud83d\\\\ude00\\\\n\\\\/\"')", "'é😀\\n/'"},
    {"json.loads('{\"a\": 1, \"a\": 2}')", "{'a': 2}"},
    {"json.loads('{\"b\": 1, \"a\": 2}')", "{'b': 1, 'a': 2}"},
    {"json.loads('9223372036854775807')", "9223372036854775807"},
    {"json.loads('{\"a\": {\"b\": 1}}', object_hook=lambda d: list(d))", "['a']"},
    {"json.loads('[1.5, 2]', parse_float=str, parse_int=str)", "['1.5', '2']"},
    {"json.loads('')", "!! JSONDecodeError: Expecting value: line 1 column 1 (char 0)"},
    {"json.loads('  ')", "!! JSONDecodeError: Expecting value: line 1 column 3 (char 2)"},
    {"json.loads('[1, 2] 3')", "!! JSONDecodeError: Extra data: line 1 column 8 (char 7)"},
    {"json.loads('{]')", "!! JSONDecodeError: Expecting property name enclosed in double quotes: "
                         "line 1 column 2 (char 1)"},
    {"json.loads(\"{'a': 1}\")", "!! JSONDecodeError: Expecting property name enclosed in double "
                                 "quotes: line 1 column 2 (char 1)"},
    {"json.loads('\"abc')",
     "!! JSONDecodeError: Unterminated string starting at: line 1 column 1 (char 0)"},
    {"json.loads('\"abc\\n\"')",
     "!! JSONDecodeError: Invalid control character at: line 1 column 5 (char 4)"},
    {"json.loads('[1,]')", "!! JSONDecodeError: Expecting value: line 1 column 4 (char 3)"},
    {"json.loads('{\"a\":1,}')", "!! JSONDecodeError: Expecting property name enclosed in double "
                                 "quotes: line 1 column 8 (char 7)"},
    {"json.loads('{\"a\" 1}')",
     "!! JSONDecodeError: Expecting ':' delimiter: line 1 column 6 (char 5)"},
    {"json.loads('{\"a\":1 \"b\":2}')",
     "!! JSONDecodeError: Expecting ',' delimiter: line 1 column 8 (char 7)"},
    {"json.loads('[1 2]')",
     "!! JSONDecodeError: Expecting ',' delimiter: line 1 column 4 (char 3)"},
    {"json.loads('[')", "!! JSONDecodeError: Expecting value: line 1 column 2 (char 1)"},
    {"json.loads('nul')", "!! JSONDecodeError: Expecting value: line 1 column 1 (char 0)"},
    {"json.loads('-')", "!! JSONDecodeError: Expecting value: line 1 column 1 (char 0)"},
    {"json.loads('01')", "!! JSONDecodeError: Extra data: line 1 column 2 (char 1)"},
    {"json.loads('1.e5')", "!! JSONDecodeError: Extra data: line 1 column 2 (char 1)"},
    {"json.loads('\"\\\\x\"')", "!! JSONDecodeError: Invalid \\escape: line 1 column 2 (char 1)"},
    {"json.loads('\"\\\\u12x4\"')",
     "!! JSONDecodeError: Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
    {"json.loads('\"\\\\u1234')",
     "!! JSONDecodeError: Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
    {"json.loads('\\ufeff1')",
     "!! JSONDecodeError: Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"},
    {"json.loads('[1]\\n\\n  x')", "!! JSONDecodeError: Extra data: line 3 column 3 (char 7)"},
    {"json.loads('{\\n\"a\": 1,\\n\"b\" 2}')",
     "!! JSONDecodeError: Expecting ':' delimiter: line 3 column 5 (char 14)"},
    {"json.loads('[\"é\", x]')", "!! JSONDecodeError: Expecting value: line 1 column 7 (char 6)"},
    {"json.loads(5)", "!! TypeError: the JSON object must be str, bytes or bytearray, not int"},
    {"json.loads()", "!! TypeError: loads() missing 1 required positional argument: 's'"},
    {"json.loads('1', '2')", "!! TypeError: loads() takes 1 positional argument but 2 were given"},
    {"json.loads('1', foo=1)",
     "!! TypeError: JSONDecoder.__init__() got an unexpected keyword argument 'foo'"},
    {"json.JSONDecodeError.__module__", "'json.decoder'"},
    {"json.JSONDecodeError.__mro__",
     "(<class 'json.decoder.JSONDecodeError'>, <class 'ValueError'>, <class 'Exception'>, <class "
     "'BaseException'>, <class 'object'>)"},
    {"issubclass(json.JSONDecodeError, ValueError)", "True"},
    {"json.JSONDecodeError('boom', 'ab\\ncd', 4).args", "('boom: line 2 column 2 (char 4)',)"},
    {"json.JSONDecodeError('boom', 'ab\\ncd', 4).colno", "2"},
    {"err = None", "None"},
    {"try:\n    json.loads('{\"a\": }')\nexcept ValueError as ex:\n    err = ex", "None"},
    {"(type(err).__name__, err.msg, err.pos, err.lineno, err.colno, err.doc)",
     "('JSONDecodeError', 'Expecting value', 6, 1, 7, '{\"a\": }')"},
    {"str(err)", "'Expecting value: line 1 column 7 (char 6)'"},
    {"repr(err)", "\"JSONDecodeError('Expecting value: line 1 column 7 (char 6)')\""},
};

const char* kModel =
    "{\"format\": \"dunderscope/1\", \"classes\": ["
    " {\"name\": \"Person\"},"
    " {\"name\": \"Fmt\", \"attrs\": {\"__format__\": {\"kind\": \"function\","
    "   \"source\": \"def __format__(self, spec):\\n    return 'F<' + spec + '>'\"}}}]}";

// "Type: message" of a Python exception raised through C++.
QString errorText(World& w, const PyError& e) {
    return QString::fromStdString(type_name(w, e.exc) + ": " + str(w, e.exc));
}

} // namespace

class TstStrings : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        LoadResult r = load_model(kModel, "strings-fixture.json");
        QVERIFY2(r.ok(), r.error_message.c_str());
        session_ = std::move(r.session);
    }

    void cpythonTable_data() {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        int n = 0;
        for (const Case& c : kCases) {
            QByteArray tag =
                QByteArray::number(++n) + ": " + QByteArray(c.code).replace('\n', ' ').left(60);
            QTest::newRow(tag.constData())
                << QString::fromUtf8(c.code) << QString::fromUtf8(c.expected);
        }
        QVERIFY(n >= 60);
    }

    // Each case runs as one statement of the model, in order (some cases use names bound by
    // earlier ones).
    void cpythonTable() {
        QFETCH(QString, code);
        QFETCH(QString, expected);
        StatementResult r = session_->run(code.toStdString());
        QString got = r.ok ? QString::fromStdString(r.repr ? *r.repr : "None")
                           : QString::fromStdString("!! " + r.error_type + ": " + r.error_message);
        QCOMPARE(got, expected);
    }

    // format_value and percent_format as the interpreter calls them.
    void formatFunctions() {
        World& w = session_->world();
        QCOMPARE(format_value(w, Value::real(1234567.891), ",.2f"), std::string("1,234,567.89"));
        QCOMPARE(format_value(w, Value::real(0.1), ""), std::string("0.1"));
        QCOMPARE(format_value(w, Value::real(1e22), ""), std::string("1e+22"));
        QCOMPARE(format_value(w, Value::integer(-42), " >+8"), std::string("     -42"));
        QCOMPARE(format_value(w, Value::boolean(false), ""), std::string("False"));
        QCOMPARE(format_value(w, Value::none(), ""), std::string("None"));
        QCOMPARE(format_value(w, Value(w.str("héllo")), "^9.3"), std::string("   hél   "));
        QCOMPARE(percent_format(w, "%s=%05.1f", w.tuple({Value(w.str("x")), Value::real(2.25)})),
                 std::string("x=002.2"));
        QCOMPARE(percent_format(w, "%d%%", Value::integer(50)), std::string("50%"));
        try {
            format_value(w, Value(w.str("a")), "d");
            QFAIL("no exception");
        } catch (const PyError& e) {
            QCOMPARE(errorText(w, e),
                     QString("ValueError: Unknown format code 'd' for object of type 'str'"));
        }
        try {
            percent_format(w, "%s %s", w.tuple({Value::integer(1)}));
            QFAIL("no exception");
        } catch (const PyError& e) {
            QCOMPARE(errorText(w, e), QString("TypeError: not enough arguments for format string"));
        }
        try {
            percent_format(w, "%y", Value::integer(1));
            QFAIL("no exception");
        } catch (const PyError& e) {
            QCOMPARE(errorText(w, e),
                     QString("ValueError: unsupported format character 'y' (0x79) at index 1"));
        }
    }

    // The natives found in str's type dict, called directly.
    void strTypeDict() {
        World& w = session_->world();
        auto call = [&](const char* name, const char* self, std::vector<Value> args) {
            Value* m = w.types.str->dict->find_str(name);
            if (!m) throw std::runtime_error(std::string("no str.") + name);
            auto* d = m->as<MethodDescriptorObject>();
            if (!d)
                throw std::runtime_error(std::string("str.") + name +
                                         " is not a method descriptor");
            CallArgs a;
            a.positional = std::move(args);
            return d->fn(w, Value(w.str(self)), a);
        };
        for (const char* name :
             {"join", "split", "strip", "lower", "upper", "startswith", "endswith", "replace",
              "format", "find", "index", "count", "splitlines", "partition", "zfill", "center"})
            QVERIFY2(w.types.str->dict->find_str(name), name);
        QCOMPARE(
            repr(w, call("join", ", ", {Value(w.list({Value(w.str("a")), Value(w.str("b"))}))})),
            std::string("'a, b'"));
        QCOMPARE(repr(w, call("split", "a  b", {})), std::string("['a', 'b']"));
        QCOMPARE(repr(w, call("find", "héllo", {Value(w.str("o"))})), std::string("4"));
        QCOMPARE(repr(w, call("upper", "straße", {})), std::string("'STRASSE'"));
        QCOMPARE(repr(w, call("format", "{:>4}|{!r}", {Value::integer(7), Value(w.str("x"))})),
                 std::string("\"   7|'x'\""));
        try {
            call("join", "-", {Value(w.list({Value(w.str("a")), Value::integer(1)}))});
            QFAIL("no exception");
        } catch (const PyError& e) {
            QCOMPARE(errorText(w, e),
                     QString("TypeError: sequence item 1: expected str instance, int found"));
        }
    }

    // json is a module object in the builtins, with dumps, loads and JSONDecodeError.
    void jsonModule() {
        World& w = session_->world();
        Value* json = w.builtins->find_str("json");
        QVERIFY(json);
        auto* module = json->as<ModuleObject>();
        QVERIFY(module);
        QCOMPARE(type_of(w, *json), w.types.module);
        QCOMPARE(repr(w, *module->dict->find_str("__name__")), std::string("'json'"));
        QVERIFY(module->dict->find_str("dumps"));
        QVERIFY(module->dict->find_str("loads"));
        Value* error = module->dict->find_str("JSONDecodeError");
        QVERIFY(error);
        auto* type = error->as<TypeObject>();
        QVERIFY(type);
        QVERIFY(is_subtype(type, w.types.ValueError));
        QCOMPARE(repr(w, *error), std::string("<class 'json.decoder.JSONDecodeError'>"));
    }

  private:
    std::unique_ptr<Session> session_;
};

QTEST_GUILESS_MAIN(TstStrings)
#include "tst_strings.moc"
