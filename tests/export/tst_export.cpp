// `dunderscope export` as a user runs it (QProcess, no DISPLAY, no QT_QPA_PLATFORM): every view
// of every demo in every format, each file checked by a reader of that format (QSvgRenderer and
// an XML parser, QImage, the PDF's own structure, Graphviz's agmemread, Mermaid's grammar), the
// handout's page count, and the errors: exit codes, messages, and no file half-written.

#include "inspect.h"
#include "operations.h"
#include "session.h"

#include <cgraph.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <map>
#include <set>

namespace {

const QString kCli = QStringLiteral(DS_DUNDERSCOPE);
const QString kDemoDir = QStringLiteral(DS_SOURCE_DIR "/resources/demos");

struct Run {
    int code = -1;
    QByteArray err;
};

Run cli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(name);
    p.setProcessEnvironment(env);
    p.start(kCli, args);
    Run r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000)) return r;
    r.err = p.readAllStandardError();
    if (p.exitStatus() == QProcess::NormalExit) r.code = p.exitCode();
    return r;
}

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What each demo's exports are about: an object, one of its attributes, and what the views
// must then show, read from the engine (model/inspect.h), not from the views.
struct Demo {
    QString file, target, attr;
};

const std::vector<Demo> kDemos = {
    {"descriptor-protocol.json", "foo", "full_name"},
    {"diamond.json", "bottom", "who"},
    {"external-storage.json", "ada", "email"},
    {"module-properties.json", "config", "verbose"},
};

struct Expected {
    std::vector<ds::ClassNode> classes; // the MRO graph's nodes (unique names, graph order)
    std::vector<ds::ClassEdge> bases;   // inheritance edges
    QStringList state_names;            // the target's __dict__ and slots
    QStringList store_words;            // every store's name and keys
    size_t script_steps = 0;
};

Expected expected(const Demo& demo) {
    Expected out;
    ds::run_with_large_stack([&] {
        ds::LoadResult loaded = ds::load_model_file((kDemoDir + "/" + demo.file).toStdString());
        if (!loaded.ok()) return;
        ds::World& w = loaded.session->world();
        ds::Value obj = *w.globals->find_str(demo.target.toStdString());
        const ds::TypeObject* cls = ds::type_of(w, obj);
        ds::ClassGraph graph = ds::class_graph(w, cls);
        std::set<std::string> seen;
        for (const ds::ClassNode& n : graph.nodes)
            if (seen.insert(n.name).second) out.classes.push_back(n);
        out.bases = graph.edges;
        for (const ds::StateEntry& e : ds::object_state(w, obj))
            out.state_names << QString::fromStdString(e.name);
        for (const ds::StoreState& st : ds::store_states(w)) {
            out.store_words << QString::fromStdString(st.name);
            for (const ds::StoreEntry& e : st.entries)
                out.store_words << QString::fromStdString(e.key);
        }
        out.script_steps = loaded.session->script_size();
        obj = ds::Value(); // released before the World it lives in
        loaded.session.reset();
    });
    return out;
}

// The document's text (every <text> and <tspan>), after checking that it parses.
QString svgText(const QByteArray& svg) {
    QXmlStreamReader xml(svg);
    QString text;
    bool in_text = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) in_text = true;
        if (xml.isEndElement() && xml.name() == QLatin1String("text")) in_text = false;
        if (xml.isCharacters() && in_text) text += xml.text().toString() + "\n";
    }
    if (xml.hasError()) {
        qWarning("SVG does not parse: %s", qPrintable(xml.errorString()));
        return {};
    }
    return text;
}

