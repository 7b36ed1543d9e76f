// C3 linearization and class creation (model/mro, model/type): MROs as CPython 3.11 computes
// them, through `__mro__`, `mro()` and the C++ API, and the errors of class creation to the
// letter, as statement results and as load errors naming the failing class.
#include "enginetest.h"
#include "mro.h"
#include "type.h"

#include <QtTest>

using namespace ds;
using namespace enginetest;

namespace {

// The classic diamond: D(B, C) with B(A) and C(A); C overrides A's attribute.
const char* const kDiamond = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "A", "attrs": {"who": "A", "hello": {"kind": "function", "source": "def hello(self):\n    return 'A'"}}},
  {"name": "B", "bases": ["A"], "attrs": {"hello": {"kind": "function", "source": "def hello(self):\n    return 'B>' + super().hello()"}}},
  {"name": "C", "bases": ["A"], "attrs": {"who": "C", "hello": {"kind": "function", "source": "def hello(self):\n    return 'C>' + super().hello()"}}},
  {"name": "D", "bases": ["B", "C"], "attrs": {"hello": {"kind": "function", "source": "def hello(self):\n    return 'D>' + super().hello()"}}}
]})JSON";

// "The Python 2.3 Method Resolution Order" (M. Simionato), first example: O = object.
const char* const kDocsExample1 = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "F"}, {"name": "E"}, {"name": "D"},
  {"name": "C", "bases": ["D", "F"]},
  {"name": "B", "bases": ["D", "E"]},
  {"name": "A", "bases": ["B", "C"]}
]})JSON";

// The same document, second example: B(E, D) instead of B(D, E).
const char* const kDocsExample2 = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "F"}, {"name": "E"}, {"name": "D"},
  {"name": "C", "bases": ["D", "F"]},
  {"name": "B", "bases": ["E", "D"]},
  {"name": "A", "bases": ["B", "C"]}
]})JSON";

// The C3 paper's / Wikipedia's example: Z(K1, K2, K3).
const char* const kC3Example = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "A"}, {"name": "B"}, {"name": "C"}, {"name": "D"}, {"name": "E"},
  {"name": "K1", "bases": ["A", "B", "C"]},
  {"name": "K2", "bases": ["D", "B", "E"]},
  {"name": "K3", "bases": ["D", "A"]},
  {"name": "Z", "bases": ["K1", "K2", "K3"]}
]})JSON";

// The documents' "serious order disagreement": A(X, Y) and B(Y, X); Z(A, B) is impossible.
const char* const kOrderDisagreement = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "X"}, {"name": "Y"},
  {"name": "A", "bases": ["X", "Y"]},
  {"name": "B", "bases": ["Y", "X"]}
]})JSON";

const char* const kBuiltinBases = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "Meta", "bases": ["type"]},
  {"name": "Err", "bases": ["Exception"]},
  {"name": "LazyModule", "bases": ["module"]},
  {"name": "WithMeta", "metaclass": "Meta"},
  {"name": "Sub", "bases": ["WithMeta"]}
]})JSON";

// The line of the file where the n-th (0-based) occurrence of `needle` is.
int lineOf(const std::string& text, const std::string& needle) {
    size_t at = text.find(needle);
    if (at == std::string::npos) return -1;
    return 1 + int(std::count(text.begin(), text.begin() + long(at), '\n'));
}

} // namespace

class TestMro : public QObject {
    Q_OBJECT

  private slots:
    void singleInheritance();
    void diamond();
    void docsExamples();
    void c3PaperExample();
    void builtinBases();
    void builtinTypes();
    void mroMethod();
    void mroDrivesLookupAndSuper();
    void dynamicClasses();
    void cppApi();
    void duplicateBase();
    void inconsistentMro();
    void metaclassConflict();
    void layoutConflict();
    void slotsConflicts();
    void notAcceptableBase();
    void loadErrorPlace();
    void loadErrorStopsAtFirstFailingClass();
    void metaclassMroOverride();
    void basesAssignment();
    void subclasses();
};

