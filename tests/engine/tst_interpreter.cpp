// The interpreter (model/interpreter, model/parser, model/operations, model/builtins): the Python
// subset of the model format, statement by statement through Session::run, against CPython
// 3.11's values and messages; and the engine's limits (recursion, the instruction budget, 64-bit
// int, allocation size) with the session still usable afterwards.
#include "enginetest.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace ds;
using namespace enginetest;

namespace {

const char* const kEmpty = R"JSON({"format": "dunderscope/1"})JSON";

// Classes for super(), name mangling, custom exceptions and recursion through attributes.
const char* const kClasses = R"JSON({"format": "dunderscope/1",
 "classes": [
  {"name": "Base", "attrs": {
     "__init__": {"kind": "function", "source": "def __init__(self, v=0):\n    self.v = v"},
     "hello": {"kind": "function", "source": "def hello(self):\n    return 'Base.hello from ' + type(self).__name__"},
     "make": {"kind": "classmethod", "source": "def make(cls):\n    return 'Base.make for ' + cls.__name__"}}},
  {"name": "Child", "bases": ["Base"], "attrs": {
     "__init__": {"kind": "function", "source": "def __init__(self, v):\n    super().__init__(v * 2)"},
     "hello": {"kind": "function", "source": "def hello(self):\n    return 'Child > ' + super().hello()"},
     "make": {"kind": "classmethod", "source": "def make(cls):\n    return 'Child > ' + super().make()"},
     "nested": {"kind": "function", "source": "def nested(self):\n    def inner():\n        return super().hello()\n    return inner()"},
     "static": {"kind": "staticmethod", "source": "def static():\n    return super().hello()"},
     "rebound": {"kind": "function", "source": "def rebound(self):\n    self = 5\n    return super().hello()"},
     "cls_cell": {"kind": "function", "source": "def cls_cell(self):\n    return __class__"}}},
  {"name": "Private", "attrs": {
     "__token": "secret",
     "__init__": {"kind": "function", "source": "def __init__(self):\n    self.__hidden = 1\n    self.__dunder__ = 2"},
     "peek": {"kind": "function", "source": "def peek(self):\n    return self.__hidden, self.__token, self.__dunder__"},
     "by_name": {"kind": "staticmethod", "source": "def by_name(obj):\n    return getattr(obj, '__hidden', 'strings are not mangled')"}}},
  {"name": "SubPrivate", "bases": ["Private"], "attrs": {
     "peek_parent": {"kind": "function", "source": "def peek_parent(self):\n    return self.__hidden"}}},
  {"name": "AppError", "bases": ["Exception"], "attrs": {
     "__init__": {"kind": "function", "source": "def __init__(self, code, msg):\n    super().__init__(msg)\n    self.code = code"}}},
  {"name": "NotFound", "bases": ["AppError"]},
  {"name": "Loop", "attrs": {
     "prop": {"kind": "property", "get": "def prop(self):\n    return self.prop"},
     "__getattr__": {"kind": "function", "source": "def __getattr__(self, name):\n    return self.missing"},
     "__repr__": {"kind": "function", "source": "def __repr__(self):\n    return 'Loop()'"}}}
 ],
 "instances": [{"name": "c", "new": "Child(21)"}, {"name": "pv", "new": "SubPrivate()"}, {"name": "lp", "new": "Loop()"}]})JSON";

// Special methods: arithmetic with NotImplemented, rich comparisons, hashing, the sequence
// protocol through __getitem__, and the container hooks.
const char* const kOperators = R"JSON({"format": "dunderscope/1",
 "classes": [
  {"name": "V", "attrs": {
    "__init__": {"kind": "function", "source": "def __init__(self, x):\n    self.x = x"},
    "__add__": {"kind": "function", "source": "def __add__(self, o):\n    if isinstance(o, V):\n        return V(self.x + o.x)\n    return NotImplemented"},
    "__radd__": {"kind": "function", "source": "def __radd__(self, o):\n    return V(self.x + o)"},
    "__eq__": {"kind": "function", "source": "def __eq__(self, o):\n    return isinstance(o, V) and self.x == o.x"},
    "__lt__": {"kind": "function", "source": "def __lt__(self, o):\n    return self.x < o.x"},
    "__repr__": {"kind": "function", "source": "def __repr__(self):\n    return f'V({self.x!r})'"},
    "__str__": {"kind": "function", "source": "def __str__(self):\n    return 'vec ' + str(self.x)"},
    "__len__": {"kind": "function", "source": "def __len__(self):\n    return self.x"},
    "__getitem__": {"kind": "function", "source": "def __getitem__(self, i):\n    if i >= self.x:\n        raise IndexError(i)\n    return i * 10"},
    "__call__": {"kind": "function", "source": "def __call__(self, *a):\n    return ('called', a)"},
    "__bool__": {"kind": "function", "source": "def __bool__(self):\n    return self.x > 0"}}},
  {"name": "Bag", "attrs": {
    "__init__": {"kind": "function", "source": "def __init__(self, *items):\n    self.items = list(items)"},
    "__iter__": {"kind": "function", "source": "def __iter__(self):\n    return iter(self.items)"},
    "__contains__": {"kind": "function", "source": "def __contains__(self, v):\n    print('contains', v)\n    return v in self.items"},
    "__getattr__": {"kind": "function", "source": "def __getattr__(self, n):\n    return 'ga ' + n"},
    "__setitem__": {"kind": "function", "source": "def __setitem__(self, k, v):\n    self.items.append((k, v))"}}},
  {"name": "Hashed", "attrs": {
    "__eq__": {"kind": "function", "source": "def __eq__(self, o):\n    return True"},
    "__hash__": {"kind": "function", "source": "def __hash__(self):\n    return 7"}}},
  {"name": "Plain"}
 ],
 "instances": [{"name": "a", "new": "V(1)"}, {"name": "b", "new": "V(2)"}, {"name": "g", "new": "Bag(1, 2)"}]})JSON";

} // namespace

class TestInterpreter : public QObject {
    Q_OBJECT

  private slots:
    void arithmetic();
    void floorDivisionAndModuloOnNegatives();
    void divisionByZero();
    void comparisons();
    void chainedComparisonEvaluatesOnce();
    void andOrValues();
    void strings();
    void fstringsAndFormatting();
    void lists();
    void dicts();
    void tuplesAndRanges();
    void unpacking();
    void loops();
    void tryExceptElseFinally();
    void returnInsideFinally();
    void raiseFromAndBareRaise();
    void exceptionObjects();
    void assertStatement();
    void namesAndScopes();
    void closuresAndNonlocal();
    void lambdaAndDefaults();
    void starArgsAndKwargs();
    void argumentBindingErrors();
    void comprehensions();
    void builtinFunctions();
    void operatorProtocols();
    void zeroArgumentSuper();
    void nameMangling();
    void imports();
    void jsonModule();
    void recursionError();
    void instructionBudget();
    void intOverflow();
    void memoryError();
    void printOutput();
    void syntaxErrors();
    void scriptSteps();
};

