// The first half of the model loader: JSON text -> validated ModelSpec, and its errors.
#include "jsonpositions.h"
#include "loader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <random>

using namespace ds;

namespace {

QString brokenDir() {
    return QStringLiteral(DS_SOURCE_DIR "/tests/loader/broken");
}

std::string readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QByteArray bytes = f.readAll();
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

QString formatted(const std::vector<ModelError>& errors) {
    QString out;
    for (const ModelError& e : errors) out += QString::fromStdString(e.format()) + '\n';
    return out;
}

// Where the n-th occurrence (0-based) of `needle` starts in `text`: 1-based line and column in
// code points, counted independently of the loader (no BOM handling: tests put none there).
std::pair<int, int> positionOf(const std::string& text, const std::string& needle, int n = 0) {
    size_t at = text.find(needle);
    for (int k = 0; k < n && at != std::string::npos; ++k) at = text.find(needle, at + 1);
    if (at == std::string::npos) return {-1, -1};
    int line = 1, column = 1;
    for (size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

std::pair<int, int> lc(const SourcePlace& p) {
    return {p.line, p.column};
}

// The scanner accepts exactly the texts that nlohmann accepts, so that parse_model never meets a
// parse exception. It is stricter in two ways only: nlohmann takes a NUL byte as the end of
// the text, and nesting deeper than max_json_depth is refused.
bool scannerAgreesWithNlohmann(std::string_view text) {
    const JsonIndex index = index_json(text, "x.json");
    bool accepted = true;
    try {
        const auto json = nlohmann::ordered_json::parse(text.begin(), text.end());
        (void)json;
    } catch (const std::exception&) {
        accepted = false;
    }
    if (index.ok()) return accepted;
    if (text.find('\0') != std::string_view::npos) return true;
    if (index.errors()[0].message.find("nesting deeper") != std::string::npos) return true;
    return !accepted;
}

// A model in the style of the seeds' examples, using every part of the format.
const std::string demoModel = R"JSON({
  "format": "dunderscope/1",
  "title": "External storage descriptors",
  "notes": "# Lesson\nReads go through the store.",
  "x-editor": {"zoom": 1.5},
  "stores": [
    {"name": "store", "latency_ms": 40,
     "data": {"user:Person:7:email": "\u0022k@example.org\u0022", "a": "1"},
     "fail_keys": ["bad"], "down": false}
  ],
  "classes": [
    {"name": "ExternalField",
     "attrs": {
       "__init__": {"kind": "function", "source": "def __init__(self, store, prefix='field', pk_field='id'):\n    self.store = store\n    self.prefix = prefix\n    self.pk_field = pk_field"},
       "__set_name__": {"kind": "function", "source": "def __set_name__(self, owner, name):\n    self.name = name"},
       "__get__": {"kind": "function", "source": "def __get__(self, obj, owner=None):\n    return self"}
     }},
    {"name": "Meta", "bases": ["type"]},
    {"name": "Base", "metaclass": "Meta", "doc": "Base class.", "x-color": "red"},
    {"name": "Person", "bases": ["Base"], "slots": ["id", "__dict__"],
     "attrs": {
       "species": "human",
       "tags": ["a", 1, 2.5, true, null],
       "limits": {"kind": "value", "value": {"max": 3}},
       "email": {"kind": "expr", "expr": "ExternalField(store, prefix='user')"},
       "full_name": {"kind": "property",
                     "get": "def full_name(self):\n    return self.first + ' ' + self.last",
                     "set": "def full_name(self, value):\n    self.first, self.last = value.split(' ')",
                     "doc": "The full name."},
       "create": {"kind": "classmethod", "source": "def create(cls):\n    return cls()"},
       "check": {"kind": "staticmethod", "source": "def check(x):\n    return x"},
       "slow": {"kind": "cached_property", "source": "def slow(self):\n    return 42"},
       "greet": {"kind": "function", "source": "def greet(self):\n    return 'h\u00e9'", "x-note": "kept"},
       "x-layout": "ignored"
     }},
    {"name": "LazyModule", "bases": ["module"]}
  ],
  "modules": [
    {"name": "config", "class": "LazyModule",
     "dict": {"debug": true, "__getattr__": {"kind": "function", "source": "def __getattr__(name):\n    raise AttributeError(name)"}}}
  ],
  "instances": [
    {"name": "foo", "new": "Person('Keanu', 'Reeves')"},
    {"name": "bar", "class": "Person", "dict": {"first": "Ada", "user:7": "any key"}, "slots": {"id": 7}}
  ],
  "script": [
    "foo.full_name",
    "bar.id = 8",
    "for i in range(3):\n    print(i)"
  ]
}
)JSON";

} // namespace

