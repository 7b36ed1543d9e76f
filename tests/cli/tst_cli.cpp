// The command line of spec/cli.md, run as a user runs it: the built `dunderscope` in a QProcess
// whose environment has no DISPLAY, no WAYLAND_DISPLAY and no QT_QPA_PLATFORM (the subcommands
// must need no display). Exact outputs: exit codes, usage errors, `check` on the demos and on the
// broken corpus (broken/NAME.json with the exact stderr of `dunderscope check NAME.json` run in
// broken/, so errors name the bare file and the expected files do not depend on the checkout
// path), the `eval --json` document, REPL-like text, and `--trace`.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kCli = QStringLiteral(DS_DUNDERSCOPE);
const QString kDemoDir = QStringLiteral(DS_SOURCE_DIR "/resources/demos");
const QString kBrokenDir = QStringLiteral(DS_SOURCE_DIR "/tests/cli/broken");
const QString kReferenceDir = QStringLiteral(DS_SOURCE_DIR "/tests/differential");
const QString kSeed002 = kDemoDir + QStringLiteral("/descriptor-protocol.json");

// Corpus models whose error is a rule of the model format or of its Python subset (a `source`
// holds one def; no class statement, no set display...), not a CPython error: excluded from the
// CPython cross-check only.
const QSet<QString> kFormatRules = {"syntax_not_one_def", "syntax_empty_source",
                                    "syntax_outside_subset"};

struct Run {
    int code = -1; // -1: did not start, crashed or timed out
    QByteArray out;
    QByteArray err;
};

QProcessEnvironment noDisplayEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(name);
    return env;
}

Run runProgram(const QString& program, const QStringList& args, const QString& cwd = {},
               const QProcessEnvironment& env = noDisplayEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    if (!cwd.isEmpty()) p.setWorkingDirectory(cwd);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000)) return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    if (p.exitStatus() == QProcess::NormalExit) r.code = p.exitCode();
    return r;
}

Run cli(const QStringList& args, const QString& cwd = {}) {
    return runProgram(kCli, args, cwd);
}

QJsonObject jsonDocument(const QByteArray& text) {
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("not a JSON object (%s):\n%s", qPrintable(error.errorString()), text.constData());
        return {};
    }
    return doc.object();
}

QJsonObject parseObject(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QString readText(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

QStringList brokenModels() {
    QStringList names;
    for (const QString& file : QDir(kBrokenDir).entryList({"*.json"}, QDir::Files, QDir::Name))
        names << QFileInfo(file).completeBaseName();
    return names;
}

// Every file under `dir` (hidden ones too) with its size and modification time.
QStringList listing(const QString& dir) {
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        out << QStringLiteral("%1 %2 %3")
                   .arg(QDir(dir).relativeFilePath(fi.filePath()))
                   .arg(fi.size())
                   .arg(fi.lastModified().toMSecsSinceEpoch());
    }
    out.sort();
    return out;
}

// The error a broken model's .expected file states, as the eval --json "error" object: CPython's
// type and message for a Python error while building (the text after "POINTER: " is
// "Type: message", the message possibly on several lines, as CPython's MRO message), otherwise
// ModelError with the first error line.
QJsonObject expectedLoadError(const QString& expected) {
    static const QRegularExpression built(
        QStringLiteral(R"(\A[^:\n]+:\d+:\d+: /[^: \n]+: ([A-Za-z_][A-Za-z0-9_]*): (.*)\n\z)"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression code(
        QStringLiteral(R"(\A[^\n]*: code line \d+, column \d+: )"));
    const QRegularExpressionMatch m = built.match(expected);
    if (m.hasMatch() && !code.match(expected).hasMatch())
        return {{"type", m.captured(1)}, {"message", m.captured(2)}};
    return {{"type", "ModelError"}, {"message", expected.section('\n', 0, 0)}};
}

// One line per event, "depth event", for messages.
QStringList flatten(const QJsonArray& events, int depth = 0) {
    QStringList out;
    for (const QJsonValue& v : events) {
        const QJsonObject e = v.toObject();
        out << QStringLiteral("%1 %2").arg(depth).arg(e.value("event").toString());
        out += flatten(e.value("children").toArray(), depth + 1);
    }
    return out;
}

} // namespace

class TstCli : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();

    // Command line
    void version();
    void help_data();
    void help();
    void usageErrors_data();
    void usageErrors();
    void missingFile_data();
    void missingFile();
    void missingFileEvalJson();

    // check
    void checkDemos_data();
    void checkDemos();
    void brokenCorpus();
    void brokenCheck_data();
    void brokenCheck();
    void brokenEval_data();
    void brokenEval();
    void brokenAgainstCPython_data();
    void brokenAgainstCPython();

    // eval
    void evalJsonValues();
    void evalJsonNoStatements();
    void evalJsonScript();
    void evalJsonScriptThenStatements();
    void evalStatementsStartingWithDash();
    void evalText();
    void evalTextExpressionAfterSemicolon();
    void evalTextLoadFailure();
    void evalTrace();
    void evalJsonTrace();
    void evalJsonTraceStepsBelongToLookups();

    // Nothing is ever written next to the input
    void nothingWrittenInTemporaryFolder();
    void nothingWrittenNextToInput();

  private:
    QStringList demoListingBefore_;
    QStringList brokenListingBefore_;
};

void TstCli::initTestCase() {
    QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + " is not built"));
    QVERIFY(QFileInfo::exists(kSeed002));
    demoListingBefore_ = listing(kDemoDir);
    brokenListingBefore_ = listing(kBrokenDir);
    QVERIFY(!demoListingBefore_.isEmpty());
    QVERIFY(!brokenListingBefore_.isEmpty());
    const QProcessEnvironment env = noDisplayEnvironment();
    QVERIFY(!env.contains("DISPLAY") && !env.contains("QT_QPA_PLATFORM") &&
            !env.contains("WAYLAND_DISPLAY"));
}