int pdfPages(const QByteArray& pdf) {
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
    return int(QString::fromLatin1(pdf).count(page));
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir dir_;
    QString out(const QString& name) const { return dir_.filePath(name); }

  private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    // ---- every view x format, validated by a reader of the format --------------------------

    void picture_data() {
        QTest::addColumn<int>("demo");
        QTest::addColumn<QString>("view");
        for (int d = 0; d < int(kDemos.size()); ++d)
            for (const char* view : {"mro", "chain", "dict", "store"})
                QTest::addRow("%s %s", qPrintable(kDemos[size_t(d)].file), view)
                    << d << QString(view);
    }

    void picture() {
        QFETCH(int, demo);
        QFETCH(QString, view);
        const Demo& d = kDemos[size_t(demo)];
        const Expected want = expected(d);
        QVERIFY(!want.classes.empty());
        const QString base = QFileInfo(d.file).completeBaseName() + "-" + view;
        QStringList common = {"export", kDemoDir + "/" + d.file, "--view", view};
        if (view != "store") common << "--target" << d.target << "--attr" << d.attr; // stores: all

        // SVG: parses, Qt's renderer accepts it, and the text is text.
        const QString svg_path = out(base + ".svg");
        Run r = cli(common + QStringList{"--format", "svg", "-o", svg_path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        const QByteArray svg = read(svg_path);
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        const QString text = svgText(svg);
        QVERIFY(!text.isEmpty());
        QStringList must;
        if (view == "mro")
            for (const ds::ClassNode& n : want.classes) must << QString::fromStdString(n.name);
        if (view == "chain") must << d.attr;
        if (view == "dict") must = QStringList{d.target} + want.state_names;
        if (view == "store")
            must = want.store_words.isEmpty() ? QStringList{"This model has no stores."}
                                              : want.store_words;
        for (const QString& word : must)
            QVERIFY2(text.contains(word), qPrintable(word + " missing in " + base));

        // PNG at 1x, 2x, 4x: the SVG's picture, scale times as many pixels.
        const QSizeF size = renderer.viewBoxF().size();
        QVERIFY(size.width() > 50 && size.height() > 50);
        for (int scale : {1, 2, 4}) {
            const QString png_path = out(base + QString("@%1x.png").arg(scale));
            QCOMPARE(cli(common + QStringList{"--format", "png", "--scale", QString::number(scale),
                                              "-o", png_path})
                         .code,
                     0);
            QImage image(png_path);
            QVERIFY(!image.isNull());
            QCOMPARE(image.size(), QSize(int(std::ceil(size.width() * scale)),
                                         int(std::ceil(size.height() * scale))));
            QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2).isValid());
        }

        // PDF: one page of the picture's size, fonts embedded.
        const QString pdf_path = out(base + ".pdf");
        QCOMPARE(cli(common + QStringList{"--format", "pdf", "-o", pdf_path}).code, 0);
        const QByteArray pdf = read(pdf_path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QCOMPARE(pdfPages(pdf), 1);
        QVERIFY(pdf.contains("/FontFile2")); // TrueType fonts embedded: text stays text
    }

    // The handout: the title page, then one page per script step.
    void handout_data() {
        QTest::addColumn<int>("demo");
        for (int d = 0; d < int(kDemos.size()); ++d)
            QTest::addRow("%s", qPrintable(kDemos[size_t(d)].file)) << d;
    }

    void handout() {
        QFETCH(int, demo);
        const Demo& d = kDemos[size_t(demo)];
        const Expected want = expected(d);
        QVERIFY(want.script_steps > 0);
        const QString path = out(QFileInfo(d.file).completeBaseName() + "-lesson.pdf");
        Run r = cli(
            {"export", kDemoDir + "/" + d.file, "--view", "lesson", "--format", "pdf", "-o", path});
        QCOMPARE(r.code, 0);
        const QByteArray pdf = read(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QCOMPARE(pdfPages(pdf), int(want.script_steps) + 1);
        QVERIFY(pdf.contains("/FontFile2"));
    }

    // With poppler's pdftotext (scripts/setup.sh installs it): the handout's text is text.
    void handoutTextIsSelectable() {
        const QString pdftotext = QStandardPaths::findExecutable("pdftotext");
        if (pdftotext.isEmpty()) QSKIP("pdftotext (poppler-utils) is not installed");
        const QString path = out("selectable.pdf");
        QCOMPARE(
            cli({"export", kDemoDir + "/descriptor-protocol.json", "--view", "lesson", "-o", path})
                .code,
            0);
        QProcess p;
        p.start(pdftotext, {"-f", "2", "-l", "2", path, "-"});
        QVERIFY(p.waitForFinished(30000));
        const QString page2 = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(page2.contains("Step 1 of 29"), qPrintable(page2));
        // The statement, its result and its chain.
        QVERIFY2(page2.contains(">>> foo.full_name"), qPrintable(page2));
        QVERIFY2(page2.contains("→ 'Keanu Reeves'"), qPrintable(page2));
        QVERIFY2(page2.contains("data descriptor"), qPrintable(page2));
    }

    // ---- the MRO graph as text --------------------------------------------------------------

    void dot_data() { handout_data(); }

    // Graphviz reads the file back: one node per class named by the class and labelled with its
    // C3 position, and each class's base edges in declared order.
    void dot() {
        QFETCH(int, demo);
        const Demo& d = kDemos[size_t(demo)];
        const Expected want = expected(d);
        const QString path = out(QFileInfo(d.file).completeBaseName() + ".dot");
        QCOMPARE(cli({"export", kDemoDir + "/" + d.file, "--view", "mro", "--target", d.target,
                      "--format", "dot", "-o", path})
                     .code,
                 0);
        const QByteArray text = read(path);
        Agraph_t* g = agmemread(text.constData());
        QVERIFY2(g, text.constData());
        QVERIFY(agisdirected(g));
        QCOMPARE(agnnodes(g), int(want.classes.size()));
        for (const ds::ClassNode& n : want.classes) {
            Agnode_t* node = agnode(g, const_cast<char*>(n.name.c_str()), 0);
            QVERIFY2(node, n.name.c_str());
            const QString label = QString::fromUtf8(agget(node, const_cast<char*>("label")));
            const QString name = QString::fromStdString(n.name);
            QCOMPARE(label, n.mro_index >= 0 ? QString("%1: %2").arg(n.mro_index).arg(name) : name);
        }
        // Bases in declared order: each class's inheritance out-edges, in file order.
        std::map<std::string, std::vector<std::string>> declared, written;
        for (const ds::ClassEdge& e : want.bases) {
            auto& v = declared[e.subclass];
            if (v.size() <= size_t(e.order)) v.resize(size_t(e.order) + 1);
            v[size_t(e.order)] = e.base;
        }
        for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n))
            for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e))
                if (QByteArray(agget(e, const_cast<char*>("style"))) != "dashed")
                    written[agnameof(agtail(e))].push_back(agnameof(aghead(e)));
        QCOMPARE(written.size(), declared.size());
        for (const auto& [cls, bases] : declared) QVERIFY2(written[cls] == bases, cls.c_str());
        QCOMPARE(QByteArray(agget(g, const_cast<char*>("rankdir"))), QByteArray("BT"));
        QCOMPARE(QByteArray(agget(g, const_cast<char*>("ordering"))), QByteArray("out"));
        agclose(g);
    }

    void mermaid_data() { handout_data(); }

    // A structural check of Mermaid's flowchart grammar (Mermaid's own parser needs a browser
    // DOM): the header, one node per class with its label, edges in declared base order.
    void mermaid() {
        QFETCH(int, demo);
        const Demo& d = kDemos[size_t(demo)];
        const Expected want = expected(d);
        const QString path = out(QFileInfo(d.file).completeBaseName() + ".mmd");
        QCOMPARE(cli({"export", kDemoDir + "/" + d.file, "--view", "mro", "--target", d.target,
                      "--format", "mermaid", "-o", path})
                     .code,
                 0);
        const QStringList lines = QString::fromUtf8(read(path)).split('\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        QCOMPARE(lines.first(), QString("flowchart BT"));
        static const QRegularExpression node_line("^    (n\\d+)\\[\"([^\"]*)\"\\]$");
        static const QRegularExpression edge_line(
            "^    (n\\d+) (-->|-\\. metaclass \\.->) (n\\d+)$");
        static const QRegularExpression style_line(
            "^    (classDef \\w+ [\\w:#,.\\-]+|class [n\\d,]+ \\w+)$");
        std::map<QString, QString> class_of; // node id -> class name
        std::map<std::string, std::vector<std::string>> written;
        for (int i = 1; i < lines.size(); ++i) {
            const QString& line = lines[i];
            if (QRegularExpressionMatch m = node_line.match(line); m.hasMatch()) {
                class_of[m.captured(1)] = m.captured(2).section(": ", -1);
            } else if (QRegularExpressionMatch m = edge_line.match(line); m.hasMatch()) {
                QVERIFY2(class_of.count(m.captured(1)) && class_of.count(m.captured(3)),
                         qPrintable(line));
                if (m.captured(2) == "-->")
                    written[class_of[m.captured(1)].toStdString()].push_back(
                        class_of[m.captured(3)].toStdString());
            } else {
                QVERIFY2(style_line.match(line).hasMatch(),
                         qPrintable("not Mermaid flowchart: " + line));
            }
        }
        QCOMPARE(class_of.size(), want.classes.size());
        std::map<std::string, std::vector<std::string>> declared;
        for (const ds::ClassEdge& e : want.bases) {
            auto& v = declared[e.subclass];
            if (v.size() <= size_t(e.order)) v.resize(size_t(e.order) + 1);
            v[size_t(e.order)] = e.base;
        }
        QVERIFY(written == declared);
    }

    // Mermaid's own parser, when it is at hand: DS_MERMAID_DIR names a folder where
    // `npm install mermaid jsdom` was run (no network is needed once it is there).
    void mermaidParser() {
        const QString node = QStandardPaths::findExecutable("node");
        const QString modules = qEnvironmentVariable("DS_MERMAID_DIR");
        if (node.isEmpty() || modules.isEmpty())
            QSKIP(
                "Mermaid's parser needs node and DS_MERMAID_DIR (npm install mermaid jsdom there)");
        QStringList files;
        for (const Demo& d : kDemos) {
            files << out(QFileInfo(d.file).completeBaseName() + "-parsed.mmd");
            QCOMPARE(cli({"export", kDemoDir + "/" + d.file, "--view", "mro", "--target", d.target,
                          "--attr", d.attr, "--format", "mermaid", "-o", files.last()})
                         .code,
                     0);
        }
        QProcess p;
        p.start(node,
                QStringList{DS_SOURCE_DIR "/tests/export/mermaid_parse.mjs", modules} + files);
        QVERIFY(p.waitForFinished(60000));
        const QByteArray said = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, said.constData());
        QCOMPARE(said.count("ok flowchart"), qsizetype(files.size()));
    }

    // ---- errors: exit codes, messages, nothing half-written --------------------------------

    void errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString m = kDemoDir + "/descriptor-protocol.json";
        QTest::newRow("bad view")
            << QStringList{m, "--view", "table", "--format", "svg"} << 2
            << "unknown view 'table': --view must be mro, chain, dict, store, lesson";
        QTest::newRow("no view") << QStringList{m, "--format", "svg"} << 2 << "missing --view";
        QTest::newRow("bad format")
            << QStringList{m, "--view", "mro", "--format", "gif"} << 2
            << "unknown format 'gif': --format must be svg, png, pdf, dot or mermaid";
        QTest::newRow("dot of a chain")
            << QStringList{m,        "--view", "chain",    "--target", "foo",
                           "--attr", "x",      "--format", "dot"}
            << 2 << "--format dot draws the mro view only";
        QTest::newRow("svg handout") << QStringList{m, "--view", "lesson", "--format", "svg"} << 2
                                     << "the lesson handout is a PDF: use --format pdf";
        QTest::newRow("chain without target")
            << QStringList{m, "--view", "chain", "--attr", "x", "--format", "svg"} << 2
            << "--view chain needs --target NAME";
        QTest::newRow("chain without attr")
            << QStringList{m, "--view", "chain", "--target", "foo", "--format", "svg"} << 2
            << "--view chain needs --attr NAME";
        QTest::newRow("missing target")
            << QStringList{m, "--view", "dict", "--target", "nobody", "--format", "svg"} << 2
            << "has no object named 'nobody'";
        QTest::newRow("not a store") << QStringList{kDemoDir + "/external-storage.json",
                                                    "--view",
                                                    "store",
                                                    "--target",
                                                    "ada",
                                                    "--format",
                                                    "svg"}
                                     << 2 << "'ada' is not a store of";
        QTest::newRow("bad scale")
            << QStringList{m, "--view", "mro", "--format", "png", "--scale", "0"} << 2
            << "--scale must be a number from 1 to 8";
        QTest::newRow("bad op") << QStringList{m,   "--view", "chain", "--target", "foo", "--attr",
                                               "x", "--op",   "del",   "--format", "svg"}
                                << 2 << "--op must be get, set or delete";
        QTest::newRow("model does not load")
            << QStringList{kDemoDir + "/no-such-model.json", "--view", "mro", "--format", "svg"}
            << 1 << "no-such-model.json";
    }

    void errors() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath("out.file");
        Run r = cli(QStringList{"export"} + args + QStringList{"-o", path});
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(QDir(dir.path()).isEmpty()); // nothing written
    }

    void help() {
        QProcess p;
        p.start(kCli, {"export", "--help"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("usage: dunderscope export MODEL.json --view "
                                                     "mro|chain|dict|store|lesson"));
    }

    void missingOutput() {
        Run r = cli({"export", kDemoDir + "/diamond.json", "--view", "mro", "--format", "svg"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("missing -o FILE"), r.err.constData());
    }

    // An output that cannot be written: exit 3, said so, and no file (not even a temporary one).
    void unwritableOutput() {
        QTemporaryDir dir;
        QFile blocker(dir.filePath("not-a-dir"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString path = dir.filePath("not-a-dir/out.svg");
        Run r = cli(
            {"export", kDemoDir + "/diamond.json", "--view", "mro", "--format", "svg", "-o", path});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.startsWith("dunderscope: cannot write " + path.toUtf8()), r.err.constData());
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 QStringList{"not-a-dir"});

        // A directory where the file should go: it stays a directory, nothing beside it.
        QVERIFY(QDir(dir.path()).mkdir("taken"));
        r = cli({"export", kDemoDir + "/diamond.json", "--view", "mro", "--format", "svg", "-o",
                 dir.filePath("taken")});
        QCOMPARE(r.code, 3);
        QVERIFY(QFileInfo(dir.filePath("taken")).isDir());
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 (QStringList{"not-a-dir", "taken"}));
    }

    // Exporting over an existing file replaces it whole, with no temporary file left beside it.
    void replacesAtomically() {
        QTemporaryDir dir;
        const QString path = dir.filePath("graph.svg");
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old contents");
        old.close();
        QCOMPARE(cli({"export", kDemoDir + "/diamond.json", "--view", "mro", "--target", "Bottom",
                      "-o", path})
                     .code,
                 0);
        const QByteArray now = read(path);
        QVERIFY(now.contains("<svg"));
        QVERIFY(!now.contains("old contents"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 QStringList{"graph.svg"});
    }

    // The format comes from the file's extension when --format is left out.
    void formatFromExtension() {
        const QString path = out("from-extension.png");
        QCOMPARE(cli({"export", kDemoDir + "/diamond.json", "--view", "mro", "-o", path}).code, 0);
        QVERIFY(read(path).startsWith("\x89PNG"));
    }

    // --run: the state after the statements, and the chain of what the last one did.
    void runStatements() {
        const QString path = out("after-run.svg");
        QCOMPARE(cli({"export", kDemoDir + "/descriptor-protocol.json", "--view", "dict",
                      "--target", "foo", "--run", "foo.nickname = 'Neo'", "-o", path})
                     .code,
                 0);
        QVERIFY(svgText(read(path)).contains("nickname"));
        const QString chain = out("after-run-chain.svg");
        QCOMPARE(
            cli({"export", kDemoDir + "/descriptor-protocol.json", "--view", "chain", "--target",
                 "foo", "--attr", "full_name", "--run", "foo.full_name", "-o", chain})
                .code,
            0);
        QVERIFY(svgText(read(chain))
                    .contains("'Keanu Reeves'")); // the run's result, not only the static chain
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