class TestLoader : public QObject {
    Q_OBJECT

  private slots:
    void brokenModelsArePresent();
    void brokenModels_data();
    void brokenModels();
    void demoModelSpec();
    void demoModelPlaces();
    void minimalModel();
    void bomIsAccepted();
    void unicodeColumns();
    void crlfLines();
    void missingFile();
    void errorFormat();
    void jsonIndexLookups();
    void jsonIndexDuplicateKeys();
    void identifiers();
    void nestingLimit();
    void deepNestingDoesNotCrash();
    void everyTruncationIsAnError();
    void byteMutationsNeverCrash();
    void randomBytesNeverCrash();
    void largeModel();
    void objectWithManyKeys();
};

void TestLoader::brokenModelsArePresent() {
    const QStringList files = QDir(brokenDir()).entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 40, qPrintable(QString::number(files.size())));
    for (const QString& f : files) {
        QString expected = brokenDir() + '/' + QFileInfo(f).completeBaseName() + ".expected";
        QVERIFY2(QFile::exists(expected), qPrintable(expected));
    }
}

void TestLoader::brokenModels_data() {
    QTest::addColumn<QString>("path");
    const QStringList files = QDir(brokenDir()).entryList({"*.json"}, QDir::Files, QDir::Name);
    for (const QString& f : files)
        QTest::newRow(qPrintable(QFileInfo(f).completeBaseName())) << brokenDir() + '/' + f;
}

void TestLoader::brokenModels() {
    QFETCH(QString, path);
    const QFileInfo info(path);
    const std::string text = readAll(path);
    const std::string expectedText =
        readAll(info.absolutePath() + '/' + info.completeBaseName() + ".expected");
    QVERIFY2(!expectedText.empty(), "missing or empty .expected file");

    const ParsedModel parsed = parse_model(text, info.fileName().toStdString());
    QVERIFY(!parsed.ok());
    for (const ModelError& e : parsed.errors) {
        QVERIFY2(e.place.line >= 1 && e.place.column >= 1, e.format().c_str());
        QCOMPARE(QString::fromStdString(e.file), info.fileName());
    }
    for (size_t i = 1; i < parsed.errors.size(); ++i) // document order
        QVERIFY(lc(parsed.errors[i - 1].place) <= lc(parsed.errors[i].place));
    QCOMPARE(formatted(parsed.errors), QString::fromStdString(expectedText));

    // The same through the file reader, which names the file by its path.
    const ParsedModel read = read_model_file(path.toStdString());
    QCOMPARE(read.errors.size(), parsed.errors.size());
    for (size_t i = 0; i < read.errors.size(); ++i) {
        QCOMPARE(read.errors[i].file, path.toStdString());
        QCOMPARE(read.errors[i].message, parsed.errors[i].message);
        QCOMPARE(read.errors[i].place.pointer, parsed.errors[i].place.pointer);
    }
}