void TestMro::singleInheritance() {
    Model m(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "Animal"}, {"name": "Dog", "bases": ["Animal"]}, {"name": "Puppy", "bases": ["Dog"]}
    ]})JSON");
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "Puppy.__mro__",
              "(<class 'Puppy'>, <class 'Dog'>, <class 'Animal'>, <class 'object'>)");
    CHECK_RUN(m, "Animal.__mro__", "(<class 'Animal'>, <class 'object'>)");
    CHECK_RUN(m, "Puppy.__bases__", "(<class 'Dog'>,)");
    CHECK_RUN(m, "Animal.__bases__", "(<class 'object'>,)");
    CHECK_RUN(m, "Puppy.__base__", "<class 'Dog'>");
    CHECK_RUN(m, "object.__bases__", "()");
    CHECK_RUN(m, "object.__base__", "");
    CHECK_RUN(m, "object.__mro__", "(<class 'object'>,)");
}

void TestMro::diamond() {
    Model m(kDiamond);
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "D.__mro__",
              "(<class 'D'>, <class 'B'>, <class 'C'>, <class 'A'>, <class 'object'>)");
    // C comes before A, so C's `who` wins although B (first base) inherits A's.
    CHECK_RUN(m, "D.who", "'C'");
    CHECK_RUN(m, "D().who", "'C'");
    CHECK_RUN(m, "D().hello()", "'D>B>C>A'");
    CHECK_RUN(m, "B().hello()", "'B>A'");
    CHECK_RUN(m, "[k.__name__ for k in C.__mro__]", "['C', 'A', 'object']");
}

void TestMro::docsExamples() {
    Model one(kDocsExample1);
    QVERIFY2(one.ok(), qPrintable(loadError(one.loaded())));
    CHECK_RUN(one, "[k.__name__ for k in A.__mro__]", "['A', 'B', 'C', 'D', 'E', 'F', 'object']");
    CHECK_RUN(one, "[k.__name__ for k in B.__mro__]", "['B', 'D', 'E', 'object']");
    CHECK_RUN(one, "[k.__name__ for k in C.__mro__]", "['C', 'D', 'F', 'object']");
    CHECK_RUN(one, "A.__mro__",
              "(<class 'A'>, <class 'B'>, <class 'C'>, <class 'D'>, <class 'E'>, <class 'F'>, "
              "<class 'object'>)");

    Model two(kDocsExample2);
    QVERIFY2(two.ok(), qPrintable(loadError(two.loaded())));
    CHECK_RUN(two, "[k.__name__ for k in A.__mro__]", "['A', 'B', 'E', 'C', 'D', 'F', 'object']");
    CHECK_RUN(two, "[k.__name__ for k in B.__mro__]", "['B', 'E', 'D', 'object']");

    // The "serious order disagreement": the classes load, a class deriving from both cannot be
    // made.
    Model bad(kOrderDisagreement);
    QVERIFY2(bad.ok(), qPrintable(loadError(bad.loaded())));
    CHECK_RUN(bad, "[k.__name__ for k in A.__mro__]", "['A', 'X', 'Y', 'object']");
    CHECK_RUN(bad, "[k.__name__ for k in B.__mro__]", "['B', 'Y', 'X', 'object']");
    CHECK_RUN(bad, "type('Z', (A, B), {})",
              "raised TypeError: Cannot create a consistent method resolution\norder (MRO) for "
              "bases X, Y");
}

void TestMro::c3PaperExample() {
    Model m(kC3Example);
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "[k.__name__ for k in Z.__mro__]",
              "['Z', 'K1', 'K2', 'K3', 'D', 'A', 'B', 'C', 'E', 'object']");
    CHECK_RUN(m, "[k.__name__ for k in K1.mro()]", "['K1', 'A', 'B', 'C', 'object']");
    CHECK_RUN(m, "[k.__name__ for k in K3.mro()]", "['K3', 'D', 'A', 'object']");
}