void TestInterpreter::arithmetic() {
    Model m(kEmpty);
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "1 + 2 * 3 - 4", "3");
    CHECK_RUN(m, "10 / 4, 10 / 5, 2 ** -1", "(2.5, 2.0, 0.5)");
    CHECK_RUN(m, "2 ** 10, 2 ** 0.5 ** 2, -3 ** 2, (-3) ** 2", "(1024, 1.189207115002721, -9, 9)");
    CHECK_RUN(m, "0.1 + 0.2, 1 / 3, 0.1 * 3",
              "(0.30000000000000004, 0.3333333333333333, 0.30000000000000004)");
    CHECK_RUN(m, "str(1.0), str(1e16), str(1e-05), 1e300 * 1e300, -0.0",
              "('1.0', '1e+16', '1e-05', inf, -0.0)");
    CHECK_RUN(m, "True + True, 3 * True, 1 + 2.0", "(2, 3, 3.0)");
    CHECK_RUN(m, "~5, -(-5), +5, 1 << 3, 256 >> 2, 5 & 3 | 8 ^ 1", "(-6, 5, 5, 8, 64, 9)");
    CHECK_RUN(m,
              "abs(-3), abs(-2.5), int(3.9), int(-3.9), round(2.5), round(3.5), round(3.14159, 2)",
              "(3, 2.5, 3, -3, 2, 4, 3.14)");
    CHECK_RUN(m, "int('  42 '), int('4_2'), float('1e3'), float('inf'), float('nan')",
              "(42, 42, 1000.0, inf, nan)");
    CHECK_RUN(m, "x = 5\nx += 2\nx -= 1\nx *= 3\nx //= 4\nx %= 3\nx **= 3", "");
    CHECK_RUN(m, "x", "1");
    CHECK_RUN(m, "1 + 'a'", "raised TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    CHECK_RUN(m, "'a' + 1", "raised TypeError: can only concatenate str (not \"int\") to str");
    CHECK_RUN(m, "[1] + (1,)",
              "raised TypeError: can only concatenate list (not \"tuple\") to list");
    CHECK_RUN(m, "None - 1",
              "raised TypeError: unsupported operand type(s) for -: 'NoneType' and 'int'");
    CHECK_RUN(m, "-'a'", "raised TypeError: bad operand type for unary -: 'str'");
    CHECK_RUN(m, "int('abc')", "raised ValueError: invalid literal for int() with base 10: 'abc'");
    CHECK_RUN(m, "float('x')", "raised ValueError: could not convert string to float: 'x'");
}

void TestInterpreter::floorDivisionAndModuloOnNegatives() {
    Model m(kEmpty);
    // Python floors: the result of % takes the sign of the divisor.
    CHECK_RUN(m, "7 // 2, -7 // 2, 7 // -2, -7 // -2", "(3, -4, -4, 3)");
    CHECK_RUN(m, "7 % 3, -7 % 3, 7 % -3, -7 % -3", "(1, 2, -2, -1)");
    CHECK_RUN(m, "-7 // 2.0, 7 % -2.0, -7.5 // 2, -7 % 2.5", "(-4.0, -1.0, -4.0, 0.5)");
    CHECK_RUN(m, "divmod(-7, 2), divmod(7, -2)", "((-4, 1), (-4, -1))");
    CHECK_RUN(m, "-1 // 10, -1 % 10", "(-1, 9)");
}

void TestInterpreter::divisionByZero() {
    Model m(kEmpty);
    CHECK_RUN(m, "1 / 0", "raised ZeroDivisionError: division by zero");
    CHECK_RUN(m, "1 // 0", "raised ZeroDivisionError: integer division or modulo by zero");
    CHECK_RUN(m, "1 % 0", "raised ZeroDivisionError: integer modulo by zero");
    CHECK_RUN(m, "1.0 / 0", "raised ZeroDivisionError: float division by zero");
    CHECK_RUN(m, "1.0 // 0", "raised ZeroDivisionError: float floor division by zero");
    CHECK_RUN(m, "1.0 % 0", "raised ZeroDivisionError: float modulo");
    CHECK_RUN(m, "divmod(1, 0)", "raised ZeroDivisionError: integer division or modulo by zero");
    CHECK_RUN(m, "0 ** -1", "raised ZeroDivisionError: 0.0 cannot be raised to a negative power");
}

void TestInterpreter::comparisons() {
    Model m(kEmpty);
    CHECK_RUN(m, "1 < 2 < 3, 3 > 2 > 2, 1 < 2 > 1.5 != 3 == 3.0", "(True, False, True)");
    CHECK_RUN(m,
              "1 == 1.0, 1 == 'a', 'abc' < 'abd' <= 'abd', [1, 2] < [1, 3], (1, 'a') == (1, 'a')",
              "(True, False, True, True, True)");
    CHECK_RUN(m, "[] == [] is not []", "True");
    CHECK_RUN(m, "None is None, 1 is not None, 'x' in 'xyz', 'q' not in 'xyz', 3 in {1: 2}",
              "(True, True, True, True, False)");
    CHECK_RUN(m, "1 < 'a'",
              "raised TypeError: '<' not supported between instances of 'int' and 'str'");
    CHECK_RUN(m, "[1] >= (1,)",
              "raised TypeError: '>=' not supported between instances of 'list' and 'tuple'");
    CHECK_RUN(m, "None < None",
              "raised TypeError: '<' not supported between instances of 'NoneType' and 'NoneType'");
    CHECK_RUN(m, "1 in 5", "raised TypeError: argument of type 'int' is not iterable");
    CHECK_RUN(m, "[] in {}", "raised TypeError: unhashable type: 'list'");
}

void TestInterpreter::chainedComparisonEvaluatesOnce() {
    Model m(kEmpty);
    CHECK_RUN(m, "def f(v):\n    print('f', v)\n    return v", "");
    // Each operand once, stopping at the first false link.
    CHECK_PRINT(m, "f(1) < f(2) < f(0) < f(3)", "f 1\nf 2\nf 0\n", "False");
    CHECK_PRINT(m, "f(1) < f(2) < f(3)", "f 1\nf 2\nf 3\n", "True");
    CHECK_PRINT(m, "f(1) if f(0) else f(2)", "f 0\nf 2\n", "2");
}

void TestInterpreter::andOrValues() {
    Model m(kEmpty);
    CHECK_RUN(m, "0 or [] or 'x', 1 and 0, True and 'yes', False or None, None or 0, [] and 1",
              "('x', 0, 'yes', None, 0, [])");
    CHECK_RUN(m, "not 1, not 0, not '', not [0]", "(False, True, True, False)");
    CHECK_RUN(m, "bool(''), bool('0'), bool([]), bool(0.0), bool(None), bool({0: 0})",
              "(False, True, False, False, False, True)");
    CHECK_RUN(m, "def f(v):\n    print('f', v)\n    return v", "");
    CHECK_PRINT(m, "f(0) and f(1)", "f 0\n", "0");
    CHECK_PRINT(m, "f(2) or f(3)", "f 2\n", "2");
    CHECK_PRINT(m, "f(0) or f('') or f('last')", "f 0\nf \nf last\n", "'last'");
}

void TestInterpreter::strings() {
    Model m(kEmpty);
    CHECK_RUN(m, "'it\\'s', \"say \\\"hi\\\"\", 'both \\' \"'",
              "(\"it's\", 'say \"hi\"', 'both \\' \"')");
    CHECK_RUN(m, "'tab\\there', 'a\\nb', '\\x41\\u00e9', r'\\n'",
              "('tab\\there', 'a\\nb', 'Aé', '\\\\n')");
    CHECK_RUN(m, "'''multi\nline''', \"\"\"x\"\"\"", "('multi\\nline', 'x')");
    CHECK_RUN(m, "len('héllo'), 'héllo'[1], 'héllo'[::-1]", "(5, 'é', 'olléh')");
    CHECK_RUN(m, "'abc'[1:], 'abc'[-1], 'abc'[:-1], 'abcdef'[1:5:2], 'abc'[5:]",
              "('bc', 'c', 'ab', 'bd', '')");
    CHECK_RUN(m, "'a' * 3, 3 * 'ab', 'abc' * -1, 'ab' + 'cd'", "('aaa', 'ababab', '', 'abcd')");
    CHECK_RUN(m, "', '.join(['a', 'b']), 'a,b,,c'.split(','), 'a b  c'.split(), '  hi  '.strip()",
              "('a, b', ['a', 'b', '', 'c'], ['a', 'b', 'c'], 'hi')");
    CHECK_RUN(m,
              "'Hi'.lower(), 'Hi'.upper(), 'hello'.startswith('he'), 'hello'.endswith('x'), "
              "'aaa'.replace('a', 'b', 2)",
              "('hi', 'HI', True, False, 'bba')");
    CHECK_RUN(m, "'xxhixx'.strip('x'), 'a-b-c'.split('-', 1)", "('hi', ['a', 'b-c'])");
    CHECK_RUN(m, "'abc'[10]", "raised IndexError: string index out of range");
    CHECK_RUN(m, "'abc'[0] = 'x'",
              "raised TypeError: 'str' object does not support item assignment");
    CHECK_RUN(m, "', '.join([1, 2])",
              "raised TypeError: sequence item 0: expected str instance, int found");
    CHECK_RUN(m, "'abc'.nope()", "raised AttributeError: 'str' object has no attribute 'nope'");
    CHECK_RUN(m, "str(None), str(1.5), repr('x'), str([1, 'a'])",
              "('None', '1.5', \"'x'\", \"[1, 'a']\")");
}

