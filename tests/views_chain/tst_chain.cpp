// The precedence chain view and the console, offscreen with real demo models: the stages in
// CPython's order and their outcomes, the winner, the shadowed candidates, the result or the
// exception, the static answer; the console's Enter, history, completion and transcript.
// Saves pictures with real data for looking at: /tmp/chain_*.png.
#include "chainview.h"
#include "console.h"
#include "inspect.h"
#include "session.h"
#include "theme.h"

#include <QAbstractItemView>
#include <QBuffer>
#include <QSvgGenerator>
#include <QCompleter>
#include <QImage>
#include <QPainter>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTextBlock>
#include <QtTest>

#include <memory>

using namespace ds;

namespace {

std::unique_ptr<Session> load_demo(const char* file) {
    std::unique_ptr<Session> session;
    std::string path = std::string(DS_SOURCE_DIR) + "/resources/demos/" + file;
    run_with_large_stack([&] { session = load_model_file(path).session; });
    return session;
}

StatementResult run(Session& s, const std::string& code, bool trace = false) {
    StatementResult r;
    run_with_large_stack([&] {
        // (the model's heap is found through its types)
        r = s.run(code, trace);
    });
    return r;
}

Value global(Session& s, const std::string& name) {
    for (const NamedObject& o : model_objects(s.world()))
        if (o.name == name) return o.value;
    return Value();
}

std::vector<Event> static_chain(Session& s, const std::string& obj, const std::string& name,
                                const std::string& op) {
    std::vector<Event> out;
    run_with_large_stack([&] {
        out = static_lookup(s.world(), global(s, obj), name, op);
    });
    return out;
}

// Shows obj.name for op: static events first, then runs the statement with trace.
void show(ChainView& view, Session& s, const std::string& obj, const std::string& name,
          const std::string& op = "get", const std::string& value = "None") {
    auto st = static_chain(s, obj, name, op);
    std::string stmt = obj + "." + name;
    if (op == "set") stmt += " = " + value;
    if (op == "delete") stmt = "del " + stmt;
    StatementResult r = run(s, stmt, true);
    view.show_chain(QString::fromStdString(obj + "." + name), st, r.trace);
}

QStringList names(const QList<ChainView::Stage>& stages) {
    QStringList out;
    for (const auto& s : stages) out << s.name;
    return out;
}
QStringList outcomes(const QList<ChainView::Stage>& stages) {
    QStringList out;
    for (const auto& s : stages) out << s.outcome;
    return out;
}

void save(QWidget& w, const QString& path) {
    w.grab().save(path);
    qInfo("saved %s", qPrintable(path));
}

void grab_chain(ChainView& view, const QString& path, int width = 0) {
    if (width <= 0) width = view.sizeHint().width();
    view.resize(width, view.heightForWidth(width));
    save(view, path);
}

} // namespace

