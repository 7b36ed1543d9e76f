// The model editor pane, its JSON highlighter and the errors pane, driven as a user drives them
// (offscreen): errors appear at their line a moment after typing and go away when fixed, Apply
// hands the text over, Save replaces the file atomically and never damages it on failure, the
// unsaved-changes prompt can cancel, and unsaved text survives a crash (autosave, offered back).
//
// With DS_SCREENSHOT_DIR set, the editor and the errors pane are also saved there as PNGs
// (editor-demo.png, editor-error.png, errorlist.png, editor-autosave.png) for looking at.

#include "autosave.h"
#include "errorlist.h"
#include "jsonhighlighter.h"
#include "modeleditor.h"
#include "session.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>

#include <sys/stat.h>
#include <unistd.h>

using ds::ErrorList;
using ds::ModelEditor;
using ds::ModelError;

namespace {

QString demo_path(const char* name) {
    return QStringLiteral(DS_SOURCE_DIR "/resources/demos/") + QLatin1String(name);
}

QString read_all(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

bool write_all(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// 1-based number of the first line containing `needle` (0 when none).
int line_of(const QString& text, const QString& needle) {
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].contains(needle)) return i + 1;
    return 0;
}

// Puts the text cursor of the editor right after the first occurrence of `needle`.
void place_cursor_after(ModelEditor& editor, const QString& needle) {
    QPlainTextEdit* edit = editor.text_edit();
    const int at = edit->toPlainText().indexOf(needle);
    QVERIFY2(at >= 0, qPrintable(needle));
    QTextCursor c = edit->textCursor();
    c.setPosition(at + int(needle.size()));
    edit->setTextCursor(c);
}

QToolButton* button(QWidget& parent, const QString& text) {
    for (QToolButton* b : parent.findChildren<QToolButton*>())
        if (b->text() == text) return b;
    return nullptr;
}

// The highlighter's kind for the character at `column` (0-based) of 1-based `line`.
QString kind_at(QPlainTextEdit* edit, int line, int column) {
    const QTextBlock block = edit->document()->findBlockByNumber(line - 1);
    for (const QTextLayout::FormatRange& r : block.layout()->formats())
        if (column >= r.start && column < r.start + r.length)
            return ds::JsonHighlighter::token_kind(r.format);
    return {};
}

QList<QTextEdit::ExtraSelection> wavy_selections(QPlainTextEdit* edit) {
    QList<QTextEdit::ExtraSelection> out;
    for (const auto& s : edit->extraSelections())
        if (s.format.underlineStyle() == QTextCharFormat::WaveUnderline) out << s;
    return out;
}

void grab(QWidget& w, const char* name) {
    const QByteArray dir = qgetenv("DS_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QVERIFY(w.grab().save(QString::fromLocal8Bit(dir) + u'/' + QLatin1String(name)));
}

} // namespace

class TestEditor : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // autosaves go to a test folder
        demo_ = read_all(demo_path("descriptor-protocol.json"));
        QVERIFY(!demo_.isEmpty());
    }

    void highlighter_colours_tokens() {
        ModelEditor editor;
        editor.resize(900, 600);
        editor.set_document(demo_path("descriptor-protocol.json"), demo_);
        QPlainTextEdit* edit = editor.text_edit();

        const QString text = edit->toPlainText();
        const int src = line_of(text, QStringLiteral("\"source\": \"def __init__(self, fget"));
        QVERIFY(src > 0);
        const QString line = edit->document()->findBlockByNumber(src - 1).text();
        const int key_col = int(line.indexOf(u"\"source\""));
        QCOMPARE(kind_at(edit, src, key_col + 1), QStringLiteral("key"));
        QCOMPARE(kind_at(edit, src, key_col + 8), QStringLiteral("punctuation")); // the colon
        const int code_col = int(line.indexOf(u"def __init__"));
        QCOMPARE(kind_at(edit, src, code_col), QStringLiteral("code"));
        const int escape_col = int(line.indexOf(u"\\n"));
        QCOMPARE(kind_at(edit, src, escape_col), QStringLiteral("escape"));

        const int name = line_of(text, QStringLiteral("\"name\": \"Property\""));
        const QString name_line = edit->document()->findBlockByNumber(name - 1).text();
        QCOMPARE(kind_at(edit, name, int(name_line.indexOf(u"Property"))),
                 QStringLiteral("string"));

        // Script entries are code, and only inside the script array.
        const int script = line_of(text, QStringLiteral("\"foo.full_name\","));
        QVERIFY(script > line_of(text, QStringLiteral("\"script\": [")));
        QCOMPARE(kind_at(edit, script, 5), QStringLiteral("code"));

        edit->setPlainText(QStringLiteral("{\"a\": [1.5e3, -2, true, false, null],\n"
                                          " \"expr\": \"x + 1\", \"doc\": \"x + 1\"}"));
        QCOMPARE(kind_at(edit, 1, 1), QStringLiteral("key"));
        QCOMPARE(kind_at(edit, 1, 8), QStringLiteral("number"));
        QCOMPARE(kind_at(edit, 1, 14), QStringLiteral("number"));
        QCOMPARE(kind_at(edit, 1, 18), QStringLiteral("literal"));
        QCOMPARE(kind_at(edit, 1, 24), QStringLiteral("literal"));
        QCOMPARE(kind_at(edit, 1, 31), QStringLiteral("literal"));
        QCOMPARE(kind_at(edit, 1, 35), QStringLiteral("punctuation"));
        QCOMPARE(kind_at(edit, 2, 11), QStringLiteral("code"));   // "x + 1" of expr
        QCOMPARE(kind_at(edit, 2, 28), QStringLiteral("string")); // "x + 1" of doc
    }

    void document_state() {
        ModelEditor editor;
        QSignalSpy modified(&editor, &ModelEditor::modificationChanged);
        editor.set_document(demo_path("descriptor-protocol.json"), demo_);
        QCOMPARE(editor.text(), demo_);
        QCOMPARE(editor.path(), demo_path("descriptor-protocol.json"));
        QVERIFY(!editor.is_modified());
        // The freshly opened demo is checked after the pause: no errors.
        QTRY_VERIFY(!editor.validation_pending());
        QVERIFY(editor.errors().empty());
        QVERIFY(editor.error_lines().isEmpty());

        place_cursor_after(editor, QStringLiteral("\"title\": \"The descriptor protocol"));
        QTest::keyClicks(editor.text_edit(), QStringLiteral(" (edited)"));
        QVERIFY(editor.is_modified());
        QCOMPARE(modified.count(), 1);
        QCOMPARE(modified.last().at(0).toBool(), true);
        QVERIFY(editor.text().contains(u"The descriptor protocol (edited)"));
    }

    // Delete a comma: the loader's syntax error is marked where the parser stopped.
    void format_error_marked_while_typing_then_fixed() {
        ModelEditor editor;
        editor.set_validation_delay(1000); // "not yet" is checked before it fires
        editor.resize(900, 600);
        editor.show();
        editor.set_document(demo_path("descriptor-protocol.json"), demo_);
        QTRY_VERIFY(!editor.validation_pending());
        QVERIFY(editor.error_lines().isEmpty());
        QSignalSpy changed(&editor, &ModelEditor::errorsChanged);

        // End of line 2 ("format": "dunderscope/1",): remove the comma.
        QTextCursor c = editor.text_edit()->textCursor();
        c.setPosition(editor.text_edit()->document()->findBlockByNumber(1).position());
        c.movePosition(QTextCursor::EndOfBlock);
        editor.text_edit()->setTextCursor(c);
        QTest::keyClick(editor.text_edit(), Qt::Key_Backspace);
        QVERIFY(!editor.text().split(u'\n').at(1).endsWith(u','));

        // Debounced: nothing yet, then the marker on the next line (where "title" begins).
        QVERIFY(editor.validation_pending());
        QVERIFY(editor.error_lines().isEmpty());
        QTRY_COMPARE(editor.error_lines(), QList<int>{3});
        QCOMPARE(editor.errors().size(), size_t(1));
        QVERIFY(QString::fromStdString(editor.errors()[0].message).contains(u"syntax error"));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(wavy_selections(editor.text_edit()).size(), 1);
        QCOMPARE(wavy_selections(editor.text_edit())[0].cursor.blockNumber(), 2);
        // The status line names the line and the message.
        QVERIFY2(editor.status_text().startsWith(u"Line 3: syntax error"),
                 qPrintable(editor.status_text()));

        grab(editor, "editor-format-error.png");

        // Type the comma back: the marker goes.
        QTest::keyClick(editor.text_edit(), Qt::Key_Comma);
        QTRY_VERIFY(editor.error_lines().isEmpty());
        QVERIFY(editor.errors().empty());
        QVERIFY(wavy_selections(editor.text_edit()).isEmpty());
        QCOMPARE(editor.status_text(), QStringLiteral("No errors"));
        QCOMPARE(editor.text(), demo_);
    }

    // A Python syntax error inside a `source` string: marked on the line of that string, the
    // underline on the exact code position.
    void code_error_marked_at_its_line_and_position() {
        ModelEditor editor;
        editor.set_validation_delay(100);
        editor.resize(1000, 640);
        editor.show();
        editor.set_document(demo_path("descriptor-protocol.json"), demo_);
        QTRY_VERIFY(!editor.validation_pending());
        QVERIFY(editor.errors().empty());
        grab(editor, "editor-demo.png");

        const int line = line_of(demo_, QStringLiteral("\"source\": \"def __get__(self, obj"));
        QVERIFY(line > 0);
        place_cursor_after(editor, QStringLiteral("\"source\": \"def __get__(self, obj"));
        QTest::keyClicks(editor.text_edit(), QStringLiteral(" obj"));
        QTRY_COMPARE(editor.error_lines(), QList<int>{line});
        const ModelError& e = editor.errors().at(0);
        QCOMPARE(e.place.line, line);
        QCOMPARE(e.code_line, 1);
        QVERIFY2(QString::fromStdString(e.message).startsWith(u"SyntaxError"), e.message.c_str());
        const auto wavy = wavy_selections(editor.text_edit());
        QCOMPARE(wavy.size(), 1);
        QCOMPARE(wavy[0].cursor.blockNumber() + 1, line);
        QCOMPARE(wavy[0].cursor.selectedText(), QStringLiteral("obj")); // the second obj
        const QString line_text =
            editor.text_edit()->document()->findBlockByNumber(line - 1).text();
        QCOMPARE(wavy[0].cursor.positionInBlock() - 3,
                 int(line_text.indexOf(u"obj obj") + 4)); // the underline starts on it

        // The errors pane jumps there: exactly to the code position.
        editor.go_to(e.place.line, e.place.column);
        QCOMPARE(editor.text_edit()->textCursor().blockNumber() + 1, line);
        QCOMPARE(editor.text_edit()->textCursor().positionInBlock(),
                 int(line_text.indexOf(u"obj obj") + 4));

        grab(editor, "editor-error.png");

        // Undo the typing: fixed, marks gone.
        for (int i = 0; i < 4; ++i) QTest::keyClick(editor.text_edit(), Qt::Key_Backspace);
        QTRY_VERIFY(editor.error_lines().isEmpty());
        QCOMPARE(editor.text(), demo_);
    }

    // An error while building (a Python exception, not a syntax error) is marked too.
    void build_error_marked() {
        ModelEditor editor;
        editor.set_validation_delay(50);
        editor.set_document(demo_path("descriptor-protocol.json"), demo_);
        QTRY_VERIFY(!editor.validation_pending());
        const int line = line_of(demo_, QStringLiteral("\"new\": \"Person('Keanu'"));
        QVERIFY(line > 0);
        place_cursor_after(editor, QStringLiteral("\"new\": \""));
        QTest::keyClicks(editor.text_edit(), QStringLiteral("Nobody() or "));
        // The engine places an error raised while creating an instance at that instance.
        QTRY_VERIFY(!editor.error_lines().isEmpty());
        const ModelError& e = editor.errors().at(0);
        QVERIFY2(QString::fromStdString(e.message).contains(u"NameError"), e.message.c_str());
        QCOMPARE(e.place.pointer.substr(0, 12), std::string("/instances/0"));
        QVERIFY(e.place.line >= line - 2 && e.place.line <= line);
        QCOMPARE(editor.error_lines(), QList<int>{e.place.line});
    }

    void set_errors_marks_given_lines() {
        ModelEditor editor;
        editor.set_document(QString(), demo_);
        ModelError a;
        a.file = "x.json";
        a.place = {"/classes", 5, 3};
        a.message = "first";
        ModelError b = a;
        b.place.line = 12;
        b.message = "second";
        ModelError nowhere = a;
        nowhere.place.line = 0; // no position: not in the gutter
        editor.set_errors({b, a, nowhere});
        QCOMPARE(editor.error_lines(), (QList<int>{5, 12}));
        editor.set_errors({});
        QVERIFY(editor.error_lines().isEmpty());
    }

    void apply_emits_the_text() {
        ModelEditor editor;
        editor.resize(800, 500);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.set_document(demo_path("descriptor-protocol.json"), demo_);
        QSignalSpy apply(&editor, &ModelEditor::applyRequested);

        QToolButton* b = button(editor, QStringLiteral("Apply"));
        QVERIFY(b);
        QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(apply.count(), 1);
        QCOMPARE(apply.last().at(0).toString(), demo_);

        place_cursor_after(editor, QStringLiteral("\"title\": \""));
        QTest::keyClicks(editor.text_edit(), QStringLiteral("New "));
        editor.text_edit()->setFocus();
        QTest::keyClick(editor.text_edit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(apply.count(), 2);
        QVERIFY(apply.last().at(0).toString().contains(u"\"title\": \"New The descriptor"));
        QCOMPARE(apply.last().at(0).toString(), editor.text());
        QVERIFY(!editor.text().contains(u"New \n")); // Ctrl+Return did not insert a newline
    }

    void save_writes_atomically() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("model.json"));
        QVERIFY(write_all(path, demo_.toUtf8()));
        struct stat before {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);

        ModelEditor editor;
        editor.set_document(path, demo_);
        place_cursor_after(editor, QStringLiteral("\"title\": \""));
        QTest::keyClicks(editor.text_edit(), QStringLiteral("Saved "));
        QVERIFY(editor.is_modified());
        QSignalSpy saved(&editor, &ModelEditor::saved);
        QSignalSpy failed(&editor, &ModelEditor::saveFailed);
        QSignalSpy modified(&editor, &ModelEditor::modificationChanged);

        QVERIFY(editor.save());
        QCOMPARE(read_all(path), editor.text());
        QVERIFY(read_all(path).contains(u"\"title\": \"Saved The descriptor"));
        QVERIFY(!editor.is_modified());
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.last().at(0).toString(), path);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(modified.last().at(0).toBool(), false);
        // Atomic replacement (QSaveFile): a new file renamed over the old one, so a new inode,
        // and no temporary file left behind.
        struct stat after {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
        QVERIFY(after.st_ino != before.st_ino);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("model.json")});

        // Save as: a new path becomes the document's path.
        const QString other = dir.filePath(QStringLiteral("copy.json"));
        QVERIFY(editor.save_as(other));
        QCOMPARE(editor.path(), other);
        QCOMPARE(read_all(other), editor.text());
    }

    void failed_save_keeps_the_old_file() {
        ModelEditor editor;
        editor.set_document(QString(), demo_);
        place_cursor_after(editor, QStringLiteral("\"title\": \""));
        QTest::keyClicks(editor.text_edit(), QStringLiteral("Unsaved "));
        QSignalSpy failed(&editor, &ModelEditor::saveFailed);
        QSignalSpy saved(&editor, &ModelEditor::saved);

        // A file on a read-only file system (even root cannot write there).
        const QString proc = QStringLiteral("/proc/version");
        const QString proc_before = read_all(proc);
        QVERIFY(!proc_before.isEmpty());
        QVERIFY(!editor.save_as(proc));
        QCOMPARE(read_all(proc), proc_before);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.last().at(0).toString().contains(u"/proc/version"));

        // A folder that does not exist.
        QTemporaryDir dir;
        QVERIFY(!editor.save_as(dir.filePath(QStringLiteral("missing/model.json"))));
        QCOMPARE(failed.count(), 2);

        // An existing file in a folder we may not write to (permissions do not stop root).
        if (::geteuid() != 0) {
            const QString locked = dir.filePath(QStringLiteral("locked"));
            QVERIFY(QDir().mkpath(locked));
            const QString path = locked + QStringLiteral("/model.json");
            QVERIFY(write_all(path, "old content"));
            QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
            QVERIFY(!editor.save_as(path));
            QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner);
            QCOMPARE(read_all(path), QStringLiteral("old content"));
            QCOMPARE(failed.count(), 3);
        }
        QCOMPARE(saved.count(), 0);
        QVERIFY(editor.is_modified()); // nothing was saved
        QVERIFY(editor.path().isEmpty());
    }

    void maybe_save_prompts_only_when_modified() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.json"));
        QVERIFY(write_all(path, demo_.toUtf8()));
        ModelEditor editor;
        int asked = 0;
        QString asked_about;
        auto answer = ModelEditor::SaveChoice::Cancel;
        editor.set_prompt_hook([&](QWidget*, const QString& p) {
            ++asked;
            asked_about = p;
            return answer;
        });
        editor.set_document(path, demo_);

        QVERIFY(editor.maybe_save(nullptr)); // unmodified: no question
        QCOMPARE(asked, 0);

        place_cursor_after(editor, QStringLiteral("\"title\": \""));
        QTest::keyClicks(editor.text_edit(), QStringLiteral("Changed "));

        answer = ModelEditor::SaveChoice::Cancel;
        QVERIFY(!editor.maybe_save(nullptr));
        QCOMPARE(asked, 1);
        QCOMPARE(asked_about, path);
        QVERIFY(editor.is_modified());
        QCOMPARE(read_all(path), demo_);

        answer = ModelEditor::SaveChoice::Discard;
        QVERIFY(editor.maybe_save(nullptr));
        QCOMPARE(asked, 2);
        QCOMPARE(read_all(path), demo_); // discarding writes nothing

        answer = ModelEditor::SaveChoice::Save;
        QVERIFY(editor.maybe_save(nullptr));
        QCOMPARE(asked, 3);
        QVERIFY(!editor.is_modified());
        QCOMPARE(read_all(path), editor.text());

        // Save chosen for a document without a file: the save-path hook, cancelled.
        editor.set_document(QString(), demo_);
        QTest::keyClicks(editor.text_edit(), QStringLiteral(" "));
        editor.set_save_path_hook([](QWidget*) { return QString(); });
        QVERIFY(!editor.maybe_save(nullptr));
        QVERIFY(editor.is_modified());
    }

    void autosave_survives_a_crash() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.json"));
        QVERIFY(write_all(path, demo_.toUtf8()));
        const QString saved_copy = ds::autosave::location(path);
        QVERIFY(saved_copy.startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QString edited;
        {
            ModelEditor editor;
            editor.set_autosave_delay(50);
            editor.set_document(path, demo_);
            QVERIFY(!editor.autosave_offered());
            place_cursor_after(editor, QStringLiteral("\"title\": \""));
            QTest::keyClicks(editor.text_edit(), QStringLiteral("Crashed "));
            edited = editor.text();
            // A moment after the last edit, the unsaved text is in the app data folder.
            QTRY_COMPARE(read_all(saved_copy), edited);
        } // the "crash": the editor goes without saving and without asking
        QCOMPARE(read_all(path), demo_);

        // The next start: opening the file offers the text back, without a dialog.
        ModelEditor next;
        next.set_document(path, demo_);
        QVERIFY(next.autosave_offered());
        QCOMPARE(next.text(), demo_);
        next.resize(900, 300);
        grab(next, "editor-autosave.png");
        next.restore_autosave();
        QVERIFY(!next.autosave_offered());
        QCOMPARE(next.text(), edited);
        QVERIFY(next.is_modified());
        next.text_edit()->undo(); // one undo brings the file's text back
        QCOMPARE(next.text(), demo_);
        next.text_edit()->redo();
        // A save removes the autosave: nothing is offered on the next open.
        QVERIFY(next.save());
        QVERIFY(!QFile::exists(saved_copy));
        next.set_document(path, read_all(path));
        QVERIFY(!next.autosave_offered());

        // Discard in the offer removes it, and the text stays the file's.
        QTest::keyClicks(next.text_edit(), QStringLiteral(" "));
        next.autosave_now();
        QVERIFY(QFile::exists(saved_copy));
        next.set_document(path, read_all(path));
        QVERIFY(next.autosave_offered());
        next.discard_autosave();
        QVERIFY(!next.autosave_offered());
        QVERIFY(!QFile::exists(saved_copy));
        QCOMPARE(next.text(), read_all(path));

        // Discard in the unsaved-changes prompt removes it too.
        next.set_prompt_hook(
            [](QWidget*, const QString&) { return ModelEditor::SaveChoice::Discard; });
        QTest::keyClicks(next.text_edit(), QStringLiteral(" "));
        next.autosave_now();
        QVERIFY(QFile::exists(saved_copy));
        QVERIFY(next.maybe_save(nullptr));
        QVERIFY(!QFile::exists(saved_copy));

        // An autosave older than the file (the file was saved elsewhere since) is stale: not
        // offered, and removed.
        QTest::keyClicks(next.text_edit(), QStringLiteral(" "));
        next.autosave_now();
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(60),
                                     QFileDevice::FileModificationTime));
        }
        next.set_document(path, read_all(path));
        QVERIFY(!next.autosave_offered());
        QVERIFY(!QFile::exists(saved_copy));
    }

    void error_list_shows_and_activates() {
        // Real errors: a broken copy of the demo (a bad key and a code error).
        QString broken = demo_;
        broken.replace(QStringLiteral("\"doc\": \"A pure-Python copy of the builtin property"),
                       QStringLiteral("\"dok\": \"A pure-Python copy of the builtin property"));
        std::vector<ModelError> errors;
        ds::run_with_large_stack(
            [&] { errors = ds::load_model(broken.toStdString(), "/some/where/demo.json").errors; });
        QCOMPARE(errors.size(), size_t(1));
        ModelError code;
        code.file = "/some/where/demo.json";
        code.place = {"/classes/0/attrs/__get__/source", 18, 21};
        code.code_line = 3;
        code.code_column = 9;
        code.message = "SyntaxError: invalid syntax";
        errors.push_back(code);
        ModelError nowhere;
        nowhere.file = "/some/where/demo.json";
        nowhere.message = "cannot read the file";
        errors.push_back(nowhere);

        ErrorList list;
        list.resize(420, 360);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        QCOMPARE(list.count(), 0);
        list.show_errors(errors);
        QCOMPARE(list.count(), 3);
        QCOMPARE(list.item(0)->text(), QString::fromStdString(errors[0].message));
        QVERIFY(list.item(0)->text().contains(u"dok"));
        const int dok_line = line_of(broken, QStringLiteral("\"dok\""));
        QCOMPARE(list.item(0)->data(ErrorList::LineRole).toInt(), dok_line);
        QCOMPARE(list.item(1)->data(ErrorList::PlaceRole).toString(),
                 QStringLiteral("demo.json:18:21  \u00b7  /classes/0/attrs/__get__/source  \u00b7  "
                                "code line 3, column 9"));
        QCOMPARE(list.item(1)->toolTip(), QString::fromStdString(code.format()));
        QCOMPARE(list.item(2)->data(ErrorList::PlaceRole).toString(), QStringLiteral("demo.json"));
        // Long messages wrap: rows are taller than one line of text.
        QVERIFY(list.visualItemRect(list.item(0)).height() > 2 * list.fontMetrics().height());

        grab(list, "errorlist.png");

        QSignalSpy activated(&list, &ErrorList::errorActivated);
        list.setFocus();
        list.setCurrentRow(1);
        QTest::keyClick(list.viewport(), Qt::Key_Return);
        QTRY_COMPARE(activated.count(), 1);
        QCOMPARE(activated.last().at(0).toInt(), 18);
        QCOMPARE(activated.last().at(1).toInt(), 21);

        const QPoint centre = list.visualItemRect(list.item(0)).center();
        // A real double-click: press, release, then the second press arrives as a double-click.
        QTest::mouseClick(list.viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(activated.count(), 1); // a single click selects, nothing more
        QTest::mouseDClick(list.viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.last().at(0).toInt(), dok_line);

        // An error without a place has nowhere to jump to.
        list.setCurrentRow(2);
        QTest::keyClick(list.viewport(), Qt::Key_Return);
        QCOMPARE(activated.count(), 2);

        list.clear();
        QCOMPARE(list.count(), 0);
        QCOMPARE(list.error_count(), 0);
    }

  private:
    QString demo_;
};

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