void TestInterpreter::fstringsAndFormatting() {
    Model m(kEmpty);
    CHECK_RUN(m, "x = 3\nname = 'Ada'", "");
    CHECK_RUN(m, "f'{x + 1} {name!r} {name!s}'", "\"4 'Ada' Ada\"");
    CHECK_RUN(m, "f'{3.14159:.2f}|{42:>5}|{name!r:^7}|{7:03d}|{255:x}|{0.5:%}|{1234567:,}'",
              "\"3.14|   42| 'Ada' |007|ff|50.000000%|1,234,567\"");
    CHECK_RUN(m, "f'{x=}', f'{{literal}} {x}', f'{x:{x}}', f'{name:<5}|'",
              "('x=3', '{literal} 3', '  3', 'Ada  |')");
    CHECK_RUN(m, "f'{[1, 2]}', f'{None}', f'{\"q\"}'", "('[1, 2]', 'None', 'q')");
    CHECK_RUN(m, "'%5.2f|%-4s|%x|%%|%r|%d' % (3.14159, 'ab', 255, 'q', 7)",
              "\" 3.14|ab  |ff|%|'q'|7\"");
    CHECK_RUN(m, "'%s' % 5, '%s' % (5,), '%s and %s' % ('a', [1])", "('5', '5', 'a and [1]')");
    CHECK_RUN(m, "'%s %s' % (1,)", "raised TypeError: not enough arguments for format string");
    CHECK_RUN(m, "'%s' % (1, 2)",
              "raised TypeError: not all arguments converted during string formatting");
    CHECK_RUN(m, "'%d' % 'a'", "raised TypeError: %d format: a real number is required, not str");
    CHECK_RUN(m, "'{0}{1}{0}'.format('a', 'b'), '{:>4}'.format(1), '{} {name}'.format(1, name='n')",
              "('aba', '   1', '1 n')");
    CHECK_RUN(m, "'{x}'.format()", "raised KeyError: 'x'");
    CHECK_RUN(m, "'{}{}'.format(1)",
              "raised IndexError: Replacement index 1 out of range for positional args tuple");
    CHECK_RUN(m, "f'{x:d}', f'{name:d}'",
              "raised ValueError: Unknown format code 'd' for object of type 'str'");
}

void TestInterpreter::lists() {
    Model m(kEmpty);
    CHECK_RUN(m, "l = [3, 1, 2]\nl.append(4)\nl.extend([5])\nl.insert(0, 0)", "");
    CHECK_RUN(m, "l", "[0, 3, 1, 2, 4, 5]");
    CHECK_RUN(m, "l.pop(), l.pop(0), l", "(5, 0, [3, 1, 2, 4])");
    CHECK_RUN(m, "l.count(1), l.index(2), len(l), 2 in l", "(1, 2, 4, True)");
    CHECK_RUN(m, "sorted(l), sorted(l, reverse=True), l",
              "([1, 2, 3, 4], [4, 3, 2, 1], [3, 1, 2, 4])");
    CHECK_RUN(m, "l2 = l.copy()\nl2.append(9)", "");
    CHECK_RUN(m, "l, l2, l2 is l", "([3, 1, 2, 4], [3, 1, 2, 4, 9], False)");
    CHECK_RUN(m, "alias = l\nalias += [7]", "");
    CHECK_RUN(m, "l", "[3, 1, 2, 4, 7]");
    CHECK_RUN(m, "del l[0]\nl[0] = 'x'", "");
    CHECK_RUN(m, "l, l[-1], l[1:3], l[::2], [1] * 3, [*range(3), *'ab']",
              "(['x', 2, 4, 7], 7, [2, 4], ['x', 4], [1, 1, 1], [0, 1, 2, 'a', 'b'])");
    CHECK_RUN(m, "l[10]", "raised IndexError: list index out of range");
    CHECK_RUN(m, "l[10] = 1", "raised IndexError: list assignment index out of range");
    CHECK_RUN(m, "del l[10]", "raised IndexError: list assignment index out of range");
    CHECK_RUN(m, "l.index(99)", "raised ValueError: 99 is not in list");
    CHECK_RUN(m, "[].pop()", "raised IndexError: pop from empty list");
    CHECK_RUN(m, "l['a']", "raised TypeError: list indices must be integers or slices, not str");
}

void TestInterpreter::dicts() {
    Model m(kEmpty);
    CHECK_RUN(m, "d = {'a': 1}", "");
    CHECK_RUN(m, "d.get('b'), d.get('b', 0), d.setdefault('c', 3), d",
              "(None, 0, 3, {'a': 1, 'c': 3})");
    CHECK_RUN(m, "d.update({'a': 9}, z=0)", "");
    CHECK_RUN(m, "list(d.keys()), list(d.values()), list(d.items())",
              "(['a', 'c', 'z'], [9, 3, 0], [('a', 9), ('c', 3), ('z', 0)])");
    CHECK_RUN(m, "d.keys(), d.values(), d.items()",
              "(dict_keys(['a', 'c', 'z']), dict_values([9, 3, 0]), dict_items([('a', 9), ('c', "
              "3), ('z', 0)]))");
    CHECK_RUN(m, "d.pop('z'), d.pop('nope', 'dflt'), d", "(0, 'dflt', {'a': 9, 'c': 3})");
    CHECK_RUN(m, "del d['a']\nd[(1, 2)] = 'tuple key'", "");
    CHECK_RUN(m, "d, len(d), 'c' in d, d.copy() == d",
              "({'c': 3, (1, 2): 'tuple key'}, 2, True, True)");
    CHECK_RUN(m, "{**{'a': 1}, 'b': 2}, dict(a=1, b=2), dict([('k', 'v')])",
              "({'a': 1, 'b': 2}, {'a': 1, 'b': 2}, {'k': 'v'})");
    CHECK_RUN(m, "d['nope']", "raised KeyError: 'nope'");
    CHECK_RUN(m, "del d['nope']", "raised KeyError: 'nope'");
    CHECK_RUN(m, "d.pop('nope')", "raised KeyError: 'nope'");
    CHECK_RUN(m, "d[[1]] = 2", "raised TypeError: unhashable type: 'list'");
    CHECK_RUN(m, "{1: 'int', 1.0: 'float', True: 'bool'}", "{1: 'bool'}");
}

void TestInterpreter::tuplesAndRanges() {
    Model m(kEmpty);
    CHECK_RUN(m, "t = (1, 2, 3)", "");
    CHECK_RUN(m, "t.count(1), t.index(3), len(t), min(t), max(t), sum(t), t[1:], (1,) + (2,), ()",
              "(1, 2, 3, 1, 3, 6, (2, 3), (1, 2), ())");
    CHECK_RUN(m, "t[0] = 5", "raised TypeError: 'tuple' object does not support item assignment");
    CHECK_RUN(m, "t2 = t\nt += (4,)", "");
    CHECK_RUN(m, "t, t2", "((1, 2, 3, 4), (1, 2, 3))");
    CHECK_RUN(m,
              "range(1, 10, 3), list(range(1, 10, 3)), list(range(3, 0, -1)), len(range(5)), 3 in "
              "range(5)",
              "(range(1, 10, 3), [1, 4, 7], [3, 2, 1], 5, True)");
    CHECK_RUN(m, "t[9]", "raised IndexError: tuple index out of range");
    CHECK_RUN(m, "range(1, 2, 0)", "raised ValueError: range() arg 3 must not be zero");
}