// ---------------------------------------------------------------------------------------------
// Command line

void TstCli::version() {
    const Run r = cli({"--version"});
    QCOMPARE(r.code, 0);
    QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("dunderscope " DUNDERSCOPE_VERSION "\n"));
    QVERIFY(QRegularExpression(QStringLiteral(R"(\Adunderscope \d+\.\d+\.\d+\n\z)"))
                .match(r.out)
                .hasMatch());
    QCOMPARE(r.err, QByteArray());
}

void TstCli::help_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const QString usage = QStringLiteral(
        "usage: dunderscope [MODEL.json] [--screenshot FILE [--select NAME] [--attr NAME] [--op "
        "get|set|delete]\n"
        "                    [--run STATEMENT]... [--step N [--at MS]] [--speed X] [--size WxH]\n"
        "                    [--presentation]]\n"
        "       dunderscope check MODEL.json\n"
        "       dunderscope eval MODEL.json [--json] [--trace] [--script] [STATEMENT ...]\n"
        "       dunderscope export MODEL.json --view mro|chain|dict|store|lesson [--target NAME] "
        "[--attr NAME]\n"
        "                   [--op get|set|delete] [--run STATEMENT]... --format "
        "svg|png|pdf|dot|mermaid\n"
        "                   [--scale N] -o FILE\n"
        "       dunderscope --version | --help\n");
    QTest::newRow("--help") << QStringList{"--help"} << usage;
    QTest::newRow("-h") << QStringList{"-h"} << usage;
    QTest::newRow("check --help") << QStringList{"check", "--help"}
                                  << QStringLiteral("usage: dunderscope check MODEL.json\n");
    QTest::newRow("eval --help") << QStringList{"eval", "--help"}
                                 << QStringLiteral("usage: dunderscope eval MODEL.json [--json] "
                                                   "[--trace] [--script] [STATEMENT ...]\n");
}

void TstCli::help() {
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Run r = cli(args);
    QCOMPARE(r.code, 0);
    QCOMPARE(QString::fromUtf8(r.out), expected);
    QCOMPARE(r.err, QByteArray());
}

void TstCli::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message"); // the first stderr line, exactly
    QTest::newRow("unknown subcommand")
        << QStringList{"frobnicate"} << QStringLiteral("dunderscope: unknown command 'frobnicate'");
    QTest::newRow("unknown option")
        << QStringList{"--frobnicate"}
        << QStringLiteral("dunderscope: unknown command or option '--frobnicate'");
    QTest::newRow("check: unknown option")
        << QStringList{"check", "--frobnicate", kSeed002}
        << QStringLiteral("dunderscope: Unknown option 'frobnicate'.");
    QTest::newRow("eval: unknown option")
        << QStringList{"eval", kSeed002, "--frobnicate"}
        << QStringLiteral("dunderscope: Unknown option 'frobnicate'.");
    QTest::newRow("check without a file")
        << QStringList{"check"} << QStringLiteral("dunderscope: missing MODEL.json");
    QTest::newRow("eval without a file")
        << QStringList{"eval"} << QStringLiteral("dunderscope: missing MODEL.json");
    QTest::newRow("eval --json without a file")
        << QStringList{"eval", "--json", "--trace"}
        << QStringLiteral("dunderscope: missing MODEL.json");
    QTest::newRow("check with two files")
        << QStringList{"check", kSeed002, kSeed002}
        << QStringLiteral("dunderscope: check takes one MODEL.json");
}

void TstCli::usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.code, 2);
    QCOMPARE(r.out, QByteArray());
    const QStringList lines = QString::fromUtf8(r.err).split('\n');
    QCOMPARE(lines.value(0), message);
    QVERIFY2(lines.value(1).startsWith("usage: dunderscope"), r.err.constData());
}

void TstCli::missingFile_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("check") << QStringList{"check", "no-such-model.json"};
    QTest::newRow("eval") << QStringList{"eval", "no-such-model.json", "1 + 1"};
    QTest::newRow("eval --script --trace")
        << QStringList{"eval", "--script", "--trace", "no-such-model.json"};
}

