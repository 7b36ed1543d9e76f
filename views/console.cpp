#include "console.h"

#include "theme.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

namespace ds {

// The statement line: a small plain-text editor that grows to a few lines for compound
// statements and hands Enter, Up/Down and Tab to the console.
class StatementEdit : public QPlainTextEdit {
  public:
    explicit StatementEdit(ConsoleWidget* console) : QPlainTextEdit(console), console_(console) {
        setTabChangesFocus(false);
        setLineWrapMode(QPlainTextEdit::WidgetWidth);
        setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the console makes it fit
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    }

  protected:
    bool event(QEvent* e) override {
        // Tab must reach keyPressEvent (completion), not move the focus.
        if (e->type() == QEvent::KeyPress) {
            auto* ke = static_cast<QKeyEvent*>(e);
            if (ke->key() == Qt::Key_Tab && !(ke->modifiers() & Qt::ControlModifier)) {
                keyPressEvent(ke);
                return true;
            }
        }
        return QPlainTextEdit::event(e);
    }

    void keyPressEvent(QKeyEvent* e) override {
        QCompleter* c = console_->completer_;
        if (c->popup()->isVisible()) {
            switch (e->key()) {
            case Qt::Key_Enter:
            case Qt::Key_Return:
            case Qt::Key_Escape:
            case Qt::Key_Tab:
            case Qt::Key_Backtab:
                e->ignore();
                return; // the completer's popup takes these
            default:
                break;
            }
        }
        const bool shift = e->modifiers() & Qt::ShiftModifier;
        switch (e->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter: {
            QTextCursor cur = textCursor();
            const QString line = cur.block().text();
            int lead = 0;
            while (lead < line.size() && line[lead] == QLatin1Char(' ')) ++lead;
            const QString indent(lead, QLatin1Char(' '));
            if (shift) {
                insertPlainText(QStringLiteral("\n") + indent);
                return;
            }
            // "if x:" opens a block: continue on a new, deeper line (as the REPL's "...").
            // An empty last line ends a compound statement.
            const bool at_end = cur.atEnd();
            if (at_end && line.trimmed().endsWith(QLatin1Char(':'))) {
                insertPlainText(QStringLiteral("\n") + indent + QStringLiteral("    "));
                return;
            }
            if (at_end && document()->blockCount() > 1 && !line.trimmed().isEmpty()) {
                insertPlainText(QStringLiteral("\n") + indent);
                return;
            }
            console_->submit();
            return;
        }
        case Qt::Key_Up:
            if (!shift && textCursor().blockNumber() == 0) {
                console_->history_step(-1);
                return;
            }
            break;
        case Qt::Key_Down:
            if (!shift && textCursor().blockNumber() == document()->blockCount() - 1) {
                console_->history_step(+1);
                return;
            }
            break;
        case Qt::Key_Tab:
            if (!console_->complete()) insertPlainText(QStringLiteral("    "));
            return;
        default:
            break;
        }
        QPlainTextEdit::keyPressEvent(e);
        if (c->popup()->isVisible()) { // keep the list in step with what is typed
            const QString prefix = console_->prefix_before_cursor();
            if (!prefix.startsWith(console_->completion_prefix_) || prefix.isEmpty()) {
                c->popup()->hide();
            } else {
                c->setCompletionPrefix(prefix.mid(prefix.lastIndexOf(QLatin1Char('.')) + 1));
                if (c->completionCount() == 0) c->popup()->hide();
            }
        }
    }

  private:
    ConsoleWidget* console_;
};

ConsoleWidget::ConsoleWidget(QWidget* parent) : QWidget(parent) {
    transcript_ = new QPlainTextEdit(this);
    transcript_->setReadOnly(true);
    transcript_->setUndoRedoEnabled(false);
    transcript_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    transcript_->setFrameShape(QFrame::NoFrame);
    transcript_->setFocusPolicy(Qt::ClickFocus);
    transcript_->setAccessibleName(tr("Console transcript"));
    transcript_->setMaximumBlockCount(20000);
    transcript_->document()->setDocumentMargin(10);

    prompt_ = new QLabel(QStringLiteral(">>>"), this);
    prompt_->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    edit_ = new StatementEdit(this);
    edit_->setAccessibleName(tr("Statement"));
    edit_->setPlaceholderText(
        tr("Type a statement, Enter runs it (Shift+Enter: new line, Tab: complete)"));
    edit_->setFrameShape(QFrame::NoFrame);

    completion_model_ = new QStringListModel(this);
    completer_ = new QCompleter(completion_model_, this);
    completer_->setWidget(edit_);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    completer_->setCaseSensitivity(Qt::CaseSensitive);
    completer_->setModelSorting(QCompleter::CaseSensitivelySortedModel);
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this,
            &ConsoleWidget::insert_completion);

