// The real window, driven as a user would (offscreen): open a demo, select, type into the
// console, watch the instance view and the chain view change; edit the model; reload.
#include "attributetable.h"
#include "chainview.h"
#include "console.h"
#include "errorlist.h"
#include "ioreplay.h"
#include "mainwindow.h"
#include "modeleditor.h"
#include "modeltree.h"
#include "mrograph.h"
#include "stateview.h"
#include "storeview.h"
#include "theme.h"
#include "tokenoverlay.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ds;

static const QString kDemo = DS_SOURCE_DIR "/resources/demos/descriptor-protocol.json";
static const QString kStorageDemo = DS_SOURCE_DIR "/resources/demos/external-storage.json";

class TestWindow : public QObject {
    Q_OBJECT

    // WCAG's contrast ratio of two colours: 1 (none) to 21 (black on white).
    static double contrast(const QColor& a, const QColor& b) {
        auto luminance = [](const QColor& c) {
            auto channel = [](double v) {
                return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
            };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
                   0.0722 * channel(c.blueF());
        };
        const double la = luminance(a), lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    }

    // Runs `dunderscope ARGS --screenshot FILE` offscreen; the size of the PNG it wrote (an
    // invalid size when it failed or wrote nothing).
    static QSize screenshot_size(QStringList args) {
        QTemporaryDir dir;
        const QString png = dir.filePath("shot.png");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        p.setProcessEnvironment(env);
        p.start(DS_DUNDERSCOPE, args << "--screenshot" << png);
        if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
        return QImage(png).size();
    }