void TstCli::missingFile() {
    QFETCH(QStringList, args);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run r = cli(args, dir.path());
    QCOMPARE(r.code, 1);
    QCOMPARE(r.out, QByteArray());
    QCOMPARE(
        QString::fromUtf8(r.err),
        QStringLiteral("no-such-model.json: cannot open the file: No such file or directory\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList());
}

void TstCli::missingFileEvalJson() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run r = cli({"eval", "no-such-model.json", "--json", "1 + 1"}, dir.path());
    QCOMPARE(r.code, 1);
    const QString line =
        QStringLiteral("no-such-model.json: cannot open the file: No such file or directory");
    QCOMPARE(QString::fromUtf8(r.err), line + '\n');
    const QJsonObject expected{{"ok", false},
                               {"error", QJsonObject{{"type", "ModelError"}, {"message", line}}},
                               {"results", QJsonArray()}};
    QCOMPARE(jsonDocument(r.out), expected);
}

// ---------------------------------------------------------------------------------------------
// check

void TstCli::checkDemos_data() {
    QTest::addColumn<QString>("path");
    const QStringList demos = QDir(kDemoDir).entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY(demos.size() >= 4);
    for (const QString& f : demos) QTest::newRow(qPrintable(f)) << QDir(kDemoDir).filePath(f);
}

void TstCli::checkDemos() {
    QFETCH(QString, path);
    const Run r = cli({"check", path});
    QCOMPARE(QString::fromUtf8(r.err), QString());
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.startsWith(path.toUtf8() + ": ok"), r.out.constData());
}

// The corpus is what the suite promises: enough models, each with its expected file, and
// every kind of code string, several errors in one file, several kinds of build errors.
void TstCli::brokenCorpus() {
    const QStringList names = brokenModels();
    QVERIFY2(names.size() >= 25, qPrintable(QString::number(names.size())));
    QStringList expectedFiles;
    for (const QString& f : QDir(kBrokenDir).entryList({"*.expected"}, QDir::Files, QDir::Name))
        expectedFiles << QFileInfo(f).completeBaseName();
    QCOMPARE(expectedFiles, names);

    QStringList pointers, types;
    bool severalErrors = false;
    for (const QString& name : names) {
        const QString text = readText(QDir(kBrokenDir).filePath(name + ".expected"));
        QVERIFY2(text.endsWith('\n') && text.startsWith(name + ".json:"), qPrintable(name));
        static const QRegularExpression line(
            QStringLiteral(
                R"(^[^:\n]+:\d+:\d+: (/[^: \n]*): (?:code line \d+, column \d+: )?([A-Za-z]+): )"),
            QRegularExpression::MultilineOption);
        int count = 0;
        for (auto it = line.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            pointers << m.captured(1);
            types << m.captured(2);
            ++count;
        }
        QVERIFY2(count > 0, qPrintable(name));
        if (count >= 5) severalErrors = true;
    }
    QVERIFY(severalErrors);
    const QStringList codePlaces = {R"(^/classes/\d+/attrs/\w+/source$)",
                                    R"(^/classes/\d+/attrs/\w+/get$)",
                                    R"(^/classes/\d+/attrs/\w+/set$)",
                                    R"(^/classes/\d+/attrs/\w+/delete$)",
                                    R"(^/classes/\d+/attrs/\w+/expr$)",
                                    R"(^/instances/\d+/new$)",
                                    R"(^/modules/\d+/dict/\w+/source$)",
                                    R"(^/script/\d+$)",
                                    R"(^/classes/\d+$)",
                                    R"(^/modules/\d+$)",
                                    R"(^/instances/\d+$)"};
    for (const QString& re : codePlaces)
        QVERIFY2(!pointers.filter(QRegularExpression(re)).isEmpty(), qPrintable(re));
    for (const char* t : {"SyntaxError", "IndentationError", "TabError", "TypeError", "ValueError",
                          "RuntimeError", "NameError", "AttributeError", "NotImplementedError",
                          "ZeroDivisionError", "RecursionError"})
        QVERIFY2(types.contains(t), t);
}

void TstCli::brokenCheck_data() {
    QTest::addColumn<QString>("name");
    for (const QString& name : brokenModels()) QTest::newRow(qPrintable(name)) << name;
}

// `check NAME.json` in broken/: exit 1 and exactly the expected lines on stderr, nothing on stdout.
void TstCli::brokenCheck() {
    QFETCH(QString, name);
    const QString expected = readText(QDir(kBrokenDir).filePath(name + ".expected"));
    QVERIFY(!expected.isEmpty());
    const Run r = cli({"check", name + ".json"}, kBrokenDir);
    const QString actual = QStringLiteral("exit %1\nstdout: %2\n%3")
                               .arg(r.code)
                               .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
    QCOMPARE(actual, QStringLiteral("exit 1\nstdout: \n") + expected);
}