void TestInterpreter::unpacking() {
    Model m(kEmpty);
    CHECK_RUN(m, "a, (b, c) = 1, (2, 3)", "");
    CHECK_RUN(m, "a, b, c", "(1, 2, 3)");
    CHECK_RUN(m, "x, *y = [1, 2, 3]\n*z, = 'ab'\nfirst, *mid, last = range(5)", "");
    CHECK_RUN(m, "x, y, z, first, mid, last", "(1, [2, 3], ['a', 'b'], 0, [1, 2, 3], 4)");
    CHECK_RUN(m, "p = [1, 2]\np[0], p[1] = p[1], p[0]", "");
    CHECK_RUN(m, "p", "[2, 1]");
    CHECK_RUN(m, "a = b = 7", "");
    CHECK_RUN(m, "a, b", "(7, 7)");
    CHECK_RUN(m, "a, b = [1]",
              "raised ValueError: not enough values to unpack (expected 2, got 1)");
    CHECK_RUN(m, "a, b = [1, 2, 3]", "raised ValueError: too many values to unpack (expected 2)");
    CHECK_RUN(m, "a, *b, c = [1]",
              "raised ValueError: not enough values to unpack (expected at least 2, got 1)");
    CHECK_RUN(m, "a, *b = ()",
              "raised ValueError: not enough values to unpack (expected at least 1, got 0)");
    CHECK_RUN(m, "a, b = 1", "raised TypeError: cannot unpack non-iterable int object");
    CHECK_RUN(m, "for i, (j, k) in enumerate([(1, 2)]):\n    print(i, j, k)", "");
}

void TestInterpreter::loops() {
    Model m(kEmpty);
    CHECK_RUN(m, "for i in range(5):\n    if i == 3:\n        break\nelse:\n    i = 'no break'",
              "");
    CHECK_RUN(m, "i", "3");
    CHECK_RUN(m, "for i in range(2):\n    pass\nelse:\n    i = 'else ran'", "");
    CHECK_RUN(m, "i", "'else ran'");
    CHECK_RUN(m,
              "n = 0\nwhile n < 10:\n    n += 1\n    if n % 2:\n        continue\n    if n > 6:\n  "
              "      break\nelse:\n    n = -1",
              "");
    CHECK_RUN(m, "n", "8");
    CHECK_PRINT(m, "for c in 'abc':\n    if c == 'b':\n        continue\n    print(c)", "a\nc\n",
                "");
    CHECK_PRINT(m, "for i in []:\n    pass\nelse:\n    print('empty else')", "empty else\n", "");
    CHECK_PRINT(m, "while False:\n    pass\nelse:\n    print('while else')", "while else\n", "");
    CHECK_PRINT(m, "for k in {'b': 1, 'a': 2}:\n    print(k)", "b\na\n", "");
    CHECK_PRINT(m,
                "for i in range(3):\n    for j in range(3):\n        if j == 1:\n            "
                "break\n        print(i, j)",
                "0 0\n1 0\n2 0\n", "");
    CHECK_RUN(m, "for x in 5:\n    pass", "raised TypeError: 'int' object is not iterable");
}

void TestInterpreter::tryExceptElseFinally() {
    Model m(kClasses);
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_PRINT(m,
                "try:\n    1/0\nexcept ZeroDivisionError as e:\n    r = repr(e)\nelse:\n    r = "
                "'else'\nfinally:\n    print('fin')",
                "fin\n", "");
    CHECK_RUN(m, "r", "\"ZeroDivisionError('division by zero')\"");
    CHECK_RUN(m, "try:\n    pass\nexcept Exception:\n    r = 1\nelse:\n    r = 2", "");
    CHECK_RUN(m, "r", "2");
    CHECK_RUN(
        m,
        "def order():\n    log = []\n    try:\n        try:\n            log.append('body')\n      "
        "      raise KeyError('k')\n"
        "        finally:\n            log.append('inner finally')\n    except LookupError as e:\n"
        "        log.append('handler ' + repr(e))\n    else:\n        log.append('else')\n    "
        "finally:\n"
        "        log.append('outer finally')\n    return log",
        "");
    CHECK_RUN(m, "order()",
              "['body', 'inner finally', \"handler KeyError('k')\", 'outer finally']");
    // The `as` name is unbound after the handler.
    CHECK_RUN(m, "try:\n    1/0\nexcept ZeroDivisionError as e:\n    pass", "");
    CHECK_RUN(m, "e", "raised NameError: name 'e' is not defined");
    // Tuples of classes, user exception classes, and a handler that does not match.
    CHECK_RUN(m,
              "try:\n    raise NotFound(404, 'missing')\nexcept (KeyError, AppError) as e:\n"
              "    caught = (type(e).__name__, e.code, str(e), e.args)",
              "");
    CHECK_RUN(m, "caught", "('NotFound', 404, 'missing', ('missing',))");
    CHECK_RUN(m, "try:\n    raise NotFound(404, 'x')\nexcept KeyError:\n    pass",
              "raised NotFound: x");
    CHECK_PRINT(m, "try:\n    raise ValueError('v')\nfinally:\n    print('cleanup')", "cleanup\n",
                "raised ValueError: v");
    CHECK_RUN(m,
              "try:\n    1/0\nexcept ZeroDivisionError:\n    raise ValueError('during handling')",
              "raised ValueError: during handling");
    CHECK_RUN(m, "try:\n    pass\nexcept 5:\n    pass", "");
    CHECK_RUN(
        m, "try:\n    1/0\nexcept 5:\n    pass",
        "raised TypeError: catching classes that do not inherit from BaseException is not allowed");
}

void TestInterpreter::returnInsideFinally() {
    Model m(kEmpty);
    CHECK_RUN(m, "def f():\n    try:\n        return 1\n    finally:\n        return 2", "");
    CHECK_RUN(m, "f()", "2");
    // A return in finally swallows the exception.
    CHECK_RUN(m,
              "def swallow():\n    try:\n        raise ValueError('lost')\n    finally:\n        "
              "return 'finally wins'",
              "");
    CHECK_RUN(m, "swallow()", "'finally wins'");
    CHECK_RUN(m,
              "def g():\n    for i in range(3):\n        try:\n            continue\n        "
              "finally:\n            print(i)\n    return 'done'",
              "");
    CHECK_PRINT(m, "g()", "0\n1\n2\n", "'done'");
    CHECK_RUN(m,
              "def brk():\n    for i in range(3):\n        try:\n            return i\n        "
              "finally:\n            if i == 0:\n"
              "                continue\n    return 'end'",
              "");
    CHECK_RUN(m, "brk()", "1");
    CHECK_RUN(m,
              "def value_kept():\n    x = 'before'\n    try:\n        return x\n    finally:\n     "
              "   x = 'after'",
              "");
    CHECK_RUN(m, "value_kept()", "'before'");
}

void TestInterpreter::raiseFromAndBareRaise() {
    Model m(kEmpty);
    CHECK_RUN(m,
              "try:\n    raise ValueError('a') from KeyError('b')\nexcept ValueError as e:\n    "
              "cause = e.__cause__\n"
              "    ctx = e.__context__",
              "");
    CHECK_RUN(m, "cause, ctx", "(KeyError('b'), None)");
    CHECK_RUN(m,
              "try:\n    {}['a']\nexcept KeyError:\n    try:\n        raise ValueError('second')\n "
              "   except ValueError as e2:\n"
              "        ctx = e2.__context__",
              "");
    CHECK_RUN(m, "ctx", "KeyError('a')");
    CHECK_RUN(m,
              "try:\n    try:\n        raise KeyError('k')\n    except KeyError:\n        "
              "raise\nexcept LookupError as e:\n    r = e",
              "");
    CHECK_RUN(m, "r", "KeyError('k')");
    CHECK_RUN(m,
              "def reraiser():\n    try:\n        int('x')\n    except ValueError:\n        raise",
              "");
    CHECK_RUN(m, "reraiser()", "raised ValueError: invalid literal for int() with base 10: 'x'");
    CHECK_RUN(m, "raise", "raised RuntimeError: No active exception to reraise");
    CHECK_RUN(m, "raise ValueError", "raised ValueError");
    CHECK_RUN(m, "raise KeyError('k')", "raised KeyError: 'k'");
    CHECK_RUN(m, "raise TypeError('a', 1)", "raised TypeError: ('a', 1)");
    CHECK_RUN(m, "raise 5", "raised TypeError: exceptions must derive from BaseException");
    CHECK_RUN(m, "raise ValueError('x') from 3",
                  "raised TypeError: exception causes must derive from BaseException");
    CHECK_RUN(m,
                  "try:\n    raise ValueError('v') from None\nexcept ValueError as e:\n    info = "
                  "(e.__cause__, e.__suppress_context__)",
                  "");
    CHECK_RUN(m, "info", "(None, True)");
}

