// The engine's limits and its sandbox: runaway code ends in a Python exception (RecursionError at
// 1000 calls, also through properties, __getattr__, __getattribute__, descriptors and builtin
// code walking deeply nested values; BudgetExceeded for a loop that never ends; MemoryError past
// the allocation limits) and the session goes on; deep, huge and very wide models load or fail
// with an error, never crash; and a model reaches no file, socket, clock, environment or host
// object: what would lead there does not exist, with CPython's own NameError / AttributeError.
//
// Expected values are CPython 3.11's, except where the spec departs on purpose (CHECK_RUN_SPEC:
// the budget, the allocation limits, the sandbox's missing builtins).
#include "enginetest.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace ds;
using namespace enginetest;

namespace {

const char* const kEmpty = R"JSON({"format": "dunderscope/1"})JSON";

// Attribute lookups that never end.
const char* const kRunaway = R"JSON({"format": "dunderscope/1",
 "classes": [
  {"name": "Loop", "attrs": {
     "prop": {"kind": "property", "get": "def prop(self):\n    return self.prop"},
     "__getattr__": {"kind": "function", "source": "def __getattr__(self, name):\n    return self.missing"}}},
  {"name": "SelfLookup", "attrs": {
     "__getattribute__": {"kind": "function", "source": "def __getattribute__(self, name):\n    return self.__getattribute__(name)"}}},
  {"name": "Ping", "attrs": {
     "a": {"kind": "property", "get": "def a(self):\n    return self.b"},
     "b": {"kind": "property", "get": "def b(self):\n    return self.a"}}},
  {"name": "Hop", "attrs": {
     "__get__": {"kind": "function", "source": "def __get__(self, obj, owner=None):\n    return getattr(obj, 'hop')"}}},
  {"name": "Host", "attrs": {
     "hop": {"kind": "expr", "expr": "Hop()"},
     "method": {"kind": "function", "source": "def method(self):\n    return 1"},
     "spin": {"kind": "property", "get": "def spin(self):\n    while True:\n        pass"}}}
 ],
 "instances": [{"name": "lp", "new": "Loop()"}, {"name": "sl", "new": "SelfLookup()"},
               {"name": "ping", "new": "Ping()"}, {"name": "host", "new": "Host()"}]})JSON";

const char* const kRecursion = "raised RecursionError: maximum recursion depth exceeded";

// A model of `classes` classes: a chain C0 <- C1 <- ... of `depth` classes, then classes that
// each derive from one class of the chain (spread over it). Every class has a method.
std::string hierarchy(int classes, int depth) {
    std::string text = "{\"format\": \"dunderscope/1\", \"classes\": [";
    for (int i = 0; i < classes; ++i) {
        if (i) text += ",\n";
        text += "{\"name\": \"C" + std::to_string(i) + "\"";
        if (i > 0) {
            const int base = i < depth ? i - 1 : (i * 7919) % depth;
            text += ", \"bases\": [\"C" + std::to_string(base) + "\"]";
        }
        text += ", \"attrs\": {\"f\": {\"kind\": \"function\", \"source\": \"def f(self):\\n    "
                "return " +
                std::to_string(i) + "\"}}}";
    }
    return text + "]}";
}

} // namespace

class TestLimits : public QObject {
    Q_OBJECT

  private slots:
    void recursionThroughAttributes();
    void recursionInBuiltinCode();
    void instructionBudget();
    void memoryLimits();
    void deepAndHugeModels();
    void sandbox();
};

void TestLimits::recursionThroughAttributes() {
    Model m(kRunaway);
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "lp.prop", kRecursion);
    CHECK_RUN(m, "lp.anything", kRecursion);
    CHECK_RUN(m, "sl.x", kRecursion);
    CHECK_RUN(m, "ping.a", kRecursion);
    CHECK_RUN(m, "host.hop", kRecursion);
    CHECK_RUN(m, "try:\n    ping.b\nexcept RecursionError as e:\n    caught = type(e).__name__",
              "");
    CHECK_RUN(m, "caught", "'RecursionError'");
    // Traced, the same (the trace of a thousand nested lookups is long, not fatal).
    const StatementResult traced = m.trace("host.hop");
    QCOMPARE(outcome(traced), QString::fromUtf8(kRecursion));
    QVERIFY(!traced.trace.empty());
    CHECK_RUN(m, "host.method()", "1");
}