    auto* line = new QWidget(this);
    line->setObjectName(QStringLiteral("statementLine"));
    auto* row = new QHBoxLayout(line);
    row->setContentsMargins(8, 6, 8, 6);
    row->setSpacing(6);
    row->addWidget(prompt_);
    row->addWidget(edit_, 1);

    auto* rule = new QFrame(this);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Plain);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(transcript_, 1);
    layout->addWidget(rule);
    layout->addWidget(line);

    connect(edit_, &QPlainTextEdit::textChanged, this, &ConsoleWidget::fit_statement_height);
    setFocusProxy(edit_);
    apply_theme();
}

void ConsoleWidget::apply_theme() {
    const theme::Palette& pal = theme::palette();
    QFont code = theme::code_font();
    code.setPointSizeF(code.pointSizeF() * 1.15);
    for (QPlainTextEdit* e : {transcript_, static_cast<QPlainTextEdit*>(edit_)}) {
        e->setFont(code);
        QPalette p = e->palette();
        p.setColor(QPalette::Base, pal.surface);
        p.setColor(QPalette::Text, pal.text);
        p.setColor(QPalette::PlaceholderText, pal.muted);
        e->setPalette(p);
    }
    QPalette tp = transcript_->palette();
    tp.setColor(QPalette::Base, pal.background);
    transcript_->setPalette(tp);
    prompt_->setFont(code);
    QPalette lp = prompt_->palette();
    lp.setColor(QPalette::WindowText, pal.accent);
    prompt_->setPalette(lp);
    if (QWidget* line = findChild<QWidget*>(QStringLiteral("statementLine"))) {
        line->setAutoFillBackground(true);
        QPalette p = line->palette();
        p.setColor(QPalette::Window, pal.surface);
        line->setPalette(p);
    }
    completer_->popup()->setFont(code);
    fit_statement_height();
}

void ConsoleWidget::fit_statement_height() {
    // Grows with the statement up to 8 lines, then scrolls.
    const QFontMetrics fm(edit_->font());
    const int lines = std::max(1, int(edit_->document()->size().height()));
    const int shown = std::min(lines, 8);
    const QMargins cm = edit_->contentsMargins();
    const int margins = int(2 * edit_->document()->documentMargin()) + cm.top() + cm.bottom() + 2;
    edit_->setFixedHeight(shown * fm.lineSpacing() + margins);
    edit_->setVerticalScrollBarPolicy(lines > shown ? Qt::ScrollBarAsNeeded
                                                    : Qt::ScrollBarAlwaysOff);
    prompt_->setContentsMargins(0, int(edit_->document()->documentMargin()) + cm.top(), 0, 0);
}

QPlainTextEdit* ConsoleWidget::statement_edit() const {
    return edit_;
}

QString ConsoleWidget::statement() const {
    return edit_->toPlainText();
}

void ConsoleWidget::set_statement(const QString& text) {
    edit_->setPlainText(text);
    edit_->moveCursor(QTextCursor::End);
}

void ConsoleWidget::focus_statement() {
    edit_->setFocus(Qt::OtherFocusReason);
}

void ConsoleWidget::set_history(const QStringList& history) {
    history_ = history;
    history_pos_ = int(history_.size());
    draft_.clear();
}

void ConsoleWidget::set_completion_source(CompletionSource source) {
    source_ = std::move(source);
}

void ConsoleWidget::submit() {
    QString text = edit_->toPlainText();
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char(' '))) text.chop(1);
    if (text.trimmed().isEmpty()) return;
    if (history_.isEmpty() || history_.back() != text) history_.append(text);
    history_pos_ = int(history_.size());
    draft_.clear();
    edit_->clear();
    emit statementEntered(text);
}

void ConsoleWidget::history_step(int direction) {
    if (history_.isEmpty()) return;
    if (history_pos_ == history_.size()) draft_ = edit_->toPlainText();
    const int pos = std::clamp(history_pos_ + direction, 0, int(history_.size()));
    if (pos == history_pos_) return;
    history_pos_ = pos;
    set_statement(pos == history_.size() ? draft_ : history_[pos]);
}