void TestLoader::demoModelSpec() {
    const ParsedModel parsed = parse_model(demoModel, "demo.json");
    QVERIFY2(parsed.ok(), qPrintable(formatted(parsed.errors)));
    const ModelSpec& m = parsed.spec;
    QCOMPARE(m.file, std::string("demo.json"));
    QCOMPARE(m.title, std::string("External storage descriptors"));
    QCOMPARE(m.notes, std::string("# Lesson\nReads go through the store."));
    QCOMPARE(m.extensions.dump(), std::string("{\"x-editor\":{\"zoom\":1.5}}"));

    QCOMPARE(m.stores.size(), size_t(1));
    const StoreSpec& s = m.stores[0];
    QCOMPARE(s.name, std::string("store"));
    QCOMPARE(s.latency_ms, 40.0);
    QCOMPARE(s.down, false);
    QCOMPARE(s.data.size(), size_t(2));
    QCOMPARE(s.data[0].first, std::string("user:Person:7:email"));
    QCOMPARE(s.data[0].second, std::string("\"k@example.org\""));
    QCOMPARE(s.data[1].first, std::string("a"));
    QCOMPARE(s.fail_keys, std::vector<std::string>{"bad"});

    QCOMPARE(m.classes.size(), size_t(5));
    QCOMPARE(m.classes[0].name, std::string("ExternalField"));
    QVERIFY(m.classes[0].bases.empty());
    QVERIFY(!m.classes[0].slot_names);
    QVERIFY(!m.classes[0].metaclass);
    QCOMPARE(m.classes[0].attrs.size(), size_t(3));
    QCOMPARE(m.classes[0].attrs[0].name, std::string("__init__"));
    QCOMPARE(
        m.classes[0].attrs[0].source.text,
        std::string("def __init__(self, store, prefix='field', pk_field='id'):\n    self.store = "
                    "store\n    self.prefix = prefix\n    self.pk_field = pk_field"));
    QCOMPARE(m.classes[1].bases, std::vector<std::string>{"type"});
    QCOMPARE(m.classes[2].metaclass.value_or(""), std::string("Meta"));
    QCOMPARE(m.classes[2].doc.value_or(""), std::string("Base class."));
    QCOMPARE(m.classes[2].extensions.dump(), std::string("{\"x-color\":\"red\"}"));

    const ClassSpec& p = m.classes[3];
    QCOMPARE(p.name, std::string("Person"));
    QCOMPARE(p.bases, std::vector<std::string>{"Base"});
    QCOMPARE(p.base_places.size(), size_t(1));
    QVERIFY(p.slot_names.has_value());
    QCOMPARE(*p.slot_names, (std::vector<std::string>{"id", "__dict__"}));
    QVERIFY(!p.doc);
    using Kind = AttributeSpec::Kind;
    const std::vector<std::pair<std::string, Kind>> attrs = {
        {"species", Kind::Value},      {"tags", Kind::Value},
        {"limits", Kind::Value},       {"email", Kind::Expr},
        {"full_name", Kind::Property}, {"create", Kind::ClassMethod},
        {"check", Kind::StaticMethod}, {"slow", Kind::CachedProperty},
        {"greet", Kind::Function}};
    QCOMPARE(p.attrs.size(), attrs.size()); // "x-layout" is not an attribute
    for (size_t i = 0; i < attrs.size(); ++i) {
        QCOMPARE(p.attrs[i].name, attrs[i].first);
        QVERIFY2(p.attrs[i].kind == attrs[i].second, attrs[i].first.c_str());
    }
    QCOMPARE(p.attrs[0].value.dump(), std::string("\"human\""));
    QCOMPARE(p.attrs[1].value.dump(), std::string("[\"a\",1,2.5,true,null]"));
    QVERIFY(p.attrs[1].value[1].is_number_integer());
    QVERIFY(p.attrs[1].value[2].is_number_float());
    QCOMPARE(p.attrs[2].value.dump(), std::string("{\"max\":3}"));
    QCOMPARE(p.attrs[3].expr.text, std::string("ExternalField(store, prefix='user')"));
    const AttributeSpec& fullName = p.attrs[4];
    QVERIFY(fullName.get && fullName.set && !fullName.del);
    QCOMPARE(fullName.get->text,
             std::string("def full_name(self):\n    return self.first + ' ' + self.last"));
    QCOMPARE(fullName.doc.value_or(""), std::string("The full name."));
    QCOMPARE(p.attrs[8].source.text, std::string("def greet(self):\n    return 'h\xC3\xA9'"));
    QCOMPARE(p.attrs[8].extensions.dump(), std::string("{\"x-note\":\"kept\"}"));
    QCOMPARE(m.classes[4].bases, std::vector<std::string>{"module"});

    QCOMPARE(m.modules.size(), size_t(1));
    QCOMPARE(m.modules[0].name, std::string("config"));
    QCOMPARE(m.modules[0].class_name.value_or(""), std::string("LazyModule"));
    QCOMPARE(m.modules[0].dict.size(), size_t(2));
    QCOMPARE(m.modules[0].dict[0].name, std::string("debug"));
    QVERIFY(m.modules[0].dict[0].kind == Kind::Value);
    QCOMPARE(m.modules[0].dict[0].value.dump(), std::string("true"));
    QCOMPARE(m.modules[0].dict[1].name, std::string("__getattr__"));
    QVERIFY(m.modules[0].dict[1].kind == Kind::Function);

    QCOMPARE(m.instances.size(), size_t(2));
    QCOMPARE(m.instances[0].name, std::string("foo"));
    QVERIFY(m.instances[0].new_expr && !m.instances[0].class_name);
    QCOMPARE(m.instances[0].new_expr->text, std::string("Person('Keanu', 'Reeves')"));
    const InstanceSpec& bar = m.instances[1];
    QVERIFY(!bar.new_expr);
    QCOMPARE(bar.class_name.value_or(""), std::string("Person"));
    QCOMPARE(bar.dict.size(), size_t(2));
    QCOMPARE(bar.dict[0].name, std::string("first"));
    QCOMPARE(bar.dict[1].name, std::string("user:7")); // a __dict__ key need not be a name
    QCOMPARE(bar.slot_values.size(), size_t(1));
    QCOMPARE(bar.slot_values[0].name, std::string("id"));
    QCOMPARE(bar.slot_values[0].value.get<int64_t>(), int64_t(7));

    QCOMPARE(m.script.size(), size_t(3));
    QCOMPARE(m.script[0].text, std::string("foo.full_name"));
    QCOMPARE(m.script[2].text, std::string("for i in range(3):\n    print(i)"));
}