void TstCli::brokenEval_data() {
    brokenCheck_data();
}

// `eval NAME.json --json STMT`: one document with "ok": false, CPython's error type and message
// (or ModelError), "results": [], exit 1, and the same error lines on stderr; in text mode the
// same lines on stderr and nothing on stdout.
void TstCli::brokenEval() {
    QFETCH(QString, name);
    const QString expected = readText(QDir(kBrokenDir).filePath(name + ".expected"));
    const QJsonObject expectedDoc{
        {"ok", false}, {"error", expectedLoadError(expected)}, {"results", QJsonArray()}};

    const Run r =
        cli({"eval", name + ".json", "--json", "--trace", "--script", "1 + 1"}, kBrokenDir);
    const QJsonObject doc = jsonDocument(r.out);
    QVERIFY2(!doc.isEmpty(), r.out.constData());
    QStringList keys = doc.keys();
    keys.removeOne("output"); // a documented extension: what loading printed
    QCOMPARE(keys, (QStringList{"error", "ok", "results"}));
    QJsonObject shape = doc;
    shape.remove("output");

    const Run text = cli({"eval", name + ".json", "1 + 1"}, kBrokenDir);
    const QString actual =
        QStringLiteral("json exit %1\n%2\nstderr:\n%3\ntext exit %4\nstdout: %5\nstderr:\n%6")
            .arg(r.code)
            .arg(QString::fromUtf8(QJsonDocument(shape).toJson()), QString::fromUtf8(r.err))
            .arg(text.code)
            .arg(QString::fromUtf8(text.out), QString::fromUtf8(text.err));
    const QString wanted =
        QStringLiteral("json exit 1\n%1\nstderr:\n%2\ntext exit 1\nstdout: \nstderr:\n%2")
            .arg(QString::fromUtf8(QJsonDocument(expectedDoc).toJson()), expected);
    QCOMPARE(actual, wanted);
}

// The corpus against the oracle, in one CPython process: each code string compiled by CPython
// (its error type, message, line and column), and for models whose code compiles, the model
// built by tests/differential/reference.py (the spec's reference translation).
static const char* kOracle = R"PY(
import json, os, sys, warnings
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import reference

def code_strings(m):
    out = []
    def attrs(base, d):
        for k, a in d.items():
            if not isinstance(a, dict):
                continue
            p = base + '/' + k.replace('~', '~0').replace('/', '~1')
            kind = a.get('kind')
            if kind == 'expr':
                out.append((p + '/expr', a['expr'], 'eval'))
            elif kind == 'property':
                out.extend((p + '/' + part, a[part], 'exec') for part in ('get', 'set', 'delete') if part in a)
            elif kind != 'value':
                out.append((p + '/source', a['source'], 'exec'))
    for i, c in enumerate(m.get('classes', [])):
        attrs(f'/classes/{i}/attrs', c.get('attrs', {}))
    for i, c in enumerate(m.get('modules', [])):
        attrs(f'/modules/{i}/dict', c.get('dict', {}))
    for i, o in enumerate(m.get('instances', [])):
        if 'new' in o:
            out.append((f'/instances/{i}/new', o['new'], 'eval'))
        attrs(f'/instances/{i}/dict', o.get('dict', {}))
        attrs(f'/instances/{i}/slots', o.get('slots', {}))
    out.extend((f'/script/{i}', s, 'exec') for i, s in enumerate(m.get('script', [])))
    return out

result = {}
for name in sorted(os.listdir(sys.argv[2])):
    if not name.endswith('.json'):
        continue
    with open(os.path.join(sys.argv[2], name), encoding='utf-8') as f:
        m = json.load(f)
    lines = []
    for ptr, code, mode in code_strings(m):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                compile(code, '<code>', mode, dont_inherit=True)
        except SyntaxError as e:
            lines.append(f'{ptr}: code line {e.lineno}, column {e.offset}: {type(e).__name__}: {e.msg}')
    if not lines:
        status, doc = reference.run(m, [], False)
        err = doc['error']
        lines.append('loads' if err is None else f"{err['type']}: {err['message']}")
    result[name[:-5]] = '\n'.join(lines) + '\n'
print(json.dumps(result))
)PY";

void TstCli::brokenAgainstCPython_data() {
    QTest::addColumn<QString>("name");
    for (const QString& name : brokenModels())
        if (!kFormatRules.contains(name)) QTest::newRow(qPrintable(name)) << name;
}