void TestMro::builtinBases() {
    Model m(kBuiltinBases);
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "Meta.__mro__", "(<class 'Meta'>, <class 'type'>, <class 'object'>)");
    CHECK_RUN(m, "Err.__mro__",
              "(<class 'Err'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)");
    CHECK_RUN(m, "LazyModule.__mro__",
              "(<class 'LazyModule'>, <class 'module'>, <class 'object'>)");
    // The metaclass is inherited, and plays no part in the MRO of its instances.
    CHECK_RUN(m, "type(Sub)", "<class 'Meta'>");
    CHECK_RUN(m, "Sub.__mro__", "(<class 'Sub'>, <class 'WithMeta'>, <class 'object'>)");
    CHECK_RUN(m, "type(Sub).__mro__", "(<class 'Meta'>, <class 'type'>, <class 'object'>)");
    CHECK_RUN(m, "Err.__base__", "<class 'Exception'>");
}

void TestMro::builtinTypes() {
    Model m(R"JSON({"format": "dunderscope/1"})JSON");
    CHECK_RUN(m, "bool.__mro__", "(<class 'bool'>, <class 'int'>, <class 'object'>)");
    CHECK_RUN(m, "type.__mro__", "(<class 'type'>, <class 'object'>)");
    CHECK_RUN(m, "KeyError.__mro__",
              "(<class 'KeyError'>, <class 'LookupError'>, <class 'Exception'>, <class "
              "'BaseException'>, <class 'object'>)");
    CHECK_RUN(m, "ModuleNotFoundError.__mro__",
              "(<class 'ModuleNotFoundError'>, <class 'ImportError'>, <class 'Exception'>, <class "
              "'BaseException'>, <class 'object'>)");
    CHECK_RUN(m, "RecursionError.__mro__",
              "(<class 'RecursionError'>, <class 'RuntimeError'>, <class 'Exception'>, <class "
              "'BaseException'>, <class 'object'>)");
    CHECK_RUN(m, "ConnectionError.__mro__",
              "(<class 'ConnectionError'>, <class 'OSError'>, <class 'Exception'>, <class "
              "'BaseException'>, <class 'object'>)");
}

void TestMro::mroMethod() {
    Model m(kDiamond);
    CHECK_RUN(m, "D.mro()",
              "[<class 'D'>, <class 'B'>, <class 'C'>, <class 'A'>, <class 'object'>]");
    CHECK_RUN(m, "type.mro(D)",
              "[<class 'D'>, <class 'B'>, <class 'C'>, <class 'A'>, <class 'object'>]");
    CHECK_RUN(m, "D.mro() == list(D.__mro__)", "True");
    // mro() builds a new list each time; __mro__ is the stored tuple.
    CHECK_RUN(m, "D.mro() is D.mro()", "False");
    CHECK_RUN(m, "D.__mro__ is D.__mro__", "True");
    CHECK_RUN(m, "D.mro", "<built-in method mro of type object>");
    CHECK_RUN(m, "type(D).mro", "<method 'mro' of 'type' objects>");
    CHECK_RUN(m, "object.__dict__['__init__']", "<slot wrapper '__init__' of 'object' objects>");
    CHECK_RUN(m, "D().mro", "raised AttributeError: 'D' object has no attribute 'mro'");
    CHECK_RUN(m, "D().__mro__", "raised AttributeError: 'D' object has no attribute '__mro__'");
    CHECK_RUN(m, "D.__mro__ = ()", "raised AttributeError: readonly attribute");
}

void TestMro::mroDrivesLookupAndSuper() {
    Model m(kDiamond);
    CHECK_RUN(m, "super(B, D()).who", "'C'");
    CHECK_RUN(m, "super(C, D()).who", "'A'");
    CHECK_RUN(m, "super(D, D()).who", "'C'");
    CHECK_RUN(m, "super(A, D()).who",
              "raised AttributeError: 'super' object has no attribute 'who'");
    CHECK_RUN(m, "super(B, D()).hello()", "'C>A'");
    // Zero-argument super in B goes to C when the instance is a D, to A when it is a B.
    CHECK_RUN(m, "B.hello(D())", "'B>C>A'");
    CHECK_RUN(m, "issubclass(D, A), issubclass(A, D), isinstance(D(), C)", "(True, False, True)");
}