void TestInterpreter::exceptionObjects() {
    Model m(kClasses);
    CHECK_RUN(m, "e = ValueError('a', 'b')", "");
    CHECK_RUN(m, "e.args, str(e), repr(e)",
              "(('a', 'b'), \"('a', 'b')\", \"ValueError('a', 'b')\")");
    CHECK_RUN(m,
              "str(ValueError()), repr(ValueError()), repr(KeyError('a')), str(KeyError('a')), "
              "str(KeyError('a', 'b'))",
              "('', 'ValueError()', \"KeyError('a')\", \"'a'\", \"('a', 'b')\")");
    CHECK_RUN(m,
              "isinstance(ValueError(), Exception), issubclass(KeyError, LookupError), "
              "issubclass(NotFound, Exception)",
              "(True, True, True)");
    CHECK_RUN(m, "raise NotFound(1, 'm')", "raised NotFound: m");
    CHECK_RUN(m, "raise NotFound",
              "raised TypeError: AppError.__init__() missing 2 required positional arguments: "
              "'code' and 'msg'");
    CHECK_RUN(
        m, "AppError(1)",
        "raised TypeError: AppError.__init__() missing 1 required positional argument: 'msg'");
    CHECK_RUN(m, "NotFound(404, 'x').code, NotFound(404, 'x')", "(404, NotFound('x'))");
}

void TestInterpreter::assertStatement() {
    Model m(kEmpty);
    CHECK_RUN(m, "assert 1", "");
    CHECK_RUN(m, "assert 1 == 2, 'nope'", "raised AssertionError: nope");
    CHECK_RUN(m, "assert False", "raised AssertionError");
    CHECK_RUN(m, "assert isinstance(1, str), f'got {type(1).__name__}'",
              "raised AssertionError: got int");
    CHECK_RUN(m, "assert [], ['a', 1]", "raised AssertionError: ['a', 1]");
}

void TestInterpreter::namesAndScopes() {
    Model m(kEmpty);
    CHECK_RUN(m, "undefined_name", "raised NameError: name 'undefined_name' is not defined");
    CHECK_RUN(m, "x = 1\ndel x", "");
    CHECK_RUN(m, "x", "raised NameError: name 'x' is not defined");
    CHECK_RUN(m, "del undefined", "raised NameError: name 'undefined' is not defined");
    CHECK_RUN(m, "def bad():\n    x = x + 1\n    return x", "");
    CHECK_RUN(m, "bad()",
              "raised UnboundLocalError: cannot access local variable 'x' where it is not "
              "associated with a value");
    CHECK_RUN(m,
              "def outer():\n    v = 1\n    def inner():\n        return v\n    del v\n    return "
              "inner()",
              "");
    CHECK_RUN(m, "outer()",
              "raised NameError: cannot access free variable 'v' where it is not associated with a "
              "value in enclosing scope");
    CHECK_RUN(m, "total = 0\ndef add(v):\n    global total\n    total += v", "");
    CHECK_RUN(m, "add(5)\nadd(6)", "");
    CHECK_RUN(m, "total", "11");
    CHECK_RUN(m, "def noglobal():\n    total += 1", "");
    CHECK_RUN(m, "noglobal()",
              "raised UnboundLocalError: cannot access local variable 'total' where it is not "
              "associated with a value");
    CHECK_RUN(m, "vars()['total'], len, callable(len)", "(11, <built-in function len>, True)");
    CHECK_RUN(m, "__name__", "'__main__'");
}

void TestInterpreter::closuresAndNonlocal() {
    Model m(kEmpty);
    CHECK_RUN(m,
              "def counter():\n    count = 0\n    def inc(step=1):\n        nonlocal count\n       "
              " count += step\n"
              "        return count\n    return inc",
              "");
    CHECK_RUN(m, "c1 = counter()\nc2 = counter()", "");
    CHECK_RUN(m, "c1(), c1(5), c2(), c1()", "(1, 6, 1, 7)");
    CHECK_RUN(m,
              "def outer():\n    x = 'outer'\n    def inner():\n        x = 'inner'\n        "
              "return x\n    inner()\n    return x",
              "");
    CHECK_RUN(m, "outer()", "'outer'");
    // Closures see the variable, not its value at creation.
    CHECK_RUN(
        m, "def late():\n    fs = [lambda: i for i in range(3)]\n    return [f() for f in fs]", "");
    CHECK_RUN(m, "late()", "[2, 2, 2]");
    CHECK_RUN(m, "def early():\n    return [(lambda i=i: i)() for i in range(3)]", "");
    CHECK_RUN(m, "early()", "[0, 1, 2]");
    CHECK_RUN(m, "def make(n):\n    return lambda x: x + n", "");
    CHECK_RUN(m, "make(10)(5)", "15");
}

void TestInterpreter::lambdaAndDefaults() {
    Model m(kEmpty);
    CHECK_RUN(m, "(lambda x, y=2: x * y)(3), (lambda: 0)(), (lambda *a, **k: (a, k))(1, x=2)",
              "(6, 0, ((1,), {'x': 2}))");
    CHECK_RUN(m, "f = lambda: 0", "");
    CHECK_RUN(m, "f, f.__name__, f.__qualname__", "(<function <lambda>>, '<lambda>', '<lambda>')");
    CHECK_RUN(m, "(lambda: 0)(1)",
              "raised TypeError: <lambda>() takes 0 positional arguments but 1 was given");
    // A default is evaluated once: a mutable default is shared between calls.
    CHECK_RUN(m, "def acc(x, into=[]):\n    into.append(x)\n    return into", "");
    CHECK_RUN(m, "acc(1), acc(2), acc.__defaults__", "([1, 2], [1, 2], ([1, 2],))");
    CHECK_RUN(m, "d = 'early'\ndef show(v=d):\n    return v\nd = 'late'", "");
    CHECK_RUN(m, "show()", "'early'");
}

void TestInterpreter::starArgsAndKwargs() {
    Model m(kEmpty);
    CHECK_RUN(m, "def kw(a, *args, b=2, **rest):\n    return a, args, b, rest", "");
    CHECK_RUN(m, "kw(1, 2, 3, b=4, c=5)", "(1, (2, 3), 4, {'c': 5})");
    CHECK_RUN(m, "kw(*[1, 2], **{'b': 3, 'z': 0})", "(1, (2,), 3, {'z': 0})");
    CHECK_RUN(m, "kw(**{'a': 1})", "(1, (), 2, {})");
    CHECK_RUN(m, "kw(1, **{'a': 2})",
              "raised TypeError: kw() got multiple values for argument 'a'");
    CHECK_RUN(m, "kw(1, **{1: 2})", "raised TypeError: keywords must be strings");
    CHECK_RUN(m, "kw(*5)", "raised TypeError: kw() argument after * must be an iterable, not int");
    CHECK_RUN(m, "kw(1, **[])", "raised TypeError: kw() argument after ** must be a mapping, not list");
    CHECK_RUN(m, "print(*[1, 2], sep='-')", "");
}