void TstCli::brokenAgainstCPython() {
    QFETCH(QString, name);
    static QJsonObject oracle;
    static bool ran = false;
    static QString failure;
    if (!ran) {
        ran = true;
        const QString python = QStandardPaths::findExecutable("python3");
        if (python.isEmpty()) {
            failure = "skip";
        } else {
            QProcessEnvironment env = noDisplayEnvironment();
            env.insert("PYTHONDONTWRITEBYTECODE", "1");
            const Run r =
                runProgram(python, {"-B", "-c", kOracle, kReferenceDir, kBrokenDir}, {}, env);
            oracle = jsonDocument(r.out);
            if (r.code != 0 || oracle.isEmpty()) failure = QString::fromUtf8(r.err);
        }
    }
    if (failure == "skip") QSKIP("python3 (the CPython oracle) is not installed");
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(oracle.contains(name));

    // The expected file without the "FILE:LINE:COL: " of each error and, for a build error,
    // without the place of the class, module or instance (reference.py does not tell it).
    QString corpus = readText(QDir(kBrokenDir).filePath(name + ".expected"));
    static const QRegularExpression place(QStringLiteral(R"(^[^:\n]+\.json:\d+:\d+: )"),
                                          QRegularExpression::MultilineOption);
    corpus.remove(place);
    static const QRegularExpression buildPlace(
        QStringLiteral(R"(\A/(classes|modules|instances)/\d+: )"));
    if (!corpus.contains(QStringLiteral(": code line "))) corpus.remove(buildPlace);
    const QString cpython = oracle.value(name).toString();
    QCOMPARE(corpus, cpython);
}

// ---------------------------------------------------------------------------------------------
// eval

static const QStringList kStatements = {
    "foo.full_name",
    "foo.first_name = 'Ada'",
    "foo.full_name",
    "None",
    "print('hi')",
    "foo.nope",
    "del foo.full_name",
    "1 +",
    "[1, None, 'a']",
    "Person",
    "1/0",
    "'h\u00e9llo'",
    "raise ValueError",
};

// The document of spec/cli.md, to the letter (values checked against reference.py).
void TstCli::evalJsonValues() {
    const Run r = cli(QStringList{"eval", kSeed002, "--json"} + kStatements);
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(r.code, 0);
    const QJsonObject expected = parseObject(R"JSON({
      "ok": true,
      "error": null,
      "results": [
        {"stmt": "foo.full_name", "ok": true, "repr": "'Keanu Reeves'"},
        {"stmt": "foo.first_name = 'Ada'", "ok": true, "repr": null},
        {"stmt": "foo.full_name", "ok": true, "repr": "'Ada Reeves'"},
        {"stmt": "None", "ok": true, "repr": null},
        {"stmt": "print('hi')", "ok": true, "repr": null, "output": "hi\n"},
        {"stmt": "foo.nope", "ok": false,
         "error": {"type": "AttributeError", "message": "'Person' object has no attribute 'nope'"}},
        {"stmt": "del foo.full_name", "ok": false,
         "error": {"type": "AttributeError", "message": "property 'full_name' of 'Person' object has no deleter"}},
        {"stmt": "1 +", "ok": false, "error": {"type": "SyntaxError", "message": "invalid syntax"}},
        {"stmt": "[1, None, 'a']", "ok": true, "repr": "[1, None, 'a']"},
        {"stmt": "Person", "ok": true, "repr": "<class 'Person'>"},
        {"stmt": "1/0", "ok": false, "error": {"type": "ZeroDivisionError", "message": "division by zero"}},
        {"stmt": "'h\u00e9llo'", "ok": true, "repr": "'h\u00e9llo'"},
        {"stmt": "raise ValueError", "ok": false, "error": {"type": "ValueError", "message": ""}}
      ]
    })JSON");
    QVERIFY(!expected.isEmpty());
    const QJsonObject doc = jsonDocument(r.out);
    QCOMPARE(doc, expected);
    // Key by key too: a result has "repr" exactly when ok, "error" exactly when not.
    for (const QJsonValue& v : doc.value("results").toArray()) {
        const QJsonObject res = v.toObject();
        QCOMPARE(res.contains("repr"), res.value("ok").toBool());
        QCOMPARE(res.contains("error"), !res.value("ok").toBool());
        QVERIFY(!res.contains("trace")); // only with --trace
    }
}