void TestMro::dynamicClasses() {
    Model m(kDiamond);
    CHECK_RUN(
        m, "type('Z', (D,), {}).__mro__",
        "(<class 'Z'>, <class 'D'>, <class 'B'>, <class 'C'>, <class 'A'>, <class 'object'>)");
    CHECK_RUN(m, "type('Z', (), {}).__mro__", "(<class 'Z'>, <class 'object'>)");
    CHECK_RUN(m, "type('Z', (B, A), {}).__mro__",
              "(<class 'Z'>, <class 'B'>, <class 'A'>, <class 'object'>)");
    CHECK_RUN(m, "type('Z', (A, object), {}).__mro__",
              "(<class 'Z'>, <class 'A'>, <class 'object'>)");
    CHECK_RUN(m, "type('Z', (C, B), {}).__mro__",
              "(<class 'Z'>, <class 'C'>, <class 'B'>, <class 'A'>, <class 'object'>)");
}

// mro_implementation and calculate_metaclass called directly on the model's classes.
void TestMro::cppApi() {
    Model m(kC3Example);
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    auto names = [](const std::vector<Ref<TypeObject>>& mro) {
        QStringList out;
        for (const auto& c : mro) out << qs(c->name);
        return out.join(QLatin1Char(' '));
    };
    QCOMPARE(m.with([&](World& w) {
        return names(mro_implementation(w, global(w, "Z").as<TypeObject>()));
    }),
             QStringLiteral("Z K1 K2 K3 D A B C E object"));
    // The stored MRO is the one computed at creation.
    QCOMPARE(m.with([&](World& w) { return names(global(w, "Z").as<TypeObject>()->mro); }),
             QStringLiteral("Z K1 K2 K3 D A B C E object"));
    QCOMPARE(m.with([&](World& w) {
        TypeObject* z = global(w, "Z").as<TypeObject>();
        return QStringLiteral("%1 %2 %3")
            .arg(int(is_subtype(z, global(w, "E").as<TypeObject>())))
            .arg(int(is_subtype(global(w, "E").as<TypeObject>(), z)))
            .arg(int(is_subtype(z, w.types.object)));
    }),
             QStringLiteral("1 0 1"));
    // type_lookup follows the MRO and names the class that had the name.
    QCOMPARE(m.with([&](World& w) {
        TypeObject* where = nullptr;
        Value v = type_lookup(global(w, "Z").as<TypeObject>(), "__init__", &where);
        return qs(repr(w, v)) + QStringLiteral(" in ") + qs(where ? where->name : "?");
    }),
             QStringLiteral("<slot wrapper '__init__' of 'object' objects> in object"));

    Model meta(kBuiltinBases);
    QCOMPARE(meta.with([&](World& w) {
        std::vector<TypeObject*> base_types{
            global(w, "WithMeta").as<TypeObject>()->type}; // type(WithMeta)
        return qs(calculate_metaclass(w, w.types.type, base_types)->name);
    }),
             QStringLiteral("Meta"));
    QCOMPARE(meta.with([&](World& w) {
        std::vector<TypeObject*> base_types{
            global(w, "WithMeta").as<TypeObject>()->type}; // type(WithMeta)
        Ref<TypeObject> other_meta =
            type_new(w, w.types.type, "OtherMeta", {Ref<TypeObject>(w.types.type)}, w.dict());
        return qs(calculate_metaclass(w, other_meta.get(), base_types)->name);
    }),
             QStringLiteral(
                 "raised TypeError: metaclass conflict: the metaclass of a derived class must be a "
                 "(non-strict) subclass of the metaclasses of all its bases"));
}

void TestMro::duplicateBase() {
    CHECK_LOAD_ERROR(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "A"}, {"name": "Twice", "bases": ["A", "A"]}
    ]})JSON",
                     "TypeError: duplicate base class A");
    Model m(kDiamond);
    CHECK_RUN(m, "type('Z', (A, A), {})", "raised TypeError: duplicate base class A");
    CHECK_RUN(m, "type('Z', (B, C, B), {})", "raised TypeError: duplicate base class B");
}