void TestLoader::demoModelPlaces() {
    const ParsedModel parsed = parse_model(demoModel, "demo.json");
    QVERIFY(parsed.ok());
    const ModelSpec& m = parsed.spec;
    const std::string& t = demoModel;

    // Hand-counted positions of a few values.
    QCOMPARE(lc(m.stores[0].place), std::make_pair(7, 5));
    QCOMPARE(m.stores[0].place.pointer, std::string("/stores/0"));
    QCOMPARE(lc(m.classes[0].place), std::make_pair(12, 5));
    QCOMPARE(m.classes[3].place.pointer, std::string("/classes/3"));
    QCOMPARE(lc(m.classes[3].place), std::make_pair(20, 5));
    QCOMPARE(lc(m.classes[3].base_places[0]), std::make_pair(20, 34));
    QCOMPARE(m.classes[3].base_places[0].pointer, std::string("/classes/3/bases/0"));
    QCOMPARE(lc(m.script[1].place), std::make_pair(48, 5));
    QCOMPARE(m.script[1].place.pointer, std::string("/script/1"));

    // And many more, against an independent search of the text.
    QCOMPARE(lc(m.classes[2].place), positionOf(t, "{\"name\": \"Base\""));
    QCOMPARE(lc(m.classes[2].metaclass_place), positionOf(t, "\"Meta\", \"doc\""));
    const ClassSpec& p = m.classes[3];
    QCOMPARE(lc(p.attrs[0].place), positionOf(t, "\"human\""));
    QCOMPARE(p.attrs[0].place.pointer, std::string("/classes/3/attrs/species"));
    QCOMPARE(lc(p.attrs[1].place), positionOf(t, "[\"a\", 1"));
    QCOMPARE(lc(p.attrs[4].place), positionOf(t, "{\"kind\": \"property\""));
    QCOMPARE(p.attrs[4].get->place.pointer, std::string("/classes/3/attrs/full_name/get"));
    QCOMPARE(lc(p.attrs[4].get->place), positionOf(t, "\"def full_name(self):"));
    QCOMPARE(lc(p.attrs[4].set->place), positionOf(t, "\"def full_name(self, value)"));
    QCOMPARE(lc(p.attrs[3].expr.place), positionOf(t, "\"ExternalField(store"));
    QCOMPARE(p.attrs[3].expr.place.pointer, std::string("/classes/3/attrs/email/expr"));
    QCOMPARE(lc(p.attrs[8].source.place), positionOf(t, "\"def greet"));
    QCOMPARE(lc(m.modules[0].place), positionOf(t, "{\"name\": \"config\""));
    QCOMPARE(lc(m.modules[0].class_place), positionOf(t, "\"LazyModule\",\n"));
    QCOMPARE(m.modules[0].dict[1].source.place.pointer,
             std::string("/modules/0/dict/__getattr__/source"));
    QCOMPARE(lc(m.instances[0].new_expr->place), positionOf(t, "\"Person('Keanu'"));
    QCOMPARE(lc(m.instances[1].class_place), positionOf(t, "\"Person\", \"dict\""));
    QCOMPARE(lc(m.instances[1].slot_values[0].place), positionOf(t, "7}}"));
    QCOMPARE(m.instances[1].slot_values[0].place.pointer, std::string("/instances/1/slots/id"));
    QCOMPARE(lc(m.script[2].place), positionOf(t, "\"for i"));
}