void TstCli::evalJsonNoStatements() {
    const Run r = cli({"eval", "--json", kSeed002});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(jsonDocument(r.out), parseObject(R"J({"ok": true, "error": null, "results": []})J"));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile f(dir.filePath("empty.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"J({"format": "dunderscope/1"})J");
    f.close();
    const Run s = cli({"eval", "--json", "--script", "empty.json"}, dir.path());
    QCOMPARE(s.code, 0);
    QCOMPARE(jsonDocument(s.out), parseObject(R"J({"ok": true, "error": null, "results": []})J"));
}

// --script: one result per script entry, in order, with the entry as "stmt".
void TstCli::evalJsonScript() {
    const Run r = cli({"eval", kSeed002, "--json", "--script"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err, QByteArray());
    QFile model(kSeed002);
    QVERIFY(model.open(QIODevice::ReadOnly));
    const QJsonArray script =
        QJsonDocument::fromJson(model.readAll()).object().value("script").toArray();
    QCOMPARE(script.size(), 29);
    const QJsonArray results = jsonDocument(r.out).value("results").toArray();
    QCOMPARE(results.size(), script.size());
    for (int i = 0; i < script.size(); ++i)
        QCOMPARE(results[i].toObject().value("stmt"), script[i]);
    QCOMPARE(results[0].toObject(),
             parseObject(R"J({"stmt": "foo.full_name", "ok": true, "repr": "'Keanu Reeves'"})J"));
    QCOMPARE(results[8].toObject(), parseObject(R"J({"stmt": "del foo.full_name", "ok": false,
        "error": {"type": "AttributeError", "message": "property 'full_name' of 'Person' object has no deleter"}})J"));
    QCOMPARE(results[15].toObject(),
             parseObject(R"J({"stmt": "foo.score", "ok": true, "repr": "19.5",
        "output": "doing some time-consuming calculations\n"})J"));
    QCOMPARE(results[16].toObject(),
             parseObject(R"J({"stmt": "foo.score", "ok": true, "repr": "19.5"})J"));
    QCOMPARE(results[28].toObject(),
             parseObject(R"J({"stmt": "neo.split_name('agent smith')", "ok": true,
        "repr": "['agent', 'smith']"})J"));
}

// Command-line statements run after the script, in the state it left (whatever the order of
// the options and statements on the command line).
void TstCli::evalJsonScriptThenStatements() {
    for (const QStringList& args :
         {QStringList{"eval", kSeed002, "--json", "--script", "foo.first_name", "vars(bar)"},
          QStringList{"eval", "--script", kSeed002, "foo.first_name", "--json", "vars(bar)"}}) {
        const Run r = cli(args);
        QCOMPARE(r.code, 0);
        const QJsonArray results = jsonDocument(r.out).value("results").toArray();
        QCOMPARE(results.size(), 31);
        QCOMPARE(results[0].toObject().value("stmt").toString(), QStringLiteral("foo.full_name"));
        QCOMPARE(results[29].toObject(),
                 parseObject(R"J({"stmt": "foo.first_name", "ok": true, "repr": "'keanu'"})J"));
        QCOMPARE(results[30].toObject(), parseObject(R"J({"stmt": "vars(bar)", "ok": true,
            "repr": "{'first_name': 'Carrie-Anne', 'last_name': 'Moss', 'score': 100}"})J"));
    }
}

// A statement that starts with '-' follows "--"; after it, "--json" is a statement too.
void TstCli::evalStatementsStartingWithDash() {
    const Run r = cli({"eval", kSeed002, "--json", "--", "-len('abc')", "--json"});
    QCOMPARE(r.code, 0);
    QCOMPARE(jsonDocument(r.out), parseObject(R"J({"ok": true, "error": null, "results": [
        {"stmt": "-len('abc')", "ok": true, "repr": "-3"},
        {"stmt": "--json", "ok": false, "error": {"type": "TypeError", "message": "bad operand type for unary -: 'module'"}}
    ]})J"));
}

// What a Python REPL prints: reprs, nothing for None, printed text, `Type: message`.
void TstCli::evalText() {
    const Run r = cli(QStringList{"eval", kSeed002} + kStatements);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err, QByteArray());
    QCOMPARE(
        QString::fromUtf8(r.out),
        QStringLiteral("'Keanu Reeves'\n"
                       "'Ada Reeves'\n"
                       "hi\n"
                       "AttributeError: 'Person' object has no attribute 'nope'\n"
                       "AttributeError: property 'full_name' of 'Person' object has no deleter\n"
                       "SyntaxError: invalid syntax\n"
                       "[1, None, 'a']\n"
                       "<class 'Person'>\n"
                       "ZeroDivisionError: division by zero\n"
                       "'h\u00e9llo'\n"
                       "ValueError\n"));
    const Run s = cli({"eval", kSeed002, "--script"});
    QCOMPARE(s.code, 0);
    QVERIFY(s.out.startsWith("'Keanu Reeves'\n{'first_name': 'Keanu', 'last_name': 'Reeves'}\n"));
    QVERIFY(s.out.contains("\ndoing some time-consuming calculations\n19.5\n19.5\n"));
}

// A Python REPL prints the value of an expression statement that follows other statements on
// the same line: `>>> foo.first_name = 'A'; foo.first_name` prints 'A'.
void TstCli::evalTextExpressionAfterSemicolon() {
    const Run r =
        cli({"eval", kSeed002, "foo.first_name = 'A'; foo.first_name", "for i in range(2): i"});
    QCOMPARE(r.code, 0);
    QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("'A'\n0\n1\n"));
}

void TstCli::evalTextLoadFailure() {
    const Run r = cli({"eval", "build_duplicate_base.json", "--trace", "1"}, kBrokenDir);
    QCOMPARE(r.code, 1);
    QCOMPARE(r.out, QByteArray());
    QCOMPARE(
        QString::fromUtf8(r.err),
        QStringLiteral(
            "build_duplicate_base.json:8:5: /classes/1: TypeError: duplicate base class Base\n"));
}