void TestMro::inconsistentMro() {
    // B(A) wants B before A; Bad(A, B) lists A first.
    CHECK_LOAD_ERROR(
        R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "A"}, {"name": "B", "bases": ["A"]}, {"name": "Bad", "bases": ["A", "B"]}
    ]})JSON",
        "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases A, B");
    // The documents' order disagreement, as a model.
    CHECK_LOAD_ERROR(
        R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "X"}, {"name": "Y"}, {"name": "A", "bases": ["X", "Y"]}, {"name": "B", "bases": ["Y", "X"]},
      {"name": "Z", "bases": ["A", "B"]}
    ]})JSON",
        "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases X, Y");
    // Python 2.2's example that C3 refuses: G(F, E) with E(F).
    CHECK_LOAD_ERROR(
        R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "F"}, {"name": "E", "bases": ["F"]}, {"name": "G", "bases": ["F", "E"]}
    ]})JSON",
        "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases F, E");
    // object first: object must come after A.
    CHECK_LOAD_ERROR(
        R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "A"}, {"name": "Bad", "bases": ["object", "A"]}
    ]})JSON",
        "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases object, A");

    Model m(kDiamond);
    // Every blocked head is named once, in order of the lists.
    CHECK_RUN(m, "type('Z', (A, B, C), {})",
              "raised TypeError: Cannot create a consistent method resolution\norder (MRO) for "
              "bases A, B, C");
    CHECK_RUN(m, "type('Z', (A, D), {})",
              "raised TypeError: Cannot create a consistent method resolution\norder (MRO) for "
              "bases A, D");
}

void TestMro::metaclassConflict() {
    // Two bases with unrelated metaclasses.
    CHECK_LOAD_ERROR(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "M1", "bases": ["type"]}, {"name": "M2", "bases": ["type"]},
      {"name": "P", "metaclass": "M1"}, {"name": "Q", "metaclass": "M2"},
      {"name": "R", "bases": ["P", "Q"]}
    ]})JSON",
                     "TypeError: metaclass conflict: the metaclass of a derived class must be a "
                     "(non-strict) subclass of the metaclasses of all its bases");
    // An explicit metaclass unrelated to the base's metaclass.
    CHECK_LOAD_ERROR(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "M1", "bases": ["type"]}, {"name": "M2", "bases": ["type"]},
      {"name": "P", "metaclass": "M1"}, {"name": "R", "bases": ["P"], "metaclass": "M2"}
    ]})JSON",
                     "TypeError: metaclass conflict: the metaclass of a derived class must be a "
                     "(non-strict) subclass of the metaclasses of all its bases");
    // A metaclass derived from both is fine, and an explicit `type` gives way to the base's M1.
    Model m(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "M1", "bases": ["type"]}, {"name": "M2", "bases": ["type"]},
      {"name": "M3", "bases": ["M1", "M2"]},
      {"name": "P", "metaclass": "M1"}, {"name": "Q", "metaclass": "M2"},
      {"name": "R", "bases": ["P", "Q"], "metaclass": "M3"},
      {"name": "S", "bases": ["P"], "metaclass": "type"}
    ]})JSON");
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "type(R), type(S)", "(<class 'M3'>, <class 'M1'>)");
    CHECK_RUN(m, "R.__mro__", "(<class 'R'>, <class 'P'>, <class 'Q'>, <class 'object'>)");
    CHECK_RUN(m, "M3.__mro__",
              "(<class 'M3'>, <class 'M1'>, <class 'M2'>, <class 'type'>, <class 'object'>)");
    CHECK_RUN(m, "M1('T', (P, Q), {})",
              "raised TypeError: metaclass conflict: the metaclass of a derived class must be a "
              "(non-strict) subclass of the metaclasses of all its bases");
    CHECK_RUN(m, "type('T', (P, Q), {})",
              "raised TypeError: metaclass conflict: the metaclass of a derived class must be a "
              "(non-strict) subclass of the metaclasses of all its bases");
}