QString ConsoleWidget::prefix_before_cursor() const {
    QTextCursor cur = edit_->textCursor();
    const QString line = cur.block().text().left(cur.positionInBlock());
    int start = int(line.size());
    while (start > 0) {
        const QChar ch = line[start - 1];
        if (ch.isLetterOrNumber() || ch == QLatin1Char('_') || ch == QLatin1Char('.'))
            --start;
        else
            break;
    }
    QString prefix = line.mid(start);
    while (prefix.startsWith(QLatin1Char('.'))) prefix.remove(0, 1);
    if (!prefix.isEmpty() && prefix[0].isDigit()) return {}; // a number, not a name
    return prefix;
}

bool ConsoleWidget::complete() {
    const QString prefix = prefix_before_cursor();
    if (prefix.isEmpty()) return false; // Tab at the start of a line indents
    if (!source_) return true;
    const int dot = int(prefix.lastIndexOf(QLatin1Char('.')));
    const QString head = prefix.left(dot + 1); // "foo." or ""
    const QString tail = prefix.mid(dot + 1);
    QStringList names;
    for (const QString& cand : source_(prefix)) {
        QString name = cand;
        if (!head.isEmpty() && cand.startsWith(head))
            name = cand.mid(head.size());
        else if (cand.contains(QLatin1Char('.')))
            name = cand.mid(cand.lastIndexOf(QLatin1Char('.')) + 1);
        if (name.startsWith(tail) && !name.isEmpty() && !names.contains(name)) names.append(name);
    }
    names.sort(Qt::CaseSensitive);
    if (names.isEmpty()) return true;
    completion_prefix_ = prefix;
    if (names.size() == 1) {
        insert_completion(names.front());
        return true;
    }
    QString common = names.front();
    for (const QString& n : names) {
        int k = 0;
        while (k < common.size() && k < n.size() && common[k] == n[k]) ++k;
        common.truncate(k);
    }
    if (common.size() > tail.size()) {
        insert_completion(common);
        return true;
    }
    completion_model_->setStringList(names);
    completer_->setCompletionPrefix(tail);
    QRect r = edit_->cursorRect();
    r.setWidth(completer_->popup()->sizeHintForColumn(0) +
               completer_->popup()->verticalScrollBar()->sizeHint().width() + 16);
    completer_->complete(r);
    completer_->popup()->setCurrentIndex(completer_->completionModel()->index(0, 0));
    return true;
}

void ConsoleWidget::insert_completion(const QString& completion) {
    const QString prefix = prefix_before_cursor();
    const QString tail = prefix.mid(prefix.lastIndexOf(QLatin1Char('.')) + 1);
    QTextCursor cur = edit_->textCursor();
    cur.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(tail.size()));
    cur.insertText(completion);
    edit_->setTextCursor(cur);
}

void ConsoleWidget::append(const QString& text, const QColor& colour, bool bold) {
    QTextCursor cur(transcript_->document());
    cur.movePosition(QTextCursor::End);
    QTextCharFormat fmt;
    fmt.setForeground(colour);
    fmt.setFontWeight(bold ? QFont::Bold : QFont::Normal);
    cur.insertText(text, fmt);
}

void ConsoleWidget::show_note(const QString& text) {
    const theme::Palette& pal = theme::palette();
    if (!transcript_->document()->isEmpty()) append(QStringLiteral("\n"), pal.text);
    append(QStringLiteral("# ") + text, pal.muted);
    transcript_->verticalScrollBar()->setValue(transcript_->verticalScrollBar()->maximum());
}

void ConsoleWidget::show_result(const QString& statement, bool ok, const QString& repr_or_empty,
                                const QString& error_type, const QString& error_message,
                                const QString& output) {
    const theme::Palette& pal = theme::palette();
    if (!transcript_->document()->isEmpty()) append(QStringLiteral("\n"), pal.text);
    const QStringList lines = statement.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (i) append(QStringLiteral("\n"), pal.text);
        append(i == 0 ? QStringLiteral(">>> ") : QStringLiteral("... "), pal.accent);
        append(lines[i], pal.text, true);
    }
    QString out = output;
    if (out.endsWith(QLatin1Char('\n'))) out.chop(1);
    if (!output.isEmpty()) append(QStringLiteral("\n") + out, pal.text);
    if (ok) {
        if (!repr_or_empty.isEmpty()) append(QStringLiteral("\n") + repr_or_empty, pal.text);
    } else {
        QString err = error_type;
        if (!error_message.isEmpty()) err += QStringLiteral(": ") + error_message;
        append(QStringLiteral("\n") + err, pal.error);
    }
    transcript_->verticalScrollBar()->setValue(transcript_->verticalScrollBar()->maximum());
}

void ConsoleWidget::clear_transcript() {
    transcript_->clear();
}

} // namespace ds
