// Differential test: for every model of the corpus (tests/differential/models) and every
// bundled demo (resources/demos), the engine's `dunderscope eval MODEL --json --script` must
// print the same document as CPython running the reference translation
// (`python3 tests/differential/reference.py MODEL --script`). Compared: ok, error (type and
// message; only the type for a ModelError), the top-level "output", and for each result stmt,
// ok, repr, error type and message, and "output". "trace" is ignored. See README.md.

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QtTest>

namespace {

constexpr int kTimeoutMs = 60 * 1000;
constexpr int kMinCorpusSize = 70;

QString corpusDir() {
    return QStringLiteral(DS_SOURCE_DIR "/tests/differential/models");
}
QString demosDir() {
    return QStringLiteral(DS_SOURCE_DIR "/resources/demos");
}
QString referenceScript() {
    return QStringLiteral(DS_SOURCE_DIR "/tests/differential/reference.py");
}
QString engine() {
    return QStringLiteral(DS_DUNDERSCOPE);
}

QStringList jsonFiles(const QString& dir) {
    QStringList out;
    const QFileInfoList infos =
        QDir(dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QFileInfo& fi : infos) out << fi.absoluteFilePath();
    return out;
}

QString python() {
    const QString fromEnv = qEnvironmentVariable("DS_PYTHON");
    if (!fromEnv.isEmpty()) return fromEnv;
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

struct Run {
    QJsonObject doc;
    QString failure; // empty when doc is valid
};

QString excerpt(const QByteArray& bytes) {
    QString s = QString::fromUtf8(bytes).trimmed();
    if (s.size() > 300) s = s.left(300) + QStringLiteral("...");
    return s;
}

// Runs a command that prints an `eval --json` document and checks the document and the
// exit status (0 when "ok" is true, 1 when false).
Run runJson(const QString& program, const QStringList& args) {
    Run run;
    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    proc.setProcessEnvironment(env);
    proc.start(program, args);
    if (!proc.waitForStarted(kTimeoutMs)) {
        run.failure = QStringLiteral("cannot start %1: %2").arg(program, proc.errorString());
        return run;
    }
    proc.closeWriteChannel();
    if (!proc.waitForFinished(kTimeoutMs)) {
        proc.kill();
        proc.waitForFinished(5000);
        run.failure = QStringLiteral("timed out after %1 s").arg(kTimeoutMs / 1000);
        return run;
    }
    const QByteArray out = proc.readAllStandardOutput();
    const QByteArray err = proc.readAllStandardError();
    if (proc.exitStatus() != QProcess::NormalExit) {
        run.failure = QStringLiteral("crashed (%1)").arg(excerpt(err));
        return run;
    }
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        run.failure = QStringLiteral("exit %1, no JSON document on stdout (%2)")
                          .arg(proc.exitCode())
                          .arg(excerpt(err.isEmpty() ? out : err));
        return run;
    }
    run.doc = doc.object();
    const bool ok = run.doc.value(QStringLiteral("ok")).toBool();
    const int want = ok ? 0 : 1;
    if (proc.exitCode() != want) {
        run.failure = QStringLiteral("exit status %1 with \"ok\": %2")
                          .arg(proc.exitCode())
                          .arg(ok ? QStringLiteral("true") : QStringLiteral("false"));
        run.doc = QJsonObject();
    }
    return run;
}

QString compact(const QJsonValue& v) {
    if (v.isUndefined() || v.isNull()) return QStringLiteral("null");
    if (v.isString()) // quote and escape like JSON
        return QString::fromUtf8(
            QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::number(v.toDouble());
}

// An error object reduced to type and message (other keys are ignored).
QJsonValue errorOf(const QJsonValue& v) {
    if (!v.isObject()) return v.isUndefined() ? QJsonValue(QJsonValue::Null) : v;
    const QJsonObject o = v.toObject();
    return QJsonObject{{QStringLiteral("type"), o.value(QStringLiteral("type"))},
                       {QStringLiteral("message"), o.value(QStringLiteral("message"))}};
}

QJsonValue orNull(const QJsonValue& v) {
    return v.isUndefined() ? QJsonValue() : v;
}
QString outputOf(const QJsonObject& o) {
    return o.value(QStringLiteral("output")).toString();
}

QString showResult(const QJsonValue& v) {
    if (!v.isObject()) return QStringLiteral("(no result)");
    const QJsonObject r = v.toObject();
    QString s;
    if (r.value(QStringLiteral("ok")).toBool()) {
        s = QStringLiteral("repr ") + compact(r.value(QStringLiteral("repr")));
    } else {
        const QJsonObject e = r.value(QStringLiteral("error")).toObject();
        s = e.value(QStringLiteral("type")).toString() + QStringLiteral(": ") +
            compact(e.value(QStringLiteral("message")));
    }
    if (!outputOf(r).isEmpty())
        s += QStringLiteral("  output ") + compact(r.value(QStringLiteral("output")));
    return s;
}

QString difference(const QString& where, const QString& python, const QString& engineSide) {
    return QStringLiteral("%1\n     python: %2\n     engine: %3").arg(where, python, engineSide);
}

// Empty when the two documents agree; otherwise the first difference, readable.
QString compareDocs(const QJsonObject& ref, const QJsonObject& eng) {
    const QString okKey = QStringLiteral("ok"), errKey = QStringLiteral("error");
    if (ref.value(okKey).toBool() != eng.value(okKey).toBool())
        return difference(
            QStringLiteral("model load: ok"),
            compact(ref.value(okKey)) + QLatin1Char(' ') + compact(errorOf(ref.value(errKey))),
            compact(eng.value(okKey)) + QLatin1Char(' ') + compact(errorOf(eng.value(errKey))));
    const QJsonValue re = errorOf(ref.value(errKey)), ee = errorOf(eng.value(errKey));
    if (re != ee) {
        const bool bothModelErrors =
            re.isObject() && ee.isObject() &&
            re.toObject().value(QStringLiteral("type")).toString() ==
                QStringLiteral("ModelError") &&
            ee.toObject().value(QStringLiteral("type")).toString() == QStringLiteral("ModelError");
        if (!bothModelErrors)
            return difference(QStringLiteral("model load: error"), compact(re), compact(ee));
    }
    if (outputOf(ref) != outputOf(eng))
        return difference(QStringLiteral("model load: output"), compact(QJsonValue(outputOf(ref))),
                          compact(QJsonValue(outputOf(eng))));

    const QJsonArray rr = ref.value(QStringLiteral("results")).toArray();
    const QJsonArray er = eng.value(QStringLiteral("results")).toArray();
    for (qsizetype i = 0; i < qMax(rr.size(), er.size()); ++i) {
        const QJsonValue av = i < rr.size() ? rr.at(i) : QJsonValue(QJsonValue::Undefined);
        const QJsonValue bv = i < er.size() ? er.at(i) : QJsonValue(QJsonValue::Undefined);
        const QJsonObject a = av.toObject(), b = bv.toObject();
        const QString stmt = (av.isObject() ? a : b).value(QStringLiteral("stmt")).toString();
        const QString where = QStringLiteral("statement %1 `%2`").arg(i + 1).arg(stmt);
        if (!av.isObject() || !bv.isObject())
            return difference(where, showResult(av), showResult(bv));
        if (a.value(QStringLiteral("stmt")) != b.value(QStringLiteral("stmt")))
            return difference(where + QStringLiteral(": stmt"),
                              compact(a.value(QStringLiteral("stmt"))),
                              compact(b.value(QStringLiteral("stmt"))));
        const bool aok = a.value(okKey).toBool();
        bool same = aok == b.value(okKey).toBool() && outputOf(a) == outputOf(b);
        if (same) {
            same = aok ? orNull(a.value(QStringLiteral("repr"))) ==
                             orNull(b.value(QStringLiteral("repr")))
                       : errorOf(a.value(errKey)) == errorOf(b.value(errKey));
        }
        if (!same) return difference(where, showResult(av), showResult(bv));
    }
    return {};
}

} // namespace

class TstDifferential : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QVERIFY2(!python().isEmpty(), "python3 not found (set DS_PYTHON to override)");
        QVERIFY2(QFileInfo(referenceScript()).isFile(), qPrintable(referenceScript()));
        const QFileInfo exe(engine());
        QVERIFY2(exe.isFile() && exe.isExecutable(),
                 qPrintable(QStringLiteral("engine not built: %1").arg(engine())));
    }

    void corpusIsLargeEnough() {
        const int n = int(jsonFiles(corpusDir()).size());
        QVERIFY2(n >= kMinCorpusSize,
                 qPrintable(QStringLiteral("only %1 models in %2").arg(n).arg(corpusDir())));
    }

    void model_data() {
        QTest::addColumn<QString>("path");
        for (const QString& path : jsonFiles(corpusDir()))
            QTest::newRow(
                qPrintable(QStringLiteral("corpus/") + QFileInfo(path).completeBaseName()))
                << path;
        for (const QString& path : jsonFiles(demosDir()))
            QTest::newRow(qPrintable(QStringLiteral("demo/") + QFileInfo(path).completeBaseName()))
                << path;
    }

    void model() {
        QFETCH(QString, path);
        const QString name = QFileInfo(path).completeBaseName();

        const Run ref = runJson(python(), {referenceScript(), path, QStringLiteral("--script")});
        if (!ref.failure.isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1: reference.py: %2").arg(name, ref.failure)));

        const Run eng = runJson(engine(), {QStringLiteral("eval"), path, QStringLiteral("--json"),
                                           QStringLiteral("--script")});
        if (!eng.failure.isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1: engine: %2").arg(name, eng.failure)));

        const QString diff = compareDocs(ref.doc, eng.doc);
        if (!diff.isEmpty()) QFAIL(qPrintable(QStringLiteral("%1: %2").arg(name, diff)));
    }
};

QTEST_GUILESS_MAIN(TstDifferential)
#include "tst_differential.moc"