class TestChain : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QDir().mkpath(QStringLiteral("/tmp/ds-runtime")); }

    void data_descriptor_beats_instance_dict() {
        auto s = load_demo("descriptor-protocol.json");
        QVERIFY(s);
        QVERIFY(run(*s, "foo.__dict__['full_name'] = 'x'").ok);
        ChainView view;
        show(view, *s, "foo", "full_name");
        QVERIFY(view.has_run());
        QCOMPARE(view.op(), QStringLiteral("get"));
        const auto stages = view.stages();
        QCOMPARE(names(stages),
                 (QStringList{"data descriptor", "instance __dict__",
                              "non-data descriptor / class attribute", "__getattr__"}));
        QCOMPARE(outcomes(stages),
                 (QStringList{"hit", "not reached", "not reached", "not reached"}));
        QVERIFY(stages[0].winner);
        QVERIFY(!stages[1].winner);
        QCOMPARE(stages[0].checked.size(), 1); // Person has it; the scan stops there
        QVERIFY(stages[0].checked[0].startsWith("Person"));
        QVERIFY(stages[0].checked[0].contains("✓"));
        QVERIFY(stages[0].checked[0].contains("<property object>"));
        QVERIFY2(view.winner().contains("Person") && view.winner().contains("property"),
                 qPrintable(view.winner()));
        QVERIFY(view.winner().startsWith("data descriptor"));
        QCOMPARE(view.shadowed().size(), 1);
        QVERIFY2(view.shadowed()[0].contains("instance __dict__") &&
                     view.shadowed()[0].contains("'x'"),
                 qPrintable(view.shadowed()[0]));
        QCOMPARE(view.result(), QStringLiteral("'Keanu Reeves'"));
        QVERIFY(!view.result_is_error());
        // Static answer: the property itself, its __get__ not run.
        QCOMPARE(view.static_answer(), QStringLiteral("<property object>"));
        // The getter's own lookups are summarised, not drawn as chain stages.
        QVERIFY2(view.nested_summary().contains("property.__get__") &&
                     view.nested_summary().contains("2 nested lookups"),
                 qPrintable(view.nested_summary()));
        grab_chain(view, "/tmp/chain_full_name.png");
        grab_chain(view, "/tmp/chain_full_name_narrow.png", 480);

        // A scroll area sizes it by heightForWidth.
        QScrollArea area;
        area.setWidgetResizable(true);
        auto* inner = new ChainView;
        show(*inner, *s, "foo", "full_name");
        area.setWidget(inner);
        area.resize(700, 500);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QTRY_VERIFY(inner->height() >= inner->heightForWidth(inner->width()) - 1);
        QVERIFY(inner->height() > 500); // taller than the viewport: it scrolls
    }

    void cached_property_then_instance_dict() {
        auto s = load_demo("descriptor-protocol.json");
        QVERIFY(s);
        ChainView view;
        // First access: the non-data descriptor runs and prints.
        show(view, *s, "foo", "score");
        QCOMPARE(outcomes(view.stages()), (QStringList{"miss", "miss", "hit", "not reached"}));
        QCOMPARE(view.stages()[2].name, QStringLiteral("non-data descriptor"));
        QVERIFY(view.stages()[2].winner);
        QCOMPARE(view.result(), QStringLiteral("19.5"));
        QVERIFY2(view.nested_summary().startsWith("CachedProperty.__get__ ran"),
                 qPrintable(view.nested_summary()));
        QCOMPARE(view.static_answer(), QStringLiteral("<CachedProperty object>"));
        grab_chain(view, "/tmp/chain_score_first.png");

        // Second access: the instance __dict__ wins and hides the descriptor.
        show(view, *s, "foo", "score");
        QCOMPARE(names(view.stages())[1], QStringLiteral("instance __dict__"));
        QCOMPARE(outcomes(view.stages()),
                 (QStringList{"miss", "hit", "not reached", "not reached"}));
        QVERIFY(view.stages()[1].winner);
        QVERIFY2(view.winner().startsWith("instance __dict__"), qPrintable(view.winner()));
        QCOMPARE(view.shadowed().size(), 1);
        QVERIFY2(view.shadowed()[0].contains("non-data descriptor in Person") &&
                     view.shadowed()[0].contains("CachedProperty"),
                 qPrintable(view.shadowed()[0]));
        QCOMPARE(view.result(), QStringLiteral("19.5"));
        QCOMPARE(view.static_answer(), QStringLiteral("19.5"));
        QVERIFY(view.nested_summary().isEmpty());
        grab_chain(view, "/tmp/chain_score.png");
    }

    void attribute_error_shows_the_exception() {
        auto s = load_demo("descriptor-protocol.json");
        QVERIFY(s);
        ChainView view;
        show(view, *s, "foo", "nope");
        QCOMPARE(outcomes(view.stages()), (QStringList{"miss", "miss", "miss", "skipped"}));
        QVERIFY(view.winner().isEmpty());
        QVERIFY(view.result_is_error());
        QCOMPARE(view.result(),
                 QStringLiteral("AttributeError: 'Person' object has no attribute 'nope'"));
        QCOMPARE(view.static_answer(), view.result());
        grab_chain(view, "/tmp/chain_error.png");
    }

    void not_run_yet_uses_the_static_chain() {
        auto s = load_demo("descriptor-protocol.json");
        QVERIFY(s);
        ChainView view;
        view.show_chain("foo.full_name", static_chain(*s, "foo", "full_name", "get"), {});
        QVERIFY(!view.has_run());
        QCOMPARE(view.result(), QStringLiteral("not run yet"));
        QCOMPARE(outcomes(view.stages()),
                 (QStringList{"hit", "not reached", "not reached", "not reached"}));
        QVERIFY(view.winner().contains("Person"));
        QCOMPARE(view.static_answer(), QStringLiteral("<property object>"));
        grab_chain(view, "/tmp/chain_not_run.png");
        view.clear();
        QVERIFY(view.stages().isEmpty());
        QVERIFY(view.result().isEmpty());
    }

    void set_goes_through_the_data_descriptor() {
        auto s = load_demo("descriptor-protocol.json");
        QVERIFY(s);
        ChainView view;
        show(view, *s, "foo", "full_name", "set", "'agent smith'");
        QCOMPARE(view.op(), QStringLiteral("set"));
        QCOMPARE(names(view.stages()), (QStringList{"descriptor __set__", "instance __dict__"}));
        QCOMPARE(outcomes(view.stages()), (QStringList{"hit", "not reached"}));
        QVERIFY(view.stages()[0].winner);
        QCOMPARE(view.result(), QStringLiteral("property.__set__ ran"));
        QCOMPARE(view.static_answer(), QStringLiteral("<property object>"));
        grab_chain(view, "/tmp/chain_set_descriptor.png");
        // A plain instance attribute goes to the dict.
        show(view, *s, "foo", "nickname", "set", "'neo'");
        QCOMPARE(outcomes(view.stages()), (QStringList{"miss", "hit"}));
        QCOMPARE(view.result(), QStringLiteral("__dict__['nickname'] = 'neo'"));
        grab_chain(view, "/tmp/chain_set.png");
        // Delete through a property without a deleter.
        show(view, *s, "foo", "full_name", "delete");
        QCOMPARE(names(view.stages())[0], QStringLiteral("descriptor __delete__"));
        QVERIFY(view.result_is_error());
        QVERIFY2(view.result().startsWith(
                     "AttributeError: property 'full_name' of 'Person' object has no deleter"),
                 qPrintable(view.result()));
    }

    void classes_and_modules() {
        auto d = load_demo("diamond.json");
        QVERIFY(d);
        ChainView view;
        show(view, *d, "Bottom", "classes");
        QCOMPARE(names(view.stages()),
                 (QStringList{"metatype data descriptor", "class MRO", "metatype attribute"}));
        QCOMPARE(outcomes(view.stages()), (QStringList{"miss", "miss", "hit"}));
        QVERIFY(view.stages()[2].winner);
        QCOMPARE(view.stages()[1].checked.size(), 5); // Bottom Left Right Base object
        QVERIFY(view.stages()[1].checked[0].startsWith("Bottom"));
        QVERIFY(view.winner().contains("Registry"));
        grab_chain(view, "/tmp/chain_class.png");
        // A metatype data descriptor (a property on the metaclass) wins without a Winner event.
        show(view, *d, "Bottom", "kind");
        QCOMPARE(outcomes(view.stages()), (QStringList{"hit", "not reached", "not reached"}));
        QVERIFY(view.stages()[0].winner);
        QVERIFY(view.winner().contains("Registry"));
        QCOMPARE(view.result(), QStringLiteral("'class Bottom'"));

        auto m = load_demo("module-properties.json");
        QVERIFY(m);
        show(view, *m, "lazy", "nothing");
        QCOMPARE(names(view.stages()).last(), QStringLiteral("module __getattr__"));
        QCOMPARE(outcomes(view.stages()), (QStringList{"miss", "miss", "miss", "hit"}));
        QVERIFY(view.result_is_error());
        QVERIFY(view.static_answer().startsWith("runs code"));
        grab_chain(view, "/tmp/chain_module.png");
    }

    void getattr_getattribute_and_slots() {
        const char* text = R"json({"format": "dunderscope/1", "title": "hooks",
          "classes": [
            {"name": "G", "attrs": {"__getattr__": {"kind": "function",
               "source": "def __getattr__(self, name):\n    return 'dyn ' + name"}}},
            {"name": "GA", "attrs": {"__getattribute__": {"kind": "function",
               "source": "def __getattribute__(self, name):\n    return object.__getattribute__(self, name)"}}},
            {"name": "S", "attrs": {"__slots__": {"kind": "expr", "expr": "('a',)"}}}],
          "instances": [{"name": "g", "new": "G()"}, {"name": "ga", "new": "GA()"},
                        {"name": "s", "new": "S()"}]})json";
        std::unique_ptr<Session> m;
        run_with_large_stack([&] { m = load_model(text, "hooks.json").session; });
        QVERIFY(m);
        ChainView view;
        // __getattr__ runs when everything else missed; no Winner event, the stage decides.
        show(view, *m, "g", "zz");
        QCOMPARE(outcomes(view.stages()), (QStringList{"miss", "miss", "miss", "hit"}));
        QVERIFY(view.stages()[3].winner);
        QCOMPARE(view.result(), QStringLiteral("'dyn zz'"));
        QVERIFY(view.static_answer().startsWith("runs code"));
        grab_chain(view, "/tmp/chain_getattr.png");
        // A user __getattribute__ comes first and decides.
        QVERIFY(run(*m, "ga.x = 1").ok);
        show(view, *m, "ga", "x");
        QCOMPARE(names(view.stages()).first(), QStringLiteral("__getattribute__"));
        QCOMPARE(view.stages()[0].outcome, QStringLiteral("hit"));
        QVERIFY(view.stages()[0].winner);
        QCOMPARE(view.stages()[1].outcome, QStringLiteral("not reached"));
        QCOMPARE(view.result(), QStringLiteral("1"));
        QCOMPARE(view.static_answer(), QStringLiteral("1")); // the dicts, past the hook
        grab_chain(view, "/tmp/chain_getattribute.png");
        // An empty slot: the member descriptor wins, then raises.
        show(view, *m, "s", "a");
        QVERIFY(view.stages()[0].winner);
        QVERIFY(view.result_is_error());
        QCOMPARE(view.result(), QStringLiteral("AttributeError: 'S' object has no attribute 'a'"));
        grab_chain(view, "/tmp/chain_slot.png");
    }

    void render_to_any_painter() {
        auto s = load_demo("descriptor-protocol.json");
        QVERIFY(s);
        ChainView view;
        show(view, *s, "foo", "full_name");
        const int w = 800, h = view.heightForWidth(w);
        QVERIFY(h > 300);
        QImage image(w, h, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter p(&image);
        view.render_to(p, QRectF(0, 0, w, h));
        p.end();
        // The accent colour (the winner) is painted somewhere.
        const QColor accent = theme::palette().accent;
        bool found = false;
        for (int y = 0; y < h && !found; y += 2)
            for (int x = 0; x < w && !found; x += 2) found = image.pixelColor(x, y) == accent;
        QVERIFY(found);

        // The same code draws into SVG (issue 5's exports).
        QBuffer svg;
        svg.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&svg);
        generator.setSize(QSize(w, h));
        generator.setViewBox(QRect(0, 0, w, h));
        QPainter sp(&generator);
        view.render_to(sp, QRectF(0, 0, w, h));
        sp.end();
        QVERIFY(svg.data().contains("Keanu Reeves"));
        QVERIFY(svg.data().contains("data descriptor"));

        // Presentation zoom: everything grows.
        theme::set_zoom(1.5);
        view.apply_theme();
        QVERIFY(view.heightForWidth(w) > h);
        grab_chain(view, "/tmp/chain_zoomed.png");
        theme::set_zoom(1.0);
        view.apply_theme();
        QCOMPARE(view.heightForWidth(w), h);
    }

    void console_enter_emits_and_records_history() {
        ConsoleWidget console;
        console.show();
        QSignalSpy spy(&console, &ConsoleWidget::statementEntered);
        QTest::keyClicks(console.statement_edit(), "foo.full_name");
        QTest::keyClick(console.statement_edit(), Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].toString(), QStringLiteral("foo.full_name"));
        QVERIFY(console.statement().isEmpty());
        QTest::keyClicks(console.statement_edit(), "vars(foo)");
        QTest::keyClick(console.statement_edit(), Qt::Key_Enter);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(console.history(), (QStringList{"foo.full_name", "vars(foo)"}));
        // Empty statements are not run.
        QTest::keyClick(console.statement_edit(), Qt::Key_Return);
        QCOMPARE(spy.count(), 2);

        // Up recalls, Down walks back to the draft.
        QTest::keyClicks(console.statement_edit(), "dra");
        QTest::keyClick(console.statement_edit(), Qt::Key_Up);
        QCOMPARE(console.statement(), QStringLiteral("vars(foo)"));
        QTest::keyClick(console.statement_edit(), Qt::Key_Up);
        QCOMPARE(console.statement(), QStringLiteral("foo.full_name"));
        QTest::keyClick(console.statement_edit(), Qt::Key_Up);
        QCOMPARE(console.statement(), QStringLiteral("foo.full_name"));
        QTest::keyClick(console.statement_edit(), Qt::Key_Down);
        QCOMPARE(console.statement(), QStringLiteral("vars(foo)"));
        QTest::keyClick(console.statement_edit(), Qt::Key_Down);
        QCOMPARE(console.statement(), QStringLiteral("dra"));
        QTest::keyClick(console.statement_edit(), Qt::Key_Up);
        QTest::keyClick(console.statement_edit(), Qt::Key_Return); // run a recalled statement
        QCOMPARE(spy.count(), 3);
        QCOMPARE(spy[2][0].toString(), QStringLiteral("vars(foo)"));
        QCOMPARE(console.history().size(), 2); // no duplicate of the last entry
    }

    void console_multiline() {
        ConsoleWidget console;
        console.show();
        QSignalSpy spy(&console, &ConsoleWidget::statementEntered);
        QPlainTextEdit* e = console.statement_edit();
        QTest::keyClicks(e, "for i in range(2):");
        QTest::keyClick(e, Qt::Key_Return); // opens the block
        QCOMPARE(spy.count(), 0);
        QTest::keyClicks(e, "print(i)");
        QTest::keyClick(e, Qt::Key_Return); // next line of the block
        QCOMPARE(spy.count(), 0);
        QTest::keyClick(e, Qt::Key_Return); // empty line ends it
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].toString(), QStringLiteral("for i in range(2):\n    print(i)"));
        // Shift+Enter: a new line without running.
        QTest::keyClicks(e, "x = 1");
        QTest::keyClick(e, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(e, "y = 2");
        QCOMPARE(spy.count(), 1);
        QTest::keyClick(e, Qt::Key_Return);
        QTest::keyClick(e, Qt::Key_Return);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy[1][0].toString(), QStringLiteral("x = 1\ny = 2"));
    }

    void console_tab_completion() {
        ConsoleWidget console;
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        QStringList asked;
        console.set_completion_source([&](const QString& prefix) {
            asked << prefix;
            if (prefix.startsWith("foo.")) // attribute names only
                return QStringList{"first_name", "full_name", "last_name", "score"};
            return QStringList{"foo", "float", "Person"};
        });
        QPlainTextEdit* e = console.statement_edit();
        // One candidate: completed at once.
        QTest::keyClicks(e, "foo.fu");
        QTest::keyClick(e, Qt::Key_Tab);
        QCOMPARE(asked, QStringList{"foo.fu"});
        QCOMPARE(console.statement(), QStringLiteral("foo.full_name"));
        // A common prefix: completed up to it.
        console.set_statement("print(fo");
        QTest::keyClick(e, Qt::Key_Tab);
        QCOMPARE(asked.last(), QStringLiteral("fo"));
        QCOMPARE(console.statement(), QStringLiteral("print(foo"));
        // Several: the popup lists them; Return picks the current one.
        console.set_statement("foo.f");
        QTest::keyClick(e, Qt::Key_Tab);
        QCOMPARE(asked.last(), QStringLiteral("foo.f"));
        QTRY_VERIFY(console.completer()->popup()->isVisible());
        QCOMPARE(console.completer()->completionCount(), 2);
        QTest::keyClick(console.completer()->popup(), Qt::Key_Down);
        QTest::keyClick(console.completer()->popup(), Qt::Key_Return);
        QTRY_VERIFY(!console.completer()->popup()->isVisible());
        QCOMPARE(console.statement(), QStringLiteral("foo.full_name"));
        // Tab with nothing before the cursor indents instead.
        console.set_statement("");
        const int calls = int(asked.size());
        QTest::keyClick(e, Qt::Key_Tab);
        QCOMPARE(console.statement(), QStringLiteral("    "));
        QCOMPARE(int(asked.size()), calls);
    }

    void console_transcript_like_the_repl() {
        auto s = load_demo("descriptor-protocol.json");
        QVERIFY(s);
        ConsoleWidget console;
        auto play = [&](const std::string& stmt) {
            StatementResult r = run(*s, stmt);
            console.show_result(QString::fromStdString(stmt), r.ok,
                                r.repr ? QString::fromStdString(*r.repr) : QString(),
                                QString::fromStdString(r.error_type),
                                QString::fromStdString(r.error_message),
                                QString::fromStdString(r.output));
        };
        console.show_note("descriptor-protocol.json loaded");
        play("foo.full_name");
        play("foo.__dict__['full_name'] = 'Neo'");
        play("foo.full_name");
        play("foo.score");
        play("vars(foo)");
        play("del foo.full_name");
        play("print('a')\nprint('b')");
        play("foo.nope");
        const QString text = console.transcript()->toPlainText();
        QVERIFY2(text.contains(">>> foo.full_name\n'Keanu Reeves'\n>>> foo.__dict__['full_name'] = "
                               "'Neo'\n>>> foo.full_name\n'Keanu Reeves'"),
                 qPrintable(text));
        QVERIFY(text.contains(">>> foo.score\ndoing some time-consuming calculations\n19.5"));
        QVERIFY(text.contains(">>> print('a')\n... print('b')\na\nb"));
        QVERIFY(
            text.contains(">>> foo.nope\nAttributeError: 'Person' object has no attribute 'nope'"));
        // The error line is in the error colour.
        QTextBlock last = console.transcript()->document()->lastBlock();
        QCOMPARE(last.text(),
                 QStringLiteral("AttributeError: 'Person' object has no attribute 'nope'"));
        QCOMPARE(last.begin().fragment().charFormat().foreground().color(), theme::palette().error);

        console.set_statement("Person.full_name.fget");
        console.resize(760, 420);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        save(console, "/tmp/chain_console.png");
    }
};

QTEST_MAIN(TestChain)
#include "tst_chain.moc"