void TestInterpreter::argumentBindingErrors() {
    Model m(kEmpty);
    CHECK_RUN(m, "def f(a, b=2, *args, c, d=4, **kw):\n    return (a, b, args, c, d, kw)", "");
    CHECK_RUN(m, "f(1, c=3)", "(1, 2, (), 3, 4, {})");
    CHECK_RUN(m, "f()", "raised TypeError: f() missing 1 required positional argument: 'a'");
    CHECK_RUN(m, "f(1)", "raised TypeError: f() missing 1 required keyword-only argument: 'c'");
    CHECK_RUN(m, "f(1, a=2, c=3)", "raised TypeError: f() got multiple values for argument 'a'");
    CHECK_RUN(m, "def g(a, b):\n    return a + b", "");
    CHECK_RUN(m, "g(1)", "raised TypeError: g() missing 1 required positional argument: 'b'");
    CHECK_RUN(m, "g()",
              "raised TypeError: g() missing 2 required positional arguments: 'a' and 'b'");
    CHECK_RUN(m, "g(1, 2, 3)",
              "raised TypeError: g() takes 2 positional arguments but 3 were given");
    CHECK_RUN(m, "g(1, c=2)", "raised TypeError: g() got an unexpected keyword argument 'c'");
    CHECK_RUN(m, "g(1, 2, **{'a': 3})",
              "raised TypeError: g() got multiple values for argument 'a'");
    CHECK_RUN(m, "def q(a, b, c):\n    pass", "");
    CHECK_RUN(m, "q()",
              "raised TypeError: q() missing 3 required positional arguments: 'a', 'b', and 'c'");
    CHECK_RUN(m, "def h(*, k):\n    return k", "");
    CHECK_RUN(m, "h(1)", "raised TypeError: h() takes 0 positional arguments but 1 was given");
    CHECK_RUN(m, "h()", "raised TypeError: h() missing 1 required keyword-only argument: 'k'");
    CHECK_RUN(m, "def r(x, *, y, z):\n    pass", "");
    CHECK_RUN(m, "r(1)",
              "raised TypeError: r() missing 2 required keyword-only arguments: 'y' and 'z'");
    CHECK_RUN(m, "r(1, 2, y=1, z=2)",
              "raised TypeError: r() takes 1 positional argument but 2 positional arguments (and 2 "
              "keyword-only arguments) were given");
    CHECK_RUN(m, "def s(a=1):\n    pass", "");
    CHECK_RUN(m, "s(1, 2)",
              "raised TypeError: s() takes from 0 to 1 positional arguments but 2 were given");
    CHECK_RUN(m, "def u(a, b=1, *, c):\n    pass", "");
    CHECK_RUN(m, "u(1, 2, 3, c=1)",
              "raised TypeError: u() takes from 1 to 2 positional arguments but 3 positional "
              "arguments (and 1 keyword-only argument) were given");
    CHECK_RUN(m, "def t():\n    pass", "");
    CHECK_RUN(m, "t(1)", "raised TypeError: t() takes 0 positional arguments but 1 was given");
    CHECK_RUN(m, "t(x=1)", "raised TypeError: t() got an unexpected keyword argument 'x'");
    CHECK_RUN(m, "def p(a, /, b):\n    return a, b", "");
    CHECK_RUN(m, "p(1, b=2)", "(1, 2)");
    CHECK_RUN(m, "p(a=1, b=2)",
              "raised TypeError: p() got some positional-only arguments passed as keyword "
              "arguments: 'a'");
    CHECK_RUN(m, "len()", "raised TypeError: len() takes exactly one argument (0 given)");
    CHECK_RUN(m, "len(5)", "raised TypeError: object of type 'int' has no len()");
    CHECK_RUN(m, "x = 1\nx()", "raised TypeError: 'int' object is not callable");
}

void TestInterpreter::comprehensions() {
    Model m(kEmpty);
    CHECK_RUN(m, "[n * n for n in range(5) if n % 2 == 0]", "[0, 4, 16]");
    CHECK_RUN(m, "[(i, j) for i in range(2) for j in 'ab']",
              "[(0, 'a'), (0, 'b'), (1, 'a'), (1, 'b')]");
    CHECK_RUN(m, "[x * y for x in range(3) for y in range(x) if y]", "[2]");
    CHECK_RUN(m, "[[j for j in range(i)] for i in range(3)]", "[[], [0], [0, 1]]");
    CHECK_RUN(m, "{v: k for k, v in {'a': 1, 'b': 2}.items()}", "{1: 'a', 2: 'b'}");
    CHECK_RUN(m, "sum(x for x in range(5)), list(x for x in 'ab'), any(x > 3 for x in range(5))",
              "(10, ['a', 'b'], True)");
    // The loop variable does not leak into the enclosing scope.
    CHECK_RUN(m, "n = 10\nsquares = [n for n in range(3)]", "");
    CHECK_RUN(m, "n, squares", "(10, [0, 1, 2])");
    CHECK_RUN(m, "[k for k in range(3)]\nk", "raised NameError: name 'k' is not defined");
    CHECK_RUN(m, "def scope():\n    y = 5\n    return [y * i for i in range(3)]", "");
    CHECK_RUN(m, "scope()", "[0, 5, 10]");
    CHECK_RUN(m, "[x for x in 5]", "raised TypeError: 'int' object is not iterable");
}

void TestInterpreter::builtinFunctions() {
    Model m(kEmpty);
    CHECK_RUN(m,
              "sorted(['b', 'A', 'c'], key=str.lower), max([1, 5, 3]), min('bca'), sum([0.5, 1])",
              "(['A', 'b', 'c'], 5, 'a', 1.5)");
    CHECK_RUN(m, "sum([[1], [2]], []), max(1, 2, key=lambda v: -v), len({'a': 1})",
              "([1, 2], 1, 1)");
    CHECK_RUN(m, "list(zip('ab', [1, 2, 3])), list(enumerate('ab', 1)), list(reversed([1, 2]))",
              "([('a', 1), ('b', 2)], [(1, 'a'), (2, 'b')], [2, 1])");
    CHECK_RUN(m, "any([0, 1]), all([]), callable(len), callable(1)", "(True, True, True, False)");
    CHECK_RUN(m, "it = iter([1])", "");
    CHECK_RUN(m, "next(it), next(it, 'end')", "(1, 'end')");
    CHECK_RUN(m, "next(it)", "raised StopIteration");
    CHECK_RUN(m, "max([])", "raised ValueError: max() arg is an empty sequence");
    CHECK_RUN(m, "isinstance(1, (str, int)), type(1), type(type), type(None)",
              "(True, <class 'int'>, <class 'type'>, <class 'NoneType'>)");
    CHECK_RUN(m, "isinstance(1, 2)",
              "raised TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union");
    CHECK_RUN(m, "list('ab'), tuple([1]), str(None), int(True), float(2)",
              "(['a', 'b'], (1,), 'None', 1, 2.0)");
    CHECK_RUN(m, "chr(65), ord('a'), abs(-1.5)", "('A', 97, 1.5)");
}

void TestInterpreter::operatorProtocols() {
    Model m(kOperators);
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "a + b, 1 + a, a < b, b > a, sorted([b, a]), max(a, b)",
              "(V(3), V(2), True, True, [V(1), V(2)], V(2))");
    CHECK_RUN(m, "a - b", "raised TypeError: unsupported operand type(s) for -: 'V' and 'V'");
    CHECK_RUN(m, "a <= b", "raised TypeError: '<=' not supported between instances of 'V' and 'V'");
    CHECK_RUN(m, "str(a), repr(a), f'{a}', f'{a!r}', [a], {'k': a}",
              "('vec 1', 'V(1)', 'vec 1', 'V(1)', [V(1)], {'k': V(1)})");
    CHECK_PRINT(m, "print(a)", "vec 1\n", "");
    CHECK_RUN(m, "len(b), b[1], bool(V(0)), not a, a(1, 2)",
              "(2, 10, False, False, ('called', (1, 2)))");
    CHECK_RUN(m, "Plain() == Plain(), Plain() != Plain(), a == V(1), a == 1",
              "(False, True, True, False)");
    CHECK_RUN(m, "Plain(1)", "raised TypeError: Plain() takes no arguments");
    CHECK_RUN(m, "V()",
              "raised TypeError: V.__init__() missing 1 required positional argument: 'x'");
    CHECK_PRINT(m, "list(g), 2 in g, [x for x in g]", "contains 2\n", "([1, 2], True, [1, 2])");
    // Special methods are looked up on the type: __getattr__ does not supply them.
    CHECK_RUN(m, "len(g)", "raised TypeError: object of type 'Bag' has no len()");
    CHECK_RUN(m, "g[0]", "raised TypeError: 'Bag' object is not subscriptable");
    CHECK_RUN(m, "g.__len__", "'ga __len__'");
    CHECK_RUN(m, "g['k'] = 1", "");
    CHECK_RUN(m, "g.items", "[1, 2, ('k', 1)]");
    CHECK_RUN_BUG(m, "NotImplemented", "NotImplemented",
                  "engine bug: the builtin NotImplemented is missing");
    CHECK_RUN(m, "a + 1", "raised TypeError: unsupported operand type(s) for +: 'V' and 'int'");
    CHECK_RUN(m, "a != V(1)", "False");
    CHECK_RUN(m, "hash(a)", "raised TypeError: unhashable type: 'V'");
    CHECK_RUN(m, "V.__hash__", "");
    CHECK_RUN_BUG(m, "hash(Hashed())", "7",
                  "engine bug: hash() and dict keys ignore a user __hash__");
    CHECK_RUN_BUG(m, "{Hashed(): 'found'}[Hashed()]", "'found'",
                  "engine bug: hash() and dict keys ignore a user __hash__");
    CHECK_RUN_BUG(m, "list(b), 10 in b", "([0, 10], True)",
                  "engine bug: iteration does not fall back to the __getitem__ sequence protocol");
}