// --trace text: the precedence chain of `foo.full_name` on the seed 002 demo (README).
void TstCli::evalTrace() {
    const Run r = cli({"eval", kSeed002, "--trace", "foo.full_name"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err, QByteArray());
    const QStringList lines = QString::fromUtf8(r.out).split('\n');
    const QStringList wanted = {
        ">>> foo.full_name",
        "  get <Person object>.full_name   (instance)",
        "    MRO Person: has full_name = <property object>  [data descriptor]",
        "    [hit]   data descriptor  (Person, data descriptor)",
        "    => winner: data descriptor in Person  <property object>",
        "    call property.__get__()  on <property object>",
        "      call Person._full_name_getter()",
        "        get <Person object>.first_name   (instance)",
        "          [hit]   instance __dict__",
        "          read  <Person object>.__dict__['first_name'] -> 'Keanu'",
        "    = 'Keanu Reeves'",
        "'Keanu Reeves'",
    };
    int at = 0;
    for (const QString& w : wanted) {
        const int found = lines.indexOf(w, at);
        QVERIFY2(found >= 0, qPrintable("missing (in order): " + w + "\n" + r.out));
        at = found + 1;
    }
    QCOMPARE(lines.first(), QStringLiteral(">>> foo.full_name"));
    QCOMPARE(lines.mid(lines.size() - 3), (QStringList{"'Keanu Reeves'", "", ""}));
}

static const QStringList kEventKinds = {
    "lookup",          "mro-class", "step",       "winner",      "shadowed",
    "descriptor-call", "dict-read", "dict-write", "dict-delete", "call",
    "store",           "set-name",  "print",      "exception",   "result"};

// Every event: an object with a known "event", string fields only, "children" non-empty.
static bool wellFormed(const QJsonArray& events, QString* why) {
    for (const QJsonValue& v : events) {
        if (!v.isObject()) return *why = "an event that is not an object", false;
        const QJsonObject e = v.toObject();
        if (!kEventKinds.contains(e.value("event").toString()))
            return *why = "unknown event: " + QJsonDocument(e).toJson(QJsonDocument::Compact),
                   false;
        for (auto it = e.begin(); it != e.end(); ++it) {
            if (it.key() == "children") {
                if (!it.value().isArray() || it.value().toArray().isEmpty())
                    return *why = "children must be a non-empty array", false;
                if (!wellFormed(it.value().toArray(), why)) return false;
            } else if (!it.value().isString()) {
                return *why = "field " + it.key() + " is not a string", false;
            }
        }
    }
    return true;
}

static QJsonObject child(const QJsonObject& parent, const QString& event, const QString& key = {},
                         const QString& value = {}) {
    for (const QJsonValue& v : parent.value("children").toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value("event").toString() == event &&
            (key.isEmpty() || e.value(key).toString() == value))
            return e;
    }
    return {};
}