void TestLoader::minimalModel() {
    const ParsedModel parsed = parse_model("{\"format\": \"dunderscope/1\"}", "m.json");
    QVERIFY2(parsed.ok(), qPrintable(formatted(parsed.errors)));
    QVERIFY(parsed.spec.classes.empty() && parsed.spec.stores.empty() &&
            parsed.spec.modules.empty() && parsed.spec.instances.empty() &&
            parsed.spec.script.empty() && parsed.spec.title.empty());
    QVERIFY(parsed.spec.extensions.is_object() && parsed.spec.extensions.empty());
}

void TestLoader::bomIsAccepted() {
    const std::string text =
        "\xEF\xBB\xBF{\"format\": \"dunderscope/1\", \"classes\": [{\"name\": \"A\"}]}";
    const ParsedModel parsed = parse_model(text, "bom.json");
    QVERIFY2(parsed.ok(), qPrintable(formatted(parsed.errors)));
    QCOMPARE(parsed.spec.classes.size(), size_t(1));
    QCOMPARE(lc(parsed.spec.classes[0].place), std::make_pair(1, 41)); // the BOM is not a column

    // A BOM alone is an empty file; half a BOM is not JSON.
    QCOMPARE(formatted(parse_model("\xEF\xBB\xBF", "b.json").errors),
             QString("b.json:1:1: syntax error: the file is empty\n"));
    QCOMPARE(formatted(parse_model("\xEF\xBB{}", "b.json").errors),
             QString("b.json:1:1: syntax error: invalid UTF-8 byte 0xEF (expected a value)\n"));
}

void TestLoader::unicodeColumns() {
    // Columns count code points: 'é' is 2 bytes, '日' 3 and '🐍' 4, each one column.
    const std::string text =
        "{\"format\": \"dunderscope/1\", \"title\": \"\xC3\xA9\xE6\x97\xA5\xF0\x9F\x90\x8D\", "
        "\"classes\": [{\"name\": \"A\"}]}";
    const ParsedModel parsed = parse_model(text, "u.json");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.spec.title, std::string("\xC3\xA9\xE6\x97\xA5\xF0\x9F\x90\x8D"));
    QCOMPARE(lc(parsed.spec.classes[0].place), std::make_pair(1, 57));
    QCOMPARE(lc(parsed.spec.classes[0].place), positionOf(text, "{\"name\""));
}

void TestLoader::crlfLines() {
    const std::string text =
        "{\r\n\"format\": \"dunderscope/1\",\r\n\"script\": [\r\n  \"a = 1\"]}";
    const ParsedModel parsed = parse_model(text, "c.json");
    QVERIFY(parsed.ok());
    QCOMPARE(lc(parsed.spec.script[0].place), std::make_pair(4, 3));
}

void TestLoader::missingFile() {
    const ParsedModel parsed = read_model_file("/nonexistent/dir/model.json");
    QCOMPARE(formatted(parsed.errors),
             QString("/nonexistent/dir/model.json: cannot open the file: No such file or "
                     "directory\n"));
    const ParsedModel dir = read_model_file(DS_SOURCE_DIR);
    QCOMPARE(dir.errors.size(), size_t(1));
    QVERIFY(dir.errors[0].message.find("directory") != std::string::npos);
}

void TestLoader::errorFormat() {
    ModelError e{"m.json", {"/classes/0/attrs/f/source", 5, 43}, 2, 7, "invalid syntax"};
    QCOMPARE(e.format(),
             std::string(
                 "m.json:5:43: /classes/0/attrs/f/source: code line 2, column 7: invalid syntax"));
    e.code_line = 0;
    QCOMPARE(e.format(), std::string("m.json:5:43: /classes/0/attrs/f/source: invalid syntax"));
    e.place.pointer.clear();
    QCOMPARE(e.format(), std::string("m.json:5:43: invalid syntax"));
    e.place.line = 0;
    QCOMPARE(e.format(), std::string("m.json: invalid syntax"));
    ModelError control{"m.json", {"/instances/0/dict/a\nb\x1b", 1, 2}, 0, 0, "x"};
    QCOMPARE(control.format(), std::string("m.json:1:2: /instances/0/dict/a\\nb\\x1b: x"));
    QCOMPARE(json_pointer_append("/a", "b/c~d"), std::string("/a/b~1c~0d"));
    QCOMPARE(quote_for_message("it's\n"), std::string("'it\\'s\\n'"));
}

