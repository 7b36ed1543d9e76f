// The console: a read-only transcript printed the way the Python REPL prints it, and a statement
// line under it. Enter runs the statement (statementEntered), Shift+Enter starts a new line for
// compound statements, Up/Down walk the history, Tab completes names and attributes from a
// source the window provides (the common prefix at once, or a popup list to choose from).
// The console runs nothing itself: the window runs the statement and calls show_result().
#pragma once

#include <QPlainTextEdit>
#include <QStringList>
#include <QWidget>

#include <functional>

class QCompleter;
class QLabel;
class QStringListModel;

namespace ds {

class StatementEdit;

class ConsoleWidget : public QWidget {
    Q_OBJECT
  public:
    using CompletionSource = std::function<QStringList(const QString& prefix)>;

    explicit ConsoleWidget(QWidget* parent = nullptr);

    // Appends one statement's transcript: ">>> stmt" ("... " before continuation lines), what
    // print() wrote, then the repr (nothing for None / statements) or "Type: message" in the
    // error colour.
    void show_result(const QString& statement, bool ok, const QString& repr_or_empty,
                     const QString& error_type, const QString& error_message,
                     const QString& output);
    // Free text in the transcript (a model loaded, a note), muted.
    void show_note(const QString& text);
    void clear_transcript();

    // prefix: the dotted name before the cursor ("fo", "foo.fu"). The source returns
    // candidates either as full dotted names ("foo.full_name") or as the last part only
    // ("full_name"); both work.
    void set_completion_source(CompletionSource source);

    QStringList history() const { return history_; }
    void set_history(const QStringList& history); // e.g. restored from QSettings

    QString statement() const;
    void set_statement(const QString& text);
    void focus_statement();

    QPlainTextEdit* transcript() const { return transcript_; }
    QPlainTextEdit* statement_edit() const;
    QCompleter* completer() const { return completer_; }

    void apply_theme(); // fonts or zoom changed

  signals:
    void statementEntered(const QString& statement);

  private:
    friend class StatementEdit;
    void submit();
    void history_step(int direction); // -1 older (Up), +1 newer (Down)
    bool complete();                  // Tab: true when something was offered
    void insert_completion(const QString& completion);
    QString prefix_before_cursor() const;
    void append(const QString& text, const QColor& colour, bool bold = false);
    void fit_statement_height();

    QPlainTextEdit* transcript_;
    StatementEdit* edit_;
    QLabel* prompt_;
    QCompleter* completer_;
    QStringListModel* completion_model_;
    CompletionSource source_;
    QStringList history_;
    int history_pos_ = 0; // == history_.size(): the draft
    QString draft_;
    QString completion_prefix_; // the dotted prefix the popup completes
};

} // namespace ds