void TestMro::layoutConflict() {
    CHECK_LOAD_ERROR(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "S1", "slots": ["a"]}, {"name": "S2", "slots": ["b"]}, {"name": "Both", "bases": ["S1", "S2"]}
    ]})JSON",
                     "TypeError: multiple bases have instance lay-out conflict");
    CHECK_LOAD_ERROR(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "S1", "slots": ["a"]}, {"name": "E", "bases": ["Exception", "S1"]}
    ]})JSON",
                     "TypeError: multiple bases have instance lay-out conflict");
    // Empty slots add no layout: no conflict.
    Model m(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "S1", "slots": ["a"]}, {"name": "Empty", "slots": []}, {"name": "Both", "bases": ["S1", "Empty"]},
      {"name": "S2", "slots": ["b"]}
    ]})JSON");
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "Both.__mro__",
              "(<class 'Both'>, <class 'S1'>, <class 'Empty'>, <class 'object'>)");
    CHECK_RUN(m, "type('T', (S2, S1), {})",
              "raised TypeError: multiple bases have instance lay-out conflict");
    CHECK_RUN(m, "type('T', (S1, type), {})",
              "raised TypeError: multiple bases have instance lay-out conflict");
}

void TestMro::slotsConflicts() {
    CHECK_LOAD_ERROR(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "V", "slots": ["x", "y"], "attrs": {"x": 1}}
    ]})JSON",
                     "ValueError: 'x' in __slots__ conflicts with class variable");
    // A property of the same name conflicts too.
    CHECK_LOAD_ERROR(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "V", "slots": ["y"], "attrs": {"y": {"kind": "property", "get": "def y(self):\n    return 1"}}}
    ]})JSON",
                     "ValueError: 'y' in __slots__ conflicts with class variable");
    Model m(R"JSON({"format": "dunderscope/1", "classes": [{"name": "A"}]})JSON");
    CHECK_RUN(m, "type('Z', (A,), {'__slots__': ('x',), 'x': 1})",
              "raised ValueError: 'x' in __slots__ conflicts with class variable");
    CHECK_RUN(m, "type('Z', (A,), {'__slots__': ('__dict__',)})",
              "raised TypeError: __dict__ slot disallowed: we already got one");
    CHECK_RUN(m, "type('Z', (type,), {'__slots__': ('x',)})",
              "raised TypeError: nonempty __slots__ not supported for subtype of 'type'");
    CHECK_RUN(m, "type('Z', (), {'__slots__': ('b', 'a')}).__dict__['a']",
              "<member 'a' of 'Z' objects>");
}

void TestMro::notAcceptableBase() {
    Model m(R"JSON({"format": "dunderscope/1"})JSON");
    CHECK_RUN(m, "type('Z', (bool,), {})",
              "raised TypeError: type 'bool' is not an acceptable base type");
}

// The load error of a failing class names that class: its JSON pointer and its line.
void TestMro::loadErrorPlace() {
    const std::string text = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "A"},
  {"name": "B", "bases": ["A"]},
  {"name": "Bad", "bases": ["A", "B"]},
  {"name": "Later"}
]})JSON";
    LoadResult r = load(text, "mro.json");
    QVERIFY(!r.ok());
    QCOMPARE(qs(r.error_type), QStringLiteral("TypeError"));
    QCOMPARE(
        qs(r.error_message),
        QStringLiteral("Cannot create a consistent method resolution\norder (MRO) for bases A, B"));
    QCOMPARE(int(r.errors.size()), 1);
    QCOMPARE(qs(r.errors[0].file), QStringLiteral("mro.json"));
    QCOMPARE(qs(r.errors[0].place.pointer), QStringLiteral("/classes/2"));
    QCOMPARE(r.errors[0].place.line, lineOf(text, R"({"name": "Bad")"));
    QCOMPARE(r.errors[0].place.column, 3);
    QCOMPARE(
        qs(r.errors[0].message),
        QStringLiteral(
            "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases A, B"));
    QVERIFY2(qs(r.errors[0].format())
                 .startsWith(QStringLiteral("mro.json:4:3: /classes/2: TypeError: ")),
             qPrintable(qs(r.errors[0].format())));

    const std::string slotted = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "Fine", "slots": ["a"]},
  {"name": "V", "slots": ["x"], "attrs": {"x": 1}}
]})JSON";
    r = load(slotted, "slots.json");
    QCOMPARE(loadError(r),
             QStringLiteral("ValueError: 'x' in __slots__ conflicts with class variable"));
    QCOMPARE(int(r.errors.size()), 1);
    QCOMPARE(qs(r.errors[0].place.pointer), QStringLiteral("/classes/1"));
    QCOMPARE(r.errors[0].place.line, 3);

    const std::string meta = R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "M1", "bases": ["type"]}, {"name": "M2", "bases": ["type"]},
  {"name": "P", "metaclass": "M1"},
  {"name": "R", "bases": ["P"], "metaclass": "M2"}
]})JSON";
    r = load(meta, "meta.json");
    QCOMPARE(qs(r.error_type), QStringLiteral("TypeError"));
    QCOMPARE(qs(r.errors.at(0).place.pointer), QStringLiteral("/classes/3"));
    QCOMPARE(r.errors.at(0).place.line, 4);
}