void TestLoader::jsonIndexLookups() {
    const std::string text =
        "{\"a/b\": [10, {\"~x\": null}],\n \"\": 1, \"k\": {\"\\u00e9\": true}}";
    const JsonIndex index = index_json(text, "i.json");
    QVERIFY(index.ok());
    QVERIFY(index.errors().empty());
    auto at = [&](const char* pointer) {
        const SourcePlace p = index.place(pointer);
        return std::make_pair(p.line, p.column);
    };
    QCOMPARE(at(""), std::make_pair(1, 1));
    QCOMPARE(at("/a~1b"), std::make_pair(1, 9));
    QCOMPARE(at("/a~1b/0"), std::make_pair(1, 10));
    QCOMPARE(at("/a~1b/1"), std::make_pair(1, 14));
    QCOMPARE(at("/a~1b/1/~0x"), std::make_pair(1, 21));
    QCOMPARE(at("/"), std::make_pair(2, 6));
    QCOMPARE(at("/k/\xC3\xA9"), std::make_pair(2, 25));
    QCOMPARE(at("/a~1b/2"), std::make_pair(0, 0));
    QCOMPARE(at("/a~1b/01"), std::make_pair(0, 0));
    QCOMPARE(at("/nope"), std::make_pair(0, 0));
    QCOMPARE(at("a"), std::make_pair(0, 0));
    const JsonIndex::Node k = index.find("/k");
    QCOMPARE(index.size(k), size_t(1));
    QCOMPARE(std::string(index.key(index.child(k, 0))), std::string("\xC3\xA9"));
    QCOMPARE(index.key_pos(index.child(k, 0)).column, 15);
    QCOMPARE(index.child(k, 1), JsonIndex::npos);
}

void TestLoader::jsonIndexDuplicateKeys() {
    // nlohmann::ordered_json keeps the first key's slot with the last value; so does the index.
    const std::string text = "{\"a\": 1, \"b\": 2, \"a\": [3]}";
    const JsonIndex index = index_json(text, "d.json");
    QVERIFY(index.ok());
    QCOMPARE(index.errors().size(), size_t(1));
    QCOMPARE(index.errors()[0].format(),
             std::string("d.json:1:18: /a: duplicate key 'a' (first at 1:2)"));
    QCOMPARE(index.size(index.root()), size_t(2));
    QCOMPARE(std::string(index.key(index.child(index.root(), 0))), std::string("a"));
    QCOMPARE(index.value_pos(index.child(index.root(), 0)).column, 23);
    QCOMPARE(index.size(index.child(index.root(), 0)), size_t(1));
    const auto j = nlohmann::ordered_json::parse(text);
    QCOMPARE(j.begin().key(), std::string("a"));
    QVERIFY(j.begin().value().is_array());

    // Many keys (the index switches to a hash map) and a duplicate among them.
    std::string big = "{";
    for (int i = 0; i < 50; ++i)
        big += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    big += "\"k7\": \"again\"}";
    const JsonIndex bigIndex = index_json(big, "big.json");
    QCOMPARE(bigIndex.errors().size(), size_t(1));
    QCOMPARE(bigIndex.errors()[0].place.pointer, std::string("/k7"));
    QCOMPARE(bigIndex.size(bigIndex.root()), size_t(50));
    QCOMPARE(bigIndex.find("/k7"), bigIndex.child(bigIndex.root(), 7));
}