// --json --trace: each result has "trace", events with "event", nested with "children".
void TstCli::evalJsonTrace() {
    const Run r = cli({"eval", kSeed002, "--json", "--trace", "foo.full_name", "foo.nope", "None"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err, QByteArray());
    const QJsonArray results = jsonDocument(r.out).value("results").toArray();
    QCOMPARE(results.size(), 3);
    for (const QJsonValue& v : results) {
        QVERIFY(v.toObject().value("trace").isArray());
        QString why;
        QVERIFY2(wellFormed(v.toObject().value("trace").toArray(), &why), qPrintable(why));
    }
    const QJsonObject first = results[0].toObject();
    QCOMPARE(first.value("repr").toString(), QStringLiteral("'Keanu Reeves'"));
    const QJsonArray trace = first.value("trace").toArray();
    QCOMPARE(trace.size(), 1);
    const QJsonObject lookup = trace[0].toObject();
    QCOMPARE(lookup.value("event").toString(), QStringLiteral("lookup"));
    QCOMPARE(lookup.value("op").toString(), QStringLiteral("get"));
    QCOMPARE(lookup.value("object").toString(), QStringLiteral("<Person object>"));
    QCOMPARE(lookup.value("object_kind").toString(), QStringLiteral("instance"));
    QCOMPARE(lookup.value("name").toString(), QStringLiteral("full_name"));
    QCOMPARE(
        child(lookup, "mro-class"),
        parseObject(
            R"J({"event": "mro-class", "name": "full_name", "owner": "Person", "what": "data descriptor",
                             "outcome": "found", "value": "<property object>"})J"));
    QCOMPARE(child(lookup, "step"),
             parseObject(R"J({"event": "step", "stage": "data descriptor", "owner": "Person",
                                                    "what": "data descriptor", "outcome": "hit"})J"));
    QCOMPARE(
        child(lookup, "winner"),
        parseObject(
            R"J({"event": "winner", "name": "full_name", "stage": "data descriptor", "owner": "Person",
                             "what": "data descriptor", "value": "<property object>"})J"));
    QCOMPARE(
        child(lookup, "result"),
        parseObject(R"J({"event": "result", "name": "full_name", "value": "'Keanu Reeves'"})J"));
    // Nesting: the property's __get__ runs the getter, which looks up first_name.
    const QJsonObject get = child(lookup, "descriptor-call", "op", "__get__");
    QCOMPARE(get.value("object").toString(), QStringLiteral("<property object>"));
    const QJsonObject call = child(get, "call", "object", "Person._full_name_getter");
    QVERIFY2(!call.isEmpty(), qPrintable(flatten(trace).join('\n')));
    const QJsonObject inner = child(call, "lookup", "name", "first_name");
    QCOMPARE(child(inner, "dict-read"),
             parseObject(R"J({"event": "dict-read", "object": "<Person object>",
        "name": "first_name", "outcome": "hit", "value": "'Keanu'"})J"));

    // A failing lookup ends with its exception; a statement without lookups has an empty trace.
    const QJsonArray failing = results[1].toObject().value("trace").toArray();
    QCOMPARE(failing.size(), 1);
    QCOMPARE(child(failing[0].toObject(), "exception"),
             parseObject(R"J({"event": "exception", "name": "nope",
                             "message": "AttributeError: 'Person' object has no attribute 'nope'"})J"));
    QCOMPARE(results[2].toObject().value("trace").toArray(), QJsonArray());

    // --script --trace: every result carries its trace.
    const Run s = cli({"eval", kSeed002, "--json", "--trace", "--script"});
    QCOMPARE(s.code, 0);
    const QJsonArray all = jsonDocument(s.out).value("results").toArray();
    QCOMPARE(all.size(), 29);
    for (const QJsonValue& v : all) {
        QVERIFY(v.toObject().contains("trace"));
        QString why;
        QVERIFY2(wellFormed(v.toObject().value("trace").toArray(), &why), qPrintable(why));
    }
}

// The precedence steps of a lookup (mro-class, step, winner, shadowed, result) are the
// children of its "lookup" event: a chain is never shown without the lookup it belongs to.
static void orphanSteps(const QJsonArray& events, const QString& parent, const QString& stmt,
                        QStringList* out) {
    static const QStringList steps = {"mro-class", "step", "winner", "shadowed", "result"};
    for (const QJsonValue& v : events) {
        const QJsonObject e = v.toObject();
        const QString kind = e.value("event").toString();
        if (steps.contains(kind) && parent != "lookup")
            out->append(stmt + ": " + kind + " under " +
                        (parent.isEmpty() ? "the statement" : parent) + " " +
                        QJsonDocument(e).toJson(QJsonDocument::Compact));
        orphanSteps(e.value("children").toArray(), kind, stmt, out);
    }
}

void TstCli::evalJsonTraceStepsBelongToLookups() {
    const Run r =
        cli({"eval", kSeed002, "--json", "--trace", "foo.full_name", "Hero('Thomas', 'Anderson')"});
    QCOMPARE(r.code, 0);
    QStringList orphans;
    for (const QJsonValue& v : jsonDocument(r.out).value("results").toArray())
        orphanSteps(v.toObject().value("trace").toArray(), {},
                    v.toObject().value("stmt").toString(), &orphans);
    QCOMPARE(orphans.mid(0, 3), QStringList());
}

// ---------------------------------------------------------------------------------------------
// Nothing is ever written next to the input

void TstCli::nothingWrittenInTemporaryFolder() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::copy(kSeed002, dir.filePath("model.json")));
    QVERIFY(QFile::copy(QDir(kBrokenDir).filePath("syntax_many_errors.json"),
                        dir.filePath("broken.json")));
    QVERIFY(QFile::copy(QDir(kBrokenDir).filePath("build_print_then_recursion.json"),
                        dir.filePath("fails.json")));
    const QStringList before = listing(dir.path());
    QCOMPARE(before.size(), 3);
    const QList<QStringList> runs = {
        {"check", "model.json"},
        {"eval", "model.json", "--script"},
        {"eval", "model.json", "--json", "--trace", "--script", "foo.full_name = 'a b'",
         "print(foo.full_name)"},
        {"eval", "model.json", "--trace", "foo.score"},
        {"check", "broken.json"},
        {"eval", "broken.json", "--json", "1"},
        {"check", "fails.json"},
        {"eval", "fails.json", "--json", "--trace", "1"},
    };
    for (const QStringList& args : runs) {
        const Run r = cli(args, dir.path());
        QVERIFY2(r.code == 0 || r.code == 1, qPrintable(args.join(' ')));
        const Run abs = cli(QStringList{args[0], dir.filePath(args[1])} + args.mid(2));
        QCOMPARE(abs.code, r.code);
    }
    QCOMPARE(listing(dir.path()), before);
}

// Every test above ran the program on the demos and on the broken corpus: the folders hold
// exactly what they held before (names, sizes, modification times, hidden files included).
void TstCli::nothingWrittenNextToInput() {
    QCOMPARE(listing(kDemoDir), demoListingBefore_);
    QCOMPARE(listing(kBrokenDir), brokenListingBefore_);
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