    // Types a statement into the console's input and presses Enter, as a user does.
    static void type_statement(MainWindow& w, const QString& statement) {
        QPlainTextEdit* input = nullptr; // the statement line: the console's editable text box
        for (QPlainTextEdit* edit : w.console()->findChildren<QPlainTextEdit*>())
            if (!edit->isReadOnly()) input = edit;
        QVERIFY(input);
        input->setFocus();
        QTest::keyClicks(input, statement);
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_COMPARE(w.console()->history().value(w.console()->history().size() - 1), statement);
    }

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("DunderscopeTest"); // keep the user's settings out
        QCoreApplication::setApplicationName("tst_window");
        QSettings().clear(); // a replay speed or layout saved by an earlier run must not leak in
    }

    void opens_the_demo_with_every_pane_populated() {
        MainWindow w;
        QVERIFY(w.open_model(kDemo));
        QVERIFY(w.has_model());
        QCOMPARE(w.selected_object(), QString("foo")); // the first instance
        QCOMPARE(w.state_view()->object_name(), QString("foo"));
        QVERIFY(!w.chain_view()->stages().isEmpty());
        QVERIFY(w.windowTitle().contains("Dunderscope"));
    }

    // Seed 000: a read-through shows in the store pane (counters, the step replayed on the
    // timeline) and a live control (take the store down) changes what the next read does.
    void store_pane_replays_io_and_live_controls_work() {
        MainWindow w;
        QVERIFY(w.open_model(DS_SOURCE_DIR "/resources/demos/external-storage.json"));
        QCOMPARE(w.store_view()->stores().size(), size_t(2));
        w.set_replay_speed(1.0);
        QSignalSpy started(w.replay(), &IoReplay::stepStarted);
        type_statement(w, "ada.email");
        QCOMPARE(w.store_view()->stores().at(0).counters.reads, 1);
        QCOMPARE(w.replay()->steps().size(), size_t(2)); // read hit, cache fill
        QCOMPARE(w.replay()->steps().at(0).step.kind, IoKind::ReadHit);
        w.replay()->seek(10);
        QVERIFY(w.store_view()->activity().has_value());
        w.replay()->finish();
        QCOMPARE(started.count(), 2);
        QVERIFY(!w.store_view()->activity().has_value());
        emit w.store_view()->downRequested("store", true);
        QVERIFY(w.store_view()->stores().at(0).down);
        StatementResult r = w.run_statement("ada.name");
        QCOMPARE(QString::fromStdString(r.error_message), QString("store 'store' is unavailable"));
        // The chain says the lookup raised (the descriptor's store call failed inside it).
        QCOMPARE(w.selected_object(), QString("ada"));
        QVERIFY(w.chain_view()->result_is_error());
        QCOMPARE(w.chain_view()->result(),
                 QString("ConnectionError: store 'store' is unavailable"));
        QCOMPARE(w.store_view()->stores().at(0).counters.failures, 1);
    }

    // Everything a user can see of the lesson's state: every named object's __dict__ (with
    // the instance view's cache/stale tags for the shown one), the stores, the selection.
    static QStringList lesson_snapshot(MainWindow& w) {
        QStringList out;
        World& world = w.session()->world();
        for (const NamedObject& o : model_objects(world))
            if (o.kind == ObjectKind::Instance)
                for (const StateEntry& e : object_state(world, o.value))
                    out << QString::fromStdString(o.name + "." + e.name + " = " + e.repr);
        for (const StoreState& s : store_states(world)) {
            out << QString("%1 reads %2 writes %3 failures %4 down %5")
                       .arg(QString::fromStdString(s.name))
                       .arg(s.counters.reads)
                       .arg(s.counters.writes)
                       .arg(s.counters.failures)
                       .arg(s.down);
            for (const StoreEntry& e : s.entries)
                out << QString::fromStdString(s.name + "[" + e.key + "] = " + e.repr);
        }
        out << "selected " + w.selected_object() + "." + w.attribute_table()->selected_attribute() +
                   " " + w.chain_view()->op();
        QAbstractItemModel* m = w.state_view()->model();
        for (int r = 0; r < m->rowCount(); ++r)
            out << "shown " + m->index(r, 0).data().toString() + " " +
                       m->index(r, 1).data().toString() + " " +
                       m->index(r, 0).data(StateView::TagRole).toString();
        return out;
    }

    // Seed 000 as a lesson: Next plays a statement, Back returns to exactly the state the
    // steps before it left (the model reloaded and the script replayed silently).
    void lesson_next_and_back_reproduce_identical_state() {
        MainWindow w;
        QVERIFY(w.open_model(kStorageDemo));
        w.set_replay_speed(IoReplay::kInstant);
        QCOMPARE(w.lesson_length(), 25);
        QStringList after[26];
        after[0] = lesson_snapshot(w);
        for (int step = 1; step <= 13; ++step) {
            w.lesson_next();
            QCOMPARE(w.lesson_step(), step);
            after[step] = lesson_snapshot(w);
            // What each step cost in hidden I/O, said in the status line.
            const QString status = w.statusBar()->findChild<QLabel*>()->text();
            if (step == 1) QCOMPARE(status, QString("ada.email: 1 store read, 1 cache fill"));
            if (step == 3)
                QCOMPARE(status, QString("ada.email: no store call (store 'store' not asked)"));
        }
        QVERIFY(after[13] != after[12]);         // ada.email after invalidation: read through again
        for (int step = 12; step >= 6; --step) { // 7 is a set: the chain's operation comes back too
            w.lesson_back();
            QCOMPARE(w.lesson_step(), step);
            QCOMPARE(lesson_snapshot(w), after[step]);
        }
        // Step 10 wrote to the store behind ada's back: at step 11 ada answers from a stale copy,
        // and the instance view says so.
        QVERIFY(after[11].contains("shown _email_cached 'ada@analytical.org' stale"));
        // The step list highlights the last step played.
        QCOMPARE(w.lesson_steps()->currentRow(), 5);
        w.lesson_go_to(0);
        QCOMPARE(lesson_snapshot(w), after[0]);
    }

    // The lesson by keyboard alone: Space and Right play the next step, Left goes back; in the
    // console the same keys still type.
    void lesson_is_played_by_keyboard() {
        MainWindow w;
        QVERIFY(w.open_model(kStorageDemo));
        w.set_replay_speed(IoReplay::kInstant);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.lesson_steps()->setFocus();
        QTest::keyClick(w.lesson_steps(), Qt::Key_Space);
        QCOMPARE(w.lesson_step(), 1);
        QTest::keyClick(w.lesson_steps(), Qt::Key_Right);
        QCOMPARE(w.lesson_step(), 2);
        QTest::keyClick(w.lesson_steps(), Qt::Key_Left);
        QCOMPARE(w.lesson_step(), 1);
        type_statement(w, "ada.roles");
        QCOMPARE(w.lesson_step(), 1); // the space and arrows went into the console
    }

    // At 1x, statement 1 (`ada.email`, a read-through) replays at the store's latency: the
    // value token travels from the store while the instance view still shows the state before
    // the read; the cache fill then lands in the instance view, which flashes it.
    void replay_animates_read_fill_and_invalidation_at_store_latency() {
        MainWindow w;
        QVERIFY(w.open_model(kStorageDemo));
        w.resize(1600, 960);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.set_replay_speed(1.0);
        w.lesson_next();
        const auto& steps = w.replay()->steps();
        QCOMPARE(steps.size(), size_t(2));
        QCOMPARE(steps[0].step.kind, IoKind::ReadHit);
        QCOMPARE(steps[0].duration_ms, 500); // the demo store's latency
        QCOMPARE(steps[1].step.kind, IoKind::CacheFill);
        w.replay()->seek(250);
        QVERIFY(w.token_overlay()->token().has_value());
        QCOMPARE(w.token_overlay()->token()->text, QString("'\"ada@example.org\"'"));
        QCOMPARE(w.state_view()->model()->rowCount(), 1); // only id: the read is in flight
        w.replay()->seek(600);
        QVERIFY(!w.token_overlay()->token().has_value());
        QCOMPARE(w.state_view()->model()->rowCount(), 2);
        QVERIFY(w.state_view()->flashing_names().contains("_email_cached"));
        w.replay()->finish();
        QCOMPARE(w.state_view()->model()->rowCount(), 2);

        // Statement 12 invalidates: the cached entry fades out, then is gone.
        w.set_replay_speed(IoReplay::kInstant);
        w.lesson_go_to(11);
        w.set_replay_speed(1.0);
        w.lesson_next();
        QCOMPARE(w.selected_object(), QString("ada")); // the object whose cache changed
        QCOMPARE(w.replay()->steps().size(), size_t(1));
        QCOMPARE(w.replay()->steps()[0].step.kind, IoKind::Invalidation);
        w.replay()->seek(150);
        QAbstractItemModel* m = w.state_view()->model();
        int row = -1;
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, 0).data().toString() == "_email_cached") row = r;
        QVERIFY(row >= 0);
        QVERIFY(m->index(row, 0).data(Qt::FontRole).value<QFont>().strikeOut());
        w.replay()->finish();
        for (int r = 0; r < m->rowCount(); ++r)
            QVERIFY(m->index(r, 0).data().toString() != "_email_cached");
    }

    // Attributes backed by a store carry a badge; its context menu's "invalidate" calls the
    // descriptor's invalidate (as a console statement) and the cached copy goes.
    void store_badge_and_invalidate_from_the_attribute_table() {
        MainWindow w;
        QVERIFY(w.open_model(kStorageDemo));
        w.set_replay_speed(IoReplay::kInstant);
        w.lesson_next(); // ada.email: read through, cached
        QCOMPARE(w.selected_object(), QString("ada"));
        QStandardItemModel* rows = w.attribute_table()->source_model();
        QMap<QString, QString> badges;
        for (int r = 0; r < rows->rowCount(); ++r)
            badges[rows->item(r)->text()] =
                rows->item(r)->data(AttributeTable::StoreRole).toString();
        QCOMPARE(badges.value("email"), QString("store"));
        QCOMPARE(badges.value("history"), QString("archive"));
        QCOMPARE(badges.value("id"), QString());
        QVERIFY(lesson_snapshot(w).contains("ada._email_cached = 'ada@example.org'"));
        emit w.attribute_table()->invalidateRequested("email");
        QTRY_VERIFY(!lesson_snapshot(w).contains("ada._email_cached = 'ada@example.org'"));
        QVERIFY(w.console()->transcript()->toPlainText().contains(
            ">>> vars(User)['email'].invalidate(ada)"));
    }

    void mid_animation_screenshot_with_step_and_offset() {
        QCOMPARE(screenshot_size({kStorageDemo, "--step", "1", "--at", "250", "--speed", "1",
                                  "--size", "1280x800"}),
                 QSize(1280, 800));
    }

    void selecting_in_the_tree_shows_that_object() {
        MainWindow w;
        QVERIFY(w.open_model(kDemo));
        QVERIFY(w.model_tree()->select("Person"));
        QTRY_COMPARE(w.selected_object(), QString("Person"));
        QCOMPARE(w.state_view()->object_name(), QString("Person"));
    }

    void console_statement_updates_instance_and_chain_views() {
        MainWindow w;
        w.show();
        QVERIFY(w.open_model(kDemo));
        w.select_object("foo");
        type_statement(w, "foo.__dict__['full_name'] = 'x'");
        QTRY_VERIFY(w.state_view()->flashing_names().contains("full_name"));
        QVERIFY(!w.state_view()->flashing_names().contains("first_name"));
        type_statement(w, "foo.full_name");
        QTRY_COMPARE(w.chain_view()->result(), QString("'Keanu Reeves'"));
        // The data descriptor wins over the instance __dict__ entry, which is shown shadowed.
        QVERIFY2(w.chain_view()->winner().contains("Person"), qPrintable(w.chain_view()->winner()));
        const QList<ChainView::Stage> stages = w.chain_view()->stages();
        QVERIFY(!stages.isEmpty());
        QCOMPARE(stages.first().name, QString("data descriptor"));
        QCOMPARE(stages.first().outcome, QString("hit"));
        bool dict_shadowed = false;
        for (const QString& s : w.chain_view()->shadowed())
            dict_shadowed |= s.contains("instance __dict__");
        QVERIFY2(dict_shadowed, qPrintable(w.chain_view()->shadowed().join(" | ")));
    }

    void console_shows_errors_as_the_repl_does() {
        MainWindow w;
        QVERIFY(w.open_model(kDemo));
        StatementResult r = w.run_statement("foo.nope");
        QVERIFY(!r.ok);
        QCOMPARE(QString::fromStdString(r.error_message),
                 QString("'Person' object has no attribute 'nope'"));
        QCOMPARE(w.chain_view()->result(),
                 QString("AttributeError: 'Person' object has no attribute 'nope'"));
    }

    void editor_marks_an_error_and_apply_loads_the_fix() {
        MainWindow w;
        QVERIFY(w.open_model(kDemo));
        ModelEditor* editor = w.editor();
        editor->set_validation_delay(10);
        const QString good = editor->text();
        QString broken = good;
        broken.replace("\"format\": \"dunderscope/1\",", "\"format\": \"dunderscope/1\"");
        QVERIFY(broken != good);
        auto* text = editor->findChild<QPlainTextEdit*>();
        QVERIFY(text);
        text->setPlainText(broken);
        QTRY_VERIFY(!editor->error_lines().isEmpty());
        QVERIFY(!w.apply_model_text(broken)); // rejected: the last good model stays
        QVERIFY(w.has_model());
        QVERIFY(w.error_list()->error_count() > 0);
        text->setPlainText(good);
        QTRY_VERIFY(editor->error_lines().isEmpty());
        QVERIFY(w.apply_model_text(good));
    }

    void failed_reload_keeps_the_last_good_model() {
        QTemporaryDir dir;
        const QString path = dir.filePath("model.json");
        QVERIFY(QFile::copy(kDemo, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        MainWindow w;
        QVERIFY(w.open_model(path));
        QCOMPARE(QString::fromStdString(w.run_statement("foo.first_name").repr.value_or("")),
                 QString("'Keanu'"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"format\": \"dunderscope/1\", \"classes\": [}");
        f.close();
        QVERIFY(!w.open_model(path));
        QVERIFY(w.has_model()); // still the last good model
        QVERIFY(w.error_list()->error_count() > 0);
        QCOMPARE(QString::fromStdString(w.run_statement("foo.first_name").repr.value_or("")),
                 QString("'Keanu'"));
    }

    void screenshot_option_renders_a_png_offscreen() {
        QCOMPARE(screenshot_size({kDemo, "--select", "foo", "--attr", "full_name", "--run",
                                  "foo.__dict__['full_name'] = 'x'", "--size", "1280x800"}),
                 QSize(1280, 800));
    }

    // Seed 003's what-if: Run ▸ PEP 549 what-if on `plain` (its class is `module`) makes the
    // property in its __dict__ run, with the extra stage in the chain; off is exact CPython.
    void pep549_what_if_toggle_changes_the_lookup() {
        MainWindow w;
        QVERIFY(w.open_model(DS_SOURCE_DIR "/resources/demos/module-properties.json"));
        auto* what_if = w.findChild<QAction*>("pep549WhatIf");
        QVERIFY(what_if);
        QVERIFY(what_if->isCheckable());
        QVERIFY(what_if->statusTip().contains("never adopted"));
        auto* status = w.statusBar()->findChild<QLabel*>();
        QVERIFY(status);
        auto stage_names = [&] {
            QStringList names;
            for (const ChainView::Stage& s : w.chain_view()->stages())
                names << s.name + " " + s.outcome + (s.winner ? " winner" : "");
            return names;
        };
        const QString what_if_stage = "instance descriptor (PEP 549 what-if) hit winner";

        w.select_object("plain");
        QVERIFY(!what_if->isChecked()); // off by default
        what_if->trigger();
        QVERIFY(what_if->isChecked());
        QCOMPARE(status->text(), QString("PEP 549 what-if on for module — not CPython behaviour"));
        StatementResult r = w.run_statement("plain.answer");
        QCOMPARE(QString::fromStdString(r.repr.value_or("")), QString("42"));
        QCOMPARE(w.chain_view()->result(), QString("42"));
        QVERIFY2(stage_names().contains(what_if_stage), qPrintable(stage_names().join(" | ")));
        // The checked state follows the selection's class.
        w.select_object("Settings");
        QVERIFY(!what_if->isChecked());
        w.select_object("plain");
        QVERIFY(what_if->isChecked());
        // The proposal covers set too: the property's __set__ takes the assignment.
        r = w.run_statement("plain.answer = 0");
        QCOMPARE(QString::fromStdString(r.error_message),
                 QString("property of 'module' object has no setter"));

        what_if->trigger();
        QVERIFY(!what_if->isChecked());
        QCOMPARE(status->text(),
                 QString("PEP 549 what-if off for module: exact CPython behaviour"));
        r = w.run_statement("plain.answer");
        QCOMPARE(QString::fromStdString(r.repr.value_or("")), QString("<property object>"));
        QCOMPARE(stage_names().mid(0, 2),
                 (QStringList{"data descriptor miss", "module __dict__ hit winner"}));
        QVERIFY(!stage_names().join(" ").contains("PEP 549"));
    }

    // Issue 4: F11 goes full screen with the high-contrast look and only the panes that tell the
    // lesson; F11 again (or Escape) puts back exactly the window there was.
    void presentation_mode_enters_and_leaves_exactly() {
        MainWindow w;
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w)); // window shortcuts need the active window
        QVERIFY(w.open_model(kDemo));
        auto* presentation = w.findChild<QAction*>("presentationMode");
        QVERIFY(presentation);
        QCOMPARE(presentation->shortcut(), QKeySequence(Qt::Key_F11));
        auto dock = [&](const char* name) { return w.findChild<QDockWidget*>(name); };
        dock("console")->hide(); // a layout of the user's own, to be put back as it was
        QMap<QString, bool> visible_before;
        for (QDockWidget* d : w.findChildren<QDockWidget*>())
            visible_before[d->objectName()] = d->isVisible();
        const theme::Palette normal = theme::palette();
        const double normal_font = theme::ui_font().pointSizeF();
        const double normal_line = theme::line_width(1.0);

        presentation->trigger();
        QVERIFY(w.windowState() & Qt::WindowFullScreen);
        for (const char* name : {"model", "attributes", "editor", "errors"})
            QVERIFY2(dock(name)->isHidden(), name);
        for (const char* name : {"lesson", "state"}) QVERIFY2(!dock(name)->isHidden(), name);
        QVERIFY(w.menuBar()->isHidden());
        QVERIFY(dock("stores")->isHidden()); // seed 002 has no stores
        // Keyboard only: the lesson's keys work with the menu bar gone.
        w.lesson_steps()->setFocus();
        QTest::keyClick(w.lesson_steps(), Qt::Key_Space);
        QCOMPARE(w.lesson_step(), 1);
        QTest::keyClick(w.lesson_steps(), Qt::Key_PageDown); // a presenter's clicker
        QCOMPARE(w.lesson_step(), 2);
        QTest::keyClick(w.lesson_steps(), Qt::Key_PageUp);
        QCOMPARE(w.lesson_step(), 1);
        const theme::Palette& high = theme::palette();
        QVERIFY(high.text != normal.text && high.accent != normal.accent);
        QVERIFY(contrast(high.text, high.background) >= 7.0);
        QVERIFY(contrast(high.muted, high.background) >= 7.0);
        QVERIFY(contrast(high.accent, high.background) >= 4.5);
        QVERIFY(contrast(high.error, high.background) >= 4.5);
        QVERIFY(theme::ui_font().pointSizeF() > normal_font * 1.5);
        QVERIFY(theme::line_width(1.0) > normal_line);
        QCOMPARE(w.graph_view()->graph_scene()->backgroundBrush().color(), high.background);

        QTest::keyClick(&w, Qt::Key_Escape); // Escape leaves too
        QVERIFY(!presentation->isChecked());
        QVERIFY(!(w.windowState() & Qt::WindowFullScreen));
        QVERIFY(w.menuBar()->isVisible());
        for (QDockWidget* d : w.findChildren<QDockWidget*>())
            QVERIFY2(d->isVisible() == visible_before.value(d->objectName()),
                     qPrintable(d->objectName()));
        QCOMPARE(theme::palette().text, normal.text);
        QCOMPARE(theme::palette().background, normal.background);
        QCOMPARE(theme::ui_font().pointSizeF(), normal_font);
        QCOMPARE(theme::line_width(1.0), normal_line);

        presentation->trigger(); // and F11 toggles back the same way
        QVERIFY(w.windowState() & Qt::WindowFullScreen);
        presentation->trigger();
        QVERIFY(!(w.windowState() & Qt::WindowFullScreen));
        QCOMPARE(theme::palette().text, normal.text);
    }
};

QTEST_MAIN(TestWindow)
#include "tst_window.moc"