void TestLoader::identifiers() {
    // Python 3.11: s.isidentifier() for each (checked with python3).
    const std::vector<std::pair<std::string, bool>> cases = {
        {"_", true},
        {"a1", true},
        {"1a", false},
        {"", false},
        {"a-b", false},
        {"caf\xC3\xA9", true},                      // café
        {"\xEF\xAC\x81x", true},                    // ﬁx
        {"x\xC2\xB7y", true},                       // x·y (middle dot continues)
        {"\xC2\xB7x", false},                       // ·x
        {"\xE2\x84\x95", true},                     // ℕ
        {"\xF0\x9D\x94\x98\xF0\x9D\x94\xAB", true}, // 𝔘𝔫
        {"a\xE2\x80\x8D"
         "b",
         false}, // zero width joiner
        {"\xD9\xA1"
         "abc",
         false}, // Arabic-Indic digit first
        {"a\xD9\xA1", true},
        {"x\xCC\x80", true},         // combining grave accent continues
        {"\xCC\x80x", false},        // but cannot start
        {"\xE2\x84\x98", true},      // ℘ (Other_ID_Start)
        {"\xE2\x82\xAC", false},     // €
        {"\xF0\x9F\x90\x8D", false}, // 🐍
        {"a\xFF", false},            // not UTF-8
        {"\xED\xA0\x80", false},     // an encoded surrogate
    };
    for (const auto& [text, expected] : cases)
        QVERIFY2(is_python_identifier(text) == expected, text.c_str());
    QVERIFY(is_python_keyword("None"));
    QVERIFY(is_python_keyword("async"));
    QVERIFY(is_python_keyword("nonlocal"));
    QVERIFY(!is_python_keyword("match"));
    QVERIFY(!is_python_keyword("print"));
    QVERIFY(!is_python_keyword("none"));
}

void TestLoader::nestingLimit() {
    // root object, "classes", the class and "attrs" are 4 levels: a value may nest 508 more.
    auto model = [](int depth) {
        return "{\"format\": \"dunderscope/1\", \"classes\": [{\"name\": \"A\", \"attrs\": "
               "{\"v\": " +
               std::string(static_cast<size_t>(depth), '[') +
               std::string(static_cast<size_t>(depth), ']') + "}}]}";
    };
    const ParsedModel ok = parse_model(model(max_json_depth - 4), "n.json");
    QVERIFY2(ok.ok(), qPrintable(formatted(ok.errors)));
    QCOMPARE(ok.spec.classes[0].attrs[0].value.dump().size(), size_t(2 * (max_json_depth - 4)));
    const ParsedModel deep = parse_model(model(max_json_depth - 3), "n.json");
    QCOMPARE(formatted(deep.errors),
             QString("n.json:1:%1: nesting deeper than 512 levels\n").arg(69 + max_json_depth - 3));
}

void TestLoader::deepNestingDoesNotCrash() {
    const size_t n = 100000;
    const ParsedModel arrays = parse_model(std::string(n, '[') + std::string(n, ']'), "d.json");
    QCOMPARE(formatted(arrays.errors), QString("d.json:1:513: nesting deeper than 512 levels\n"));
    std::string objects;
    for (size_t i = 0; i < n; ++i) objects += "{\"a\":";
    objects += std::string(n, '}');
    const ParsedModel objs = parse_model(objects, "d.json");
    QCOMPARE(objs.errors.size(), size_t(1));
    QCOMPARE(objs.errors[0].message, std::string("nesting deeper than 512 levels"));
    const ParsedModel open = parse_model(std::string(n, '['), "d.json"); // never closed
    QCOMPARE(open.errors.size(), size_t(1));
}

void TestLoader::everyTruncationIsAnError() {
    for (size_t len = 0; len + 1 < demoModel.size(); ++len) {
        // The text ends with "}\n": only the full text (or one without the newline) is valid.
        const std::string_view prefix(demoModel.data(), len);
        const ParsedModel parsed = parse_model(prefix, "t.json");
        QVERIFY2(!parsed.ok(), qPrintable(QString::number(len)));
        QCOMPARE(parsed.errors.size(), size_t(1));
        const ModelError& e = parsed.errors[0];
        QVERIFY(e.place.line >= 1 && e.place.column >= 1);
        QVERIFY2(e.message.rfind("syntax error: ", 0) == 0, e.message.c_str());
        QVERIFY(scannerAgreesWithNlohmann(prefix));
    }
}

void TestLoader::byteMutationsNeverCrash() {
    const char replacements[] = {'\0', '"', '{', '}',  '[',    ']',    ',', ':',
                                 '\\', 'x', '1', '\n', '\xFF', '\xC3', '~', '/'};
    int accepted = 0;
    for (size_t i = 0; i < demoModel.size(); ++i) {
        for (char r : replacements) {
            std::string text = demoModel;
            if (text[i] == r) continue;
            text[i] = r;
            const ParsedModel parsed = parse_model(text, "m.json");
            QVERIFY(scannerAgreesWithNlohmann(text));
            if (parsed.ok()) {
                ++accepted;
                continue;
            }
            for (const ModelError& e : parsed.errors)
                QVERIFY2(e.place.line >= 1, e.format().c_str());
        }
    }
    QVERIFY(accepted > 0); // e.g. a changed letter inside a string
}