void TestInterpreter::zeroArgumentSuper() {
    Model m(kClasses);
    CHECK_RUN(m, "c.v", "42");
    CHECK_RUN(m, "c.hello()", "'Child > Base.hello from Child'");
    CHECK_RUN(m, "Child.make(), c.make()",
              "('Child > Base.make for Child', 'Child > Base.make for Child')");
    CHECK_RUN(m, "super(Child, c).hello()", "'Base.hello from Child'");
    CHECK_RUN(m, "c.nested()", "raised RuntimeError: super(): no arguments");
    CHECK_RUN(m, "Child.static()", "raised RuntimeError: super(): no arguments");
    CHECK_RUN(m, "c.rebound()",
              "raised TypeError: super(type, obj): obj must be an instance or subtype of type");
    CHECK_RUN(m, "Child.hello(Base())",
              "raised TypeError: super(type, obj): obj must be an instance or subtype of type");
    CHECK_RUN(m, "def free(self):\n    return super().hello()", "");
    CHECK_RUN(m, "free(c)", "raised RuntimeError: super(): __class__ cell not found");
    CHECK_RUN(m, "super()", "raised RuntimeError: super(): no arguments");
    CHECK_RUN(m, "c.cls_cell()", "<class 'Child'>");
}

void TestInterpreter::nameMangling() {
    Model m(kClasses);
    CHECK_RUN(m, "pv.peek()", "(1, 'secret', 2)");
    CHECK_RUN(m, "pv.__dict__", "{'_Private__hidden': 1, '__dunder__': 2}");
    CHECK_RUN(m, "pv._Private__hidden, Private._Private__token", "(1, 'secret')");
    CHECK_RUN(m, "pv.__hidden",
              "raised AttributeError: 'SubPrivate' object has no attribute '__hidden'");
    // Names inside strings are not mangled; a subclass mangles with its own name.
    CHECK_RUN(m, "Private.by_name(pv)", "'strings are not mangled'");
    CHECK_RUN(m, "pv.peek_parent()",
              "raised AttributeError: 'SubPrivate' object has no attribute '_SubPrivate__hidden'");
    CHECK_RUN(m, "'_Private__token' in Private.__dict__, '__token' in Private.__dict__",
              "(True, False)");
}

void TestInterpreter::imports() {
    Model m(kEmpty);
    CHECK_RUN(m, "import json", "");
    CHECK_RUN(m, "import functools, types", "");
    CHECK_RUN(m, "json.dumps([1])", "'[1]'");
    CHECK_RUN(m, "functools.cached_property, types.ModuleType",
              "(<class 'functools.cached_property'>, <class 'module'>)");
    CHECK_RUN(m, "types.ModuleType('m'), types.ModuleType('m').__dict__",
              "(<module 'm'>, {'__name__': 'm', '__doc__': None, '__package__': None, "
              "'__loader__': None, '__spec__': None})");
    CHECK_RUN(m,
              "from json import dumps, loads\nimport json as j\nfrom types import ModuleType as MT",
              "");
    CHECK_RUN(m, "dumps([1]), j.dumps(1), MT", "('[1]', '1', <class 'module'>)");
    CHECK_RUN(m, "import nosuch", "raised ModuleNotFoundError: No module named 'nosuch'");
    // The spec's sandbox: no module beyond json, functools and types.
    CHECK_RUN_SPEC(m, "import os", "raised ModuleNotFoundError: No module named 'os'");
    CHECK_RUN_SPEC(m, "import sys", "raised ModuleNotFoundError: No module named 'sys'");
    CHECK_RUN(m, "os", "raised NameError: name 'os' is not defined");
}

void TestInterpreter::jsonModule() {
    Model m(kEmpty);
    CHECK_RUN(m, "import json", "");
    CHECK_RUN(m, "json.dumps({'a': [1, 2.5, None, True, 'é']})",
              "'{\"a\": [1, 2.5, null, true, \"\\\\u00e9\"]}'");
    CHECK_RUN(m, "json.loads('{\"a\": [1, 2.5, null, true]}')", "{'a': [1, 2.5, None, True]}");
    CHECK_RUN(m, "json.dumps('x'), json.dumps([]), json.dumps({1: 2}), json.dumps((1, 2))",
              "('\"x\"', '[]', '{\"1\": 2}', '[1, 2]')");
    CHECK_RUN(m, "json.loads(json.dumps({'k': [1, {'n': None}]}))", "{'k': [1, {'n': None}]}");
    CHECK_RUN(m, "json.loads('nope')",
              "raised JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    CHECK_RUN(m, "json.dumps(object())",
              "raised TypeError: Object of type object is not JSON serializable");
}

void TestInterpreter::recursionError() {
    Model m(kClasses);
    CHECK_RUN(m, "def down(n):\n    return down(n + 1)", "");
    CHECK_RUN(m, "down(0)", "raised RecursionError: maximum recursion depth exceeded");
    CHECK_RUN(m, "1 + 1", "2");
    CHECK_RUN(m, "try:\n    down(0)\nexcept RecursionError as e:\n    msg = str(e)", "");
    CHECK_RUN(m, "msg", "'maximum recursion depth exceeded'");
    // Through a property that reads itself, and __getattr__ reading a missing attribute.
    CHECK_RUN(m, "lp.prop", "raised RecursionError: maximum recursion depth exceeded");
    CHECK_RUN(m, "lp.anything", "raised RecursionError: maximum recursion depth exceeded");
    CHECK_RUN(m, "lp", "Loop()");
    CHECK_RUN(m, "def depth(n):\n    return n if n == 0 else depth(n - 1)", "");
    CHECK_RUN(m, "depth(500)", "0");
    CHECK_RUN(m, "c.hello()", "'Child > Base.hello from Child'");
    // With tracing on, the deep recursion still ends in RecursionError.
    const StatementResult r = m.trace("lp.prop");
    QCOMPARE(outcome(r), QStringLiteral("raised RecursionError: maximum recursion depth exceeded"));
    QVERIFY(!r.trace.empty());
    CHECK_RUN(m, "'still alive'", "'still alive'");
}

void TestInterpreter::instructionBudget() {
    Model m(kEmpty);
    QElapsedTimer timer;
    timer.start();
    const StatementResult r = m.run("while True:\n    pass");
    QCOMPARE(qs(r.error_type), QStringLiteral("BudgetExceeded"));
    QVERIFY2(qs(r.error_message).contains(QStringLiteral("instruction budget")),
             qPrintable(qs(r.error_message)));
    QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
    // Python code cannot catch it, and the session goes on.
    const StatementResult caught =
        m.run("try:\n    while True:\n        pass\nexcept BaseException:\n    pass");
    QCOMPARE(qs(caught.error_type), QStringLiteral("BudgetExceeded"));
    CHECK_RUN(m, "x = 41", "");
    CHECK_RUN(m, "x + 1", "42");
    CHECK_RUN(m, "def spin():\n    while True:\n        pass", "");
    QCOMPARE(qs(m.run("spin()").error_type), QStringLiteral("BudgetExceeded"));
    CHECK_RUN(m, "[i for i in range(1000)][-1]", "999");
}

