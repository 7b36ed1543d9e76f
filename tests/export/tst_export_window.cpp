// The window's exports (offscreen): the menu actions, which view is "current", Copy as image
// (PNG and SVG on the clipboard), Export current view in each format, the lesson handout, and
// the window's DOT equal to the command line's for the same selection (one drawing path).

#include "chainview.h"
#include "exportactions.h"
#include "mainwindow.h"
#include "mrograph.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QMimeData>
#include <QProcess>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ds;

namespace {

const QString kDemo = QStringLiteral(DS_SOURCE_DIR "/resources/demos/descriptor-protocol.json");

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExportWindow : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir dir_;
    std::unique_ptr<MainWindow> window_;

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QCoreApplication::setOrganizationName("DunderscopeTest");
        window_ = std::make_unique<MainWindow>();
        QVERIFY(window_->open_model(kDemo));
        window_->run_statement("foo.full_name");
        window_->select_object("foo");
        window_->select_attribute("full_name");
        window_->resize(1400, 900);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }

    void cleanupTestCase() { window_.reset(); }

    void actionsAreInTheMenus() {
        for (const char* name : {"exportView", "exportHandout", "copyImage"}) {
            auto* action = window_->findChild<QAction*>(name);
            QVERIFY2(action, name);
            QVERIFY(!action->associatedObjects().isEmpty()); // in a menu
        }
    }

    // The graph until the user clicks another view; then the clicked one.
    void currentViewFollowsClicks() {
        QCOMPARE(current_export_view(*window_), static_cast<QWidget*>(window_->graph_view()));
        QTest::mouseClick(window_->chain_view(), Qt::LeftButton, {}, QPoint(20, 20));
        QCOMPARE(current_export_view(*window_), static_cast<QWidget*>(window_->chain_view()));
        QTest::mouseClick(window_->graph_view()->viewport(), Qt::LeftButton, {}, QPoint(5, 5));
        QCOMPARE(current_export_view(*window_), static_cast<QWidget*>(window_->graph_view()));
    }

    void copyAsImage() {
        window_->findChild<QAction*>("copyImage")->trigger();
        const QMimeData* data = QApplication::clipboard()->mimeData();
        QVERIFY(data);
        QVERIFY(data->hasImage());
        QVERIFY(data->hasFormat("image/png"));
        QVERIFY(data->hasFormat("image/svg+xml"));
        QSvgRenderer svg(data->data("image/svg+xml"));
        QVERIFY(svg.isValid());
        QVERIFY(data->data("image/svg+xml").contains(">Person</text>"));
        QImage png = QImage::fromData(data->data("image/png"), "PNG");
        const QSizeF scene = window_->graph_view()->graph_scene()->sceneRect().size();
        QCOMPARE(png.size(),
                 QSize(int(std::ceil(scene.width() * 2)), int(std::ceil(scene.height() * 2))));
    }

    void exportEachFormat() {
        QString error;
        const QString svg = dir_.filePath("graph.svg"), png = dir_.filePath("graph.png"),
                      pdf = dir_.filePath("graph.pdf"), dot = dir_.filePath("graph.dot"),
                      mmd = dir_.filePath("graph.mmd");
        QVERIFY(export_current_view(*window_, svg, ExportFormat::Svg, 1, &error));
        QVERIFY(QSvgRenderer(svg).isValid());
        QVERIFY(export_current_view(*window_, png, ExportFormat::Png, 4, &error));
        const QSizeF scene = window_->graph_view()->graph_scene()->sceneRect().size();
        QCOMPARE(QImage(png).size(),
                 QSize(int(std::ceil(scene.width() * 4)), int(std::ceil(scene.height() * 4))));
        QVERIFY(export_current_view(*window_, pdf, ExportFormat::Pdf, 1, &error));
        QVERIFY(read(pdf).startsWith("%PDF-"));
        QVERIFY(export_current_view(*window_, dot, ExportFormat::Dot, 1, &error));
        QVERIFY(read(dot).startsWith("digraph"));
        QVERIFY(export_current_view(*window_, mmd, ExportFormat::Mermaid, 1, &error));
        QVERIFY(read(mmd).startsWith("flowchart BT\n"));

        // The window's graph is the command line's graph for the same selection.
        const QString cli_dot = dir_.filePath("cli.dot");
        QCOMPARE(QProcess::execute(DS_DUNDERSCOPE,
                                   {"export", kDemo, "--view", "mro", "--target", "foo", "--attr",
                                    "full_name", "--format", "dot", "-o", cli_dot}),
                 0);
        QCOMPARE(read(dot), read(cli_dot));

        // DOT and Mermaid draw only the graph.
        QTest::mouseClick(window_->chain_view(), Qt::LeftButton, {}, QPoint(20, 20));
        QVERIFY(!export_current_view(*window_, dir_.filePath("chain.dot"), ExportFormat::Dot, 1,
                                     &error));
        QCOMPARE(error, QString("DOT and Mermaid draw the MRO graph only"));
        QVERIFY(!QFile::exists(dir_.filePath("chain.dot")));
        QVERIFY(export_current_view(*window_, dir_.filePath("chain.svg"), ExportFormat::Svg, 1,
                                    &error));
        QVERIFY(read(dir_.filePath("chain.svg")).contains("full_name"));
    }

    void handout() {
        QString error;
        const QString path = dir_.filePath("handout.pdf");
        QVERIFY2(export_handout(*window_, path, &error), qPrintable(error));
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
        QCOMPARE(QString::fromLatin1(read(path)).count(page), 29 + 1); // the demo's 29 steps
    }
};

QTEST_MAIN(TestExportWindow)
#include "tst_export_window.moc"