void TestLoader::randomBytesNeverCrash() {
    std::mt19937 rng(12345);
    const std::string alphabet = "{}[]:,\"\\ntrufalse0123456789.eE+-x \n\t\xC3\xA9\xFF";
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        const size_t len = rng() % 120;
        for (size_t i = 0; i < len; ++i)
            text += round % 3 == 0 ? static_cast<char>(rng() & 0xFF)
                                   : alphabet[rng() % alphabet.size()];
        if (round % 5 == 0) text = "{\"format\": \"dunderscope/1\", \"classes\": [" + text;
        const ParsedModel parsed = parse_model(text, "r.json");
        QVERIFY(!parsed.errors.empty() || text.rfind("{\"format\"", 0) == 0);
        for (const ModelError& e : parsed.errors) QVERIFY2(e.place.line >= 1, e.format().c_str());
        QVERIFY2(scannerAgreesWithNlohmann(text), text.c_str());
    }
}

void TestLoader::largeModel() {
    std::string text = "{\"format\": \"dunderscope/1\", \"classes\": [";
    const int count = 20000;
    for (int i = 0; i < count; ++i) {
        if (i) text += ",\n";
        text += "{\"name\": \"C" + std::to_string(i) + "\"";
        if (i) text += ", \"bases\": [\"C" + std::to_string(i - 1) + "\"]";
        text += ", \"attrs\": {\"f\": {\"kind\": \"function\", \"source\": \"def f(self):\\n    "
                "return " +
                std::to_string(i) + "\"}, \"v\": [1, 2, 3]}}";
    }
    text += "], \"stores\": [{\"name\": \"s\", \"data\": {";
    for (int i = 0; i < count; ++i) text += (i ? ", \"k" : "\"k") + std::to_string(i) + "\": \"v\"";
    text += "}}]}";
    QElapsedTimer timer;
    timer.start();
    const ParsedModel parsed = parse_model(text, "big.json");
    QVERIFY2(parsed.ok(), qPrintable(formatted(parsed.errors)));
    QCOMPARE(parsed.spec.classes.size(), size_t(count));
    QCOMPARE(parsed.spec.stores[0].data.size(), size_t(count));
    QCOMPARE(parsed.spec.classes[count - 1].place.line, count);
    QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
    qInfo("%d classes (%zu bytes) in %lld ms", count, text.size(),
          static_cast<long long>(timer.elapsed()));
}

void TestLoader::objectWithManyKeys() {
    // Found with a 100 MB model (tests/engine/tst_limits): nlohmann's parser inserted every key
    // with ordered_map's linear search, time quadratic in the keys of one object (a 100 MB file
    // of 100,000 keys took 20 s). The keys stay in file order; a duplicated key is still an error.
    const int count = 200000;
    std::string text = "{\"format\": \"dunderscope/1\", \"stores\": [{\"name\": \"s\", \"data\": {";
    for (int i = 0; i < count; ++i)
        text += (i ? ", \"k" : "\"k") + std::to_string(i) + "\": \"v" + std::to_string(i) + "\"";
    const std::string end = "}}]}";
    const ParsedModel parsed = parse_model(text + end, "keys.json");
    QVERIFY2(parsed.ok(), qPrintable(formatted(parsed.errors)));
    const auto& data = parsed.spec.stores[0].data;
    QCOMPARE(data.size(), size_t(count));
    QCOMPARE(data.front(), std::make_pair(std::string("k0"), std::string("v0")));
    QCOMPARE(data.back(), std::make_pair(std::string("k199999"), std::string("v199999")));
    const ParsedModel duplicated = parse_model(text + ", \"k7\": \"again\"" + end, "keys.json");
    QCOMPARE(duplicated.errors.size(), size_t(1));
    QVERIFY2(duplicated.errors[0].message.find("duplicate key 'k7'") == 0,
             duplicated.errors[0].message.c_str());
}

QTEST_GUILESS_MAIN(TestLoader)
#include "tst_loader.moc"