void TestInterpreter::intOverflow() {
    Model m(kEmpty);
    CHECK_RUN(m, "9223372036854775807, -9223372036854775807 - 1",
              "(9223372036854775807, -9223372036854775808)");
    CHECK_RUN(m, "2 ** 62 + (2 ** 62 - 1)", "9223372036854775807");
    CHECK_RUN_SPEC(m, "9223372036854775807 + 1",
                   "raised OverflowError: integer result too large for Dunderscope's 64-bit int");
    CHECK_RUN_SPEC(m, "2 ** 64",
                   "raised OverflowError: integer result too large for Dunderscope's 64-bit int");
    CHECK_RUN_SPEC(m, "9223372036854775807 * 2",
                   "raised OverflowError: integer result too large for Dunderscope's 64-bit int");
    CHECK_RUN_SPEC(m, "int('99999999999999999999')",
                   "raised OverflowError: integer result too large for Dunderscope's 64-bit int");
    CHECK_RUN(m, "x = 10 ** 18", "");
    CHECK_RUN(m, "x", "1000000000000000000");
}

void TestInterpreter::memoryError() {
    Model m(kEmpty);
    CHECK_RUN_SPEC(m, "[0] * 10**9", "raised MemoryError");
    CHECK_RUN_SPEC(m, "'ab' * 10**9", "raised MemoryError");
    CHECK_RUN(m, "len([0] * 1000)", "1000");
}

void TestInterpreter::printOutput() {
    Model m(kEmpty);
    CHECK_PRINT(m, "print(1, 'a', None, [1], 'é')", "1 a None [1] é\n", "");
    CHECK_PRINT(m, "print()", "\n", "");
    CHECK_PRINT(m, "print('a', 'b', sep='')", "ab\n", "");
    CHECK_PRINT(m, "print(*[1, 2], sep='-', end='!\\n')", "1-2!\n", "");
    CHECK_PRINT(m, "print('no newline', end='')", "no newline", "");
    CHECK_PRINT(m, "x = print('hi')", "hi\n", "");
    CHECK_PRINT(m, "x", "", "");
    CHECK_PRINT(m, "for i in range(3):\n    print(i, i * i)", "0 0\n1 1\n2 4\n", "");
    CHECK_PRINT(m, "print('before')\n1 / 0", "before\n",
                "raised ZeroDivisionError: division by zero");
    // Output of one statement does not leak into the next.
    CHECK_PRINT(m, "'quiet'", "", "'quiet'");
    const StatementResult r = m.trace("print('traced')");
    QCOMPARE(allEvents(r.trace, EventKind::Print),
             QStringList{QStringLiteral("print value=traced\n")});
}

void TestInterpreter::syntaxErrors() {
    Model m(kEmpty);
    CHECK_RUN(m, "1 +", "raised SyntaxError: invalid syntax");
    CHECK_RUN(m, "x = (1", "raised SyntaxError: '(' was never closed");
    CHECK_RUN(m, "x = [1, 2", "raised SyntaxError: '[' was never closed");
    CHECK_RUN(m, "if True", "raised SyntaxError: expected ':'");
    CHECK_RUN(m, "return 5", "raised SyntaxError: 'return' outside function");
    CHECK_RUN(m, "break", "raised SyntaxError: 'break' outside loop");
    CHECK_RUN(m, "continue", "raised SyntaxError: 'continue' not properly in loop");
    CHECK_RUN(
        m, "1 = 2",
        "raised SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?");
    CHECK_RUN(m, "f() = 1",
              "raised SyntaxError: cannot assign to function call here. Maybe you meant '==' "
              "instead of '='?");
    CHECK_RUN(m, "None = 1", "raised SyntaxError: cannot assign to None");
    CHECK_RUN(m, "'abc", "raised SyntaxError: unterminated string literal (detected at line 1)");
    CHECK_RUN(m, "'''abc",
              "raised SyntaxError: unterminated triple-quoted string literal (detected at line 1)");
    CHECK_RUN(
        m, "print 'x'",
        "raised SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?");
    CHECK_RUN(m, "def f(a, a):\n    pass",
              "raised SyntaxError: duplicate argument 'a' in function definition");
    CHECK_RUN(m, "def f(a=1, b):\n    pass",
              "raised SyntaxError: non-default argument follows default argument");
    CHECK_RUN(m, "f(a=1, 2)", "raised SyntaxError: positional argument follows keyword argument");
    CHECK_RUN(m, "g(1, b=2, b=3)", "raised SyntaxError: keyword argument repeated: b");
    CHECK_RUN(m, "x = 08",
              "raised SyntaxError: leading zeros in decimal integer literals are not permitted; "
              "use an 0o prefix for octal integers");
    CHECK_RUN(m, "f'{}'", "raised SyntaxError: f-string: empty expression not allowed");
    CHECK_RUN(m, "f'}'", "raised SyntaxError: f-string: single '}' is not allowed");
    CHECK_RUN(m, "nonlocal x",
              "raised SyntaxError: nonlocal declaration not allowed at module level");
    CHECK_RUN(m, "def f(x):\n    global x", "raised SyntaxError: name 'x' is parameter and global");
    CHECK_RUN(m, "def f():\n    x = 1\n    global x",
              "raised SyntaxError: name 'x' is assigned to before global declaration");
    CHECK_RUN(m, "if True:\npass",
              "raised IndentationError: expected an indented block after 'if' statement on line 1");
    CHECK_RUN(m, "if True:\n    x = 1\n  y = 2",
              "raised IndentationError: unindent does not match any outer indentation level");
    CHECK_RUN(m, "  x = 1", "raised IndentationError: unexpected indent");
    CHECK_RUN(m, "def f():\n    nonlocal y",
              "raised SyntaxError: no binding for nonlocal 'y' found");
    CHECK_RUN(m, "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x",
              "raised SyntaxError: name 'x' is nonlocal and global");
    // Nothing ran: the session is intact.
    CHECK_RUN(m, "x = 1", "");
    CHECK_RUN(m, "x", "1");
}

// Script statements are parsed at load and run like console statements.
void TestInterpreter::scriptSteps() {
    Model m(
        R"JSON({"format": "dunderscope/1", "script": ["x = 2", "x * 21", "print('x is', x)", "x.nope", "x"]})JSON");
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    QCOMPARE(int(m.session().script_size()), 5);
    QStringList got;
    for (size_t i = 0; i < m.session().script_size(); ++i) {
        StatementResult r;
        run_with_large_stack([&] {
            // (the model's heap is found through its types)
            r = m.session().run_script_step(i);
        });
        got << qs(r.statement) + " => " + outcome(r) +
                   (r.output.empty() ? QString() : " | " + qs(r.output));
    }
    QCOMPARE(got,
             QStringList({"x = 2 => ", "x * 21 => 42", "print('x is', x) =>  | x is 2\n",
                          "x.nope => raised AttributeError: 'int' object has no attribute 'nope'",
                          "x => 2"}));
    // A script that does not parse makes the model fail to load, naming the entry.
    const LoadResult bad =
        load(R"JSON({"format": "dunderscope/1", "script": ["x = 1", "x = (1"]})JSON");
    QVERIFY(!bad.ok());
    QCOMPARE(qs(bad.error_type), QStringLiteral("ModelError"));
    QCOMPARE(qs(bad.errors.at(0).place.pointer), QStringLiteral("/script/1"));
    QVERIFY2(qs(bad.errors.at(0).message).contains(QStringLiteral("'(' was never closed")),
             qPrintable(qs(bad.errors.at(0).message)));
}

QTEST_GUILESS_MAIN(TestInterpreter)
#include "tst_interpreter.moc"