void TestLimits::recursionInBuiltinCode() {
    // Builtin code walking a structure nested 100,000 deep counts against the recursion limit
    // with CPython's messages, as CPython's Py_EnterRecursiveCall does.
    Model m(kEmpty);
    CHECK_RUN(m,
              "x = []\ny = []\nd = {}\nc = int\nfor i in range(100000):\n    x = [x]\n    y = [y]\n"
              "    d = {'a': d}\n    c = (c,)",
              "");
    const char* repr_error = "raised RecursionError: maximum recursion depth exceeded while "
                             "getting the repr of an object";
    CHECK_RUN(m, "repr(x)", repr_error);
    CHECK_RUN(m, "str(x)", repr_error);
    CHECK_RUN(m, "repr(d)", repr_error);
    CHECK_RUN(m, "f'{x}'", repr_error);
    CHECK_RUN(m, "print(x)", repr_error);
    CHECK_RUN(m, "x", repr_error); // the REPL's display of the value
    CHECK_RUN(m, "x == y", "raised RecursionError: maximum recursion depth exceeded in comparison");
    CHECK_RUN(m, "x < y", "raised RecursionError: maximum recursion depth exceeded in comparison");
    CHECK_RUN(m, "x in [y]",
              "raised RecursionError: maximum recursion depth exceeded in comparison");
    CHECK_RUN(m, "x == x", "True"); // identical items are not compared
    CHECK_RUN(m, "isinstance(1, c)",
              "raised RecursionError: maximum recursion depth exceeded in __instancecheck__");
    CHECK_RUN(m, "issubclass(int, c)",
              "raised RecursionError: maximum recursion depth exceeded in __subclasscheck__");
    CHECK_RUN(m, "import json", "");
    CHECK_RUN(
        m, "json.dumps(x)",
        "raised RecursionError: maximum recursion depth exceeded while encoding a JSON object");
    CHECK_RUN(m, "json.loads('[' * 100000 + ']' * 100000)",
              "raised RecursionError: maximum recursion depth exceeded while decoding a JSON array "
              "from a unicode string");
    CHECK_RUN(m, "json.loads('{\"a\":' * 100000 + '1' + '}' * 100000)",
              "raised RecursionError: maximum recursion depth exceeded while decoding a JSON "
              "object from a unicode string");
    // Freeing them does not recurse either.
    CHECK_RUN(m, "del x, y, d, c", "");
    CHECK_RUN(m, "'still alive'", "'still alive'");
}

void TestLimits::instructionBudget() {
    const char* budget = "raised BudgetExceeded: statement stopped after 20000000 steps (the "
                         "instruction budget): is there a loop that never ends?";
    Model m(kRunaway);
    CHECK_RUN_SPEC(m, "while True:\n    pass", budget);
    CHECK_RUN_SPEC(m, "host.spin", budget); // inside a property getter, during a lookup
    CHECK_RUN_SPEC(m, "try:\n    host.spin\nexcept BaseException:\n    pass", budget);
    CHECK_RUN(m, "host.method()", "1");
    // A lowered budget (as the fuzzers use) says its own number.
    Model small(kEmpty, Limits{.step_limit = 1000});
    CHECK_RUN_SPEC(small, "while True:\n    pass",
                   "raised BudgetExceeded: statement stopped after 1000 steps (the instruction "
                   "budget): is there a loop that never ends?");
}

void TestLimits::memoryLimits() {
    Model m(kEmpty);
    // One container past 256 MiB.
    CHECK_RUN_SPEC(m, "[0] * 10**9", "raised MemoryError");
    CHECK_RUN_SPEC(m, "'x' * 10**10", "raised MemoryError");
    CHECK_RUN_SPEC(m, "x = 'x' * 2**20\nwhile True:\n    x = x + x", "raised MemoryError");
    CHECK_RUN(m, "len('x' * 2**20)", "1048576");
    // Many containers that each fit: the whole process's memory limit (lowered here to keep the
    // test small; 2 GiB by default).
    Model growing(kEmpty, Limits{.memory_limit = size_t(1) << 30});
    CHECK_RUN_SPEC(growing, "x = []\nwhile True:\n    x.append([0] * 100000)",
                   "raised MemoryError");
    CHECK_RUN(growing, "len(x) > 100", "True");
    CHECK_RUN(growing, "del x", "");
    CHECK_RUN(growing, "len([0] * 100000)", "100000");
}

