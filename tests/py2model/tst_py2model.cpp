// tools/py2model.py on a set of stdlib modules: for every class it emits, the engine's MRO
// equals CPython's __mro__ and every attribute of inspect.classify_class_attrs is won by the
// same class with the same kind. check.py does the comparing; one test row per module.

#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

class TstPy2Model : public QObject {
    Q_OBJECT
  private slots:
    void matches_cpython_data();
    void matches_cpython();
};

void TstPy2Model::matches_cpython_data() {
    QTest::addColumn<QString>("module");
    for (const char* m : {"collections.abc", "numbers", "io", "email", "asyncio", "unittest",
                          "argparse", "enum", "typing", "json", "logging"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

void TstPy2Model::matches_cpython() {
    QFETCH(QString, module);
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!python.isEmpty(), "python3 is needed (CPython 3.11 is the oracle)");
    QProcess proc;
    proc.start(python, {QStringLiteral(DS_SOURCE_DIR "/tests/py2model/check.py"),
                        QStringLiteral("--dunderscope"), QStringLiteral(DS_DUNDERSCOPE), module});
    QVERIFY2(proc.waitForFinished(120 * 1000), "check.py did not finish");
    const QByteArray out = proc.readAllStandardOutput() + proc.readAllStandardError();
    QVERIFY2(proc.exitStatus() == QProcess::NormalExit && proc.exitCode() == 0, out.constData());
    qInfo().noquote() << QString::fromUtf8(out).trimmed();
}

QTEST_GUILESS_MAIN(TstPy2Model)
#include "tst_py2model.moc"