// Building stops at the first class that fails: an error in a later class is not reached.
void TestMro::loadErrorStopsAtFirstFailingClass() {
    LoadResult r = load(R"JSON({"format": "dunderscope/1", "classes": [
  {"name": "A"},
  {"name": "Twice", "bases": ["A", "A"]},
  {"name": "V", "slots": ["x"], "attrs": {"x": 1}}
]})JSON");
    QCOMPARE(loadError(r), QStringLiteral("TypeError: duplicate base class A"));
    QCOMPARE(int(r.errors.size()), 1);
    QCOMPARE(qs(r.errors[0].place.pointer), QStringLiteral("/classes/1"));
    QVERIFY(r.session == nullptr);
}

// A metaclass may compute the MRO itself: type_new calls its mro() (CPython's mro_invoke).
void TestMro::metaclassMroOverride() {
    Model m(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "Meta", "bases": ["type"], "attrs": {"mro": {"kind": "function", "source": "def mro(cls):\n    return [cls, object]"}}},
      {"name": "B", "attrs": {"x": 1}},
      {"name": "C", "bases": ["B"], "metaclass": "Meta"}
    ]})JSON");
    QVERIFY2(m.ok(), qPrintable(loadError(m.loaded())));
    CHECK_RUN(m, "C.mro()", "[<class 'C'>, <class 'object'>]");
    CHECK_RUN(m, "C.__bases__", "(<class 'B'>,)");
    CHECK_RUN_BUG(m, "C.__mro__", "(<class 'C'>, <class 'object'>)",
                  "engine bug: type_new ignores a metaclass's mro() override (mro_invoke)");
    CHECK_RUN_BUG(m, "C.x", "raised AttributeError: type object 'C' has no attribute 'x'",
                  "engine bug: type_new ignores a metaclass's mro() override (mro_invoke)");
}

// Assigning __bases__ recomputes the MRO (type_set_bases).
void TestMro::basesAssignment() {
    Model m(R"JSON({"format": "dunderscope/1", "classes": [
      {"name": "B", "attrs": {"x": 1}}, {"name": "B2", "attrs": {"x": 2}}, {"name": "D", "bases": ["B"]}
    ]})JSON");
    CHECK_RUN_BUG(m, "D.__bases__ = (B2,)", "", "engine bug: __bases__ is not writable");
    CHECK_RUN_BUG(m, "D.__mro__", "(<class 'D'>, <class 'B2'>, <class 'object'>)",
                  "engine bug: __bases__ is not writable");
    CHECK_RUN_BUG(m, "D.x", "2", "engine bug: __bases__ is not writable");
}

void TestMro::subclasses() {
    Model m(kDiamond);
    CHECK_RUN_BUG(m, "A.__subclasses__()", "[<class 'B'>, <class 'C'>]",
                  "engine bug: type.__subclasses__ is missing");
    CHECK_RUN_BUG(m, "D.__subclasses__()", "[]", "engine bug: type.__subclasses__ is missing");
}

QTEST_GUILESS_MAIN(TestMro)
#include "tst_mro.moc"