void TestLimits::deepAndHugeModels() {
    // JSON nested 100,000 deep: a load error naming the place.
    const std::string deep =
        "{\"format\": \"dunderscope/1\", \"x-deep\": " + std::string(100000, '[') +
        std::string(100000, ']') + "}";
    CHECK_LOAD_ERROR(deep, "ModelError: test.json:1:550: nesting deeper than 512 levels");

    // A 100 MB file: it loads (the file limit is 256 MiB).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("big.json")).toStdString();
    {
        std::ofstream out(path, std::ios::binary);
        out << "{\"format\": \"dunderscope/1\", \"stores\": [{\"name\": \"s\", \"data\": {";
        const std::string value(1'000'000, 'v');
        for (int i = 0; i < 100; ++i)
            out << (i ? ", " : "") << "\"k" << i << "\": \"" << value << '"';
        out << "}}]}";
    }
    LoadResult big;
    run_with_large_stack([&] { big = load_model_file(path); });
    QVERIFY2(big.ok(), qPrintable(loadError(big)));
    QString keys;
    run_with_large_stack([&] {
        keys = outcome(big.session->run("len(s.keys()), len(s.get('k99'))"));
        big.session.reset();
    });
    QCOMPARE(keys, QStringLiteral("(100, 1000000)"));

    // 10,000 classes, a chain 5,000 deep: it loads, with every MRO complete.
    Model wide(hierarchy(10000, 5000));
    QVERIFY2(wide.ok(), qPrintable(loadError(wide.loaded())));
    CHECK_RUN(wide, "len(C4999.__mro__), C4999.__mro__[-2], C4999().f()",
              "(5001, <class 'C0'>, 4999)");
    CHECK_RUN(wide, "len(C9999.__mro__), isinstance(C9999(), C0)", "(2084, True)");
}

void TestLimits::sandbox() {
    Model m(kRunaway);
    // No builtin opens a file, imports, or reaches the interpreter: the names do not exist.
    for (const char* name :
         {"open", "__import__", "globals", "locals", "eval", "exec", "compile", "__builtins__",
          "input", "breakpoint", "exit", "quit", "help", "memoryview", "__loader__", "__spec__"}) {
        const std::string statement = std::string(name);
        const QString expected =
            QStringLiteral("raised NameError: name '%1' is not defined").arg(name);
        QCOMPARE(m.eval(statement), expected);
    }
    CHECK_RUN_SPEC(m, "open('/etc/passwd')", "raised NameError: name 'open' is not defined");
    CHECK_RUN_SPEC(m, "__import__('os')", "raised NameError: name '__import__' is not defined");
    CHECK_RUN_SPEC(m, "eval('1 + 1')", "raised NameError: name 'eval' is not defined");
    CHECK_RUN_SPEC(m, "exec('x = 1')", "raised NameError: name 'exec' is not defined");
    CHECK_RUN_SPEC(m, "compile('1', 'f', 'eval')",
                   "raised NameError: name 'compile' is not defined");
    CHECK_RUN_SPEC(m, "globals()", "raised NameError: name 'globals' is not defined");
    CHECK_RUN_SPEC(m, "import os", "raised ModuleNotFoundError: No module named 'os'");
    CHECK_RUN_SPEC(m, "import socket", "raised ModuleNotFoundError: No module named 'socket'");
    CHECK_RUN_SPEC(m, "import builtins", "raised ModuleNotFoundError: No module named 'builtins'");
    // No way from a class to every other class.
    CHECK_RUN_SPEC(m, "type.__subclasses__()",
                   "raised AttributeError: type object 'type' has no attribute '__subclasses__'");
    CHECK_RUN_SPEC(m, "().__class__.__base__.__subclasses__()",
                   "raised AttributeError: type object 'object' has no attribute '__subclasses__'");
    CHECK_RUN_SPEC(m, "Host.__subclasses__()",
                   "raised AttributeError: type object 'Host' has no attribute '__subclasses__'");
    // No way from a function to its module's globals, its code or the builtins module.
    CHECK_RUN(m, "def f():\n    pass", "");
    for (const char* attr : {"__globals__", "__code__", "__builtins__"}) {
        const QString expected =
            QStringLiteral("raised AttributeError: 'function' object has no attribute '%1'")
                .arg(attr);
        QCOMPARE(m.eval(std::string("f.") + attr), expected);
        QCOMPARE(m.eval(std::string("(lambda: 0).") + attr), expected);
        QCOMPARE(m.eval(std::string("Host.method.") + attr), expected);
        QCOMPARE(m.eval(std::string("getattr(f, '") + attr + "')"), expected);
    }
    CHECK_RUN_SPEC(m, "import json\njson.loads.__globals__",
                   "raised AttributeError: 'builtin_function_or_method' object has no attribute "
                   "'__globals__'");
    CHECK_RUN_SPEC(m, "json.codecs",
                   "raised AttributeError: module 'json' has no attribute 'codecs'");
    CHECK_RUN_SPEC(m, "json.decoder",
                   "raised AttributeError: module 'json' has no attribute 'decoder'");
}

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
