#include "modeleditor.h"

#include "autosave.h"
#include "jsonhighlighter.h"
#include "session.h"
#include "theme.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <utility>

namespace ds {

namespace {

// A colour between two theme colours (t = 0: a, t = 1: b).
QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

// The UTF-16 index of the 1-based code-point column `column` in `line` (clamped to the line).
int utf16_index(const QString& line, int column) {
    int index = 0;
    for (int cp = 1; cp < column && index < line.size(); ++cp)
        index += (line[index].isHighSurrogate() && index + 1 < line.size()) ? 2 : 1;
    return std::min(index, int(line.size()));
}

bool is_word_char(QChar c) {
    return c.isLetterOrNumber() || c == u'_';
}

// The end of the word or token starting at `start` (at least one character).
int token_end(const QString& line, int start) {
    int end = start;
    while (end < line.size() && is_word_char(line[end])) ++end;
    return std::max(end, std::min(start + 1, int(line.size())));
}

// The span [start, end) of the JSON value starting at `start`: a whole string, or one token.
std::pair<int, int> value_span(const QString& line, int start) {
    if (start >= line.size()) return {std::max(0, int(line.size()) - 1), int(line.size())};
    if (line[start] == u'"') {
        int end = start + 1;
        while (end < line.size() && line[end] != u'"') end += line[end] == u'\\' ? 2 : 1;
        return {start, std::min(end + 1, int(line.size()))};
    }
    return {start, token_end(line, start)};
}

// The span of the code position (code_line, code_column) (1-based, code points of the decoded
// string) inside the JSON string whose opening quote is at `quote`: the raw text is walked,
// decoding escapes, to the character the position names. The span is the word there, or one
// character (the newline or closing quote when the position is at the end of a code line).
std::pair<int, int> code_span(const QString& line, int quote, int code_line, int code_column) {
    const int n = int(line.size());
    if (quote >= n || line[quote] != u'"') return value_span(line, quote);
    int i = quote + 1, cl = 1, cc = 1;
    while (i < n && line[i] != u'"') {
        if (cl == code_line && cc == code_column) break;
        if (cl > code_line) break;
        int step = 1;
        bool newline = false;
        if (line[i] == u'\\') {
            const QChar e = i + 1 < n ? line[i + 1] : QChar();
            if (e == u'u') {
                step = 6;
                // A surrogate pair written as two escapes is one code point.
                const QString hex = line.mid(i + 2, 4);
                const ushort unit = hex.toUShort(nullptr, 16);
                if (QChar::isHighSurrogate(unit) && line.mid(i + 6, 2) == u"\\u") step = 12;
            } else {
                step = 2;
                newline = e == u'n';
            }
        } else if (line[i].isHighSurrogate() && i + 1 < n) {
            step = 2;
        }
        if (newline && cl == code_line) break; // position past the end of its code line
        i += step;
        if (newline) {
            ++cl;
            cc = 1;
        } else {
            ++cc;
        }
    }
    i = std::min(i, n);
    if (i < n && is_word_char(line[i])) return {i, token_end(line, i)};
    if (i < n && line[i] == u'\\') return {i, std::min(i + 2, n)};
    return {std::min(i, n - 1), std::min(i + 1, n)};
}

// The error as one line, without the file name: the message, then where (the code position,
// and the JSON pointer unless `short_form`).
QString describe(const ModelError& e, bool short_form = false) {
    QString text = QString::fromStdString(e.message);
    QStringList where;
    if (e.code_line > 0)
        where << ModelEditor::tr("code line %1, column %2").arg(e.code_line).arg(e.code_column);
    if (!e.place.pointer.empty() && !short_form) where << QString::fromStdString(e.place.pointer);
    if (!where.isEmpty()) text += QStringLiteral("  (%1)").arg(where.join(QStringLiteral(", ")));
    return text;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The text area with its gutter (Qt's Code Editor example): line numbers and error markers.

class Gutter;

class CodeEdit : public QPlainTextEdit {
  public:
    struct Mark {
        ModelError error;
        QTextCursor line; // at the start of the marked line: follows edits until the next check
        QTextCursor span; // the underlined place
    };

    explicit CodeEdit(QWidget* parent);

    void set_marks(std::vector<Mark> marks);
    const std::vector<Mark>& marks() const { return marks_; }
    QList<int> marked_lines() const;
    QStringList messages_at_line(int line) const;
    int gutter_width() const;
    int marker_space() const; // the left part of the gutter, where the error markers are
    void paint_gutter(QPainter& painter, const QRect& rect);
    void apply_theme();

    std::function<void()> on_apply;

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;

  private:
    void update_gutter_width();
    void update_gutter(const QRect& rect, int dy);
    void update_selections();
    int line_at_y(int y) const;

    Gutter* gutter_;
    std::vector<Mark> marks_;
};

class Gutter : public QWidget {
  public:
    explicit Gutter(CodeEdit* edit) : QWidget(edit), edit_(edit) {}
    QSize sizeHint() const override { return {edit_->gutter_width(), 0}; }

    std::function<int(int)> line_at_y;

  protected:
    void paintEvent(QPaintEvent* event) override {
        QPainter painter(this);
        edit_->paint_gutter(painter, event->rect());
    }
    bool event(QEvent* event) override {
        if (event->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(event);
            const QStringList messages = edit_->messages_at_line(line_at_y(help->pos().y()));
            if (messages.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), messages.join(u'\n'), this);
            return true;
        }
        return QWidget::event(event);
    }

  private:
    CodeEdit* edit_;
};

CodeEdit::CodeEdit(QWidget* parent) : QPlainTextEdit(parent), gutter_(new Gutter(this)) {
    gutter_->line_at_y = [this](int y) { return line_at_y(y); };
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFrameShape(QFrame::NoFrame);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { update_gutter_width(); });
    connect(this, &QPlainTextEdit::updateRequest, this,
            [this](const QRect& rect, int dy) { update_gutter(rect, dy); });
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        update_selections();
        gutter_->update();
    });
    apply_theme();
}

void CodeEdit::apply_theme() {
    const auto& p = theme::palette();
    setFont(theme::code_font());
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    QPalette pal = palette();
    pal.setColor(QPalette::Base, p.surface);
    pal.setColor(QPalette::Text, p.text);
    pal.setColor(QPalette::Highlight, p.accent_soft);
    pal.setColor(QPalette::HighlightedText, p.text);
    setPalette(pal);
    update_gutter_width();
    update_selections();
    gutter_->update();
}

int CodeEdit::gutter_width() const {
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10) ++digits;
    digits = std::max(digits, 3); // no jump in width at line 100
    const QFontMetrics fm(font());
    return marker_space() + fm.horizontalAdvance(QLatin1Char('9')) * digits + 12;
}

int CodeEdit::marker_space() const {
    return std::max(18, int(fontMetrics().height() * 0.9));
}

void CodeEdit::update_gutter_width() {
    setViewportMargins(gutter_width(), 0, 0, 0);
}

void CodeEdit::update_gutter(const QRect& rect, int dy) {
    if (dy)
        gutter_->scroll(0, dy);
    else
        gutter_->update(0, rect.y(), gutter_->width(), rect.height());
    if (rect.contains(viewport()->rect())) update_gutter_width();
}

void CodeEdit::resizeEvent(QResizeEvent* event) {
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    gutter_->setGeometry(QRect(cr.left(), cr.top(), gutter_width(), cr.height()));
}

void CodeEdit::keyPressEvent(QKeyEvent* event) {
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && (event->modifiers() & Qt::ControlModifier)) {
        if (on_apply) on_apply();
        return;
    }
    if (enter && !(event->modifiers() & ~Qt::KeypadModifier)) {
        // Keep the indentation of the current line.
        const QString line = textCursor().block().text();
        int indent = 0;
        while (indent < line.size() && (line[indent] == u' ' || line[indent] == u'\t')) ++indent;
        textCursor().insertText(QLatin1Char('\n') + line.left(indent));
        ensureCursorVisible();
        return;
    }
    if (event->key() == Qt::Key_Tab && !event->modifiers()) {
        textCursor().insertText(QStringLiteral("  ")); // JSON files here indent by two
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool CodeEdit::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int line = cursorForPosition(help->pos()).blockNumber() + 1;
        const QStringList messages = messages_at_line(line);
        if (messages.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), messages.join(u'\n'), viewport());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

int CodeEdit::line_at_y(int y) const {
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid()) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (y >= top && y < bottom) return block.blockNumber() + 1;
        top = bottom;
        block = block.next();
    }
    return 0;
}

void CodeEdit::set_marks(std::vector<Mark> marks) {
    marks_ = std::move(marks);
    update_selections();
    gutter_->update();
}

QList<int> CodeEdit::marked_lines() const {
    QList<int> lines;
    for (const Mark& m : marks_) lines << m.line.blockNumber() + 1;
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    return lines;
}

QStringList CodeEdit::messages_at_line(int line) const {
    QStringList out;
    for (const Mark& m : marks_)
        if (m.line.blockNumber() + 1 == line) out << describe(m.error);
    return out;
}

void CodeEdit::update_selections() {
    const auto& p = theme::palette();
    QList<QTextEdit::ExtraSelection> selections;
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection current;
        current.format.setBackground(mix(p.surface, p.border, 0.18));
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = textCursor();
        current.cursor.clearSelection();
        selections << current;
    }
    for (const Mark& m : marks_) {
        QTextEdit::ExtraSelection line;
        line.format.setBackground(p.error_soft);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = m.line;
        selections << line;
    }
    for (const Mark& m : marks_) {
        if (!m.span.hasSelection()) continue;
        QTextEdit::ExtraSelection span;
        span.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        span.format.setUnderlineColor(p.error);
        span.format.setBackground(mix(p.error_soft, p.error, 0.18));
        span.cursor = m.span;
        selections << span;
    }
    setExtraSelections(selections);
}

void CodeEdit::paint_gutter(QPainter& painter, const QRect& rect) {
    const auto& p = theme::palette();
    const int w = gutter_->width();
    painter.fillRect(rect, p.background);
    painter.setPen(QPen(p.border, theme::line_width(1)));
    painter.drawLine(w - 1, rect.top(), w - 1, rect.bottom());

    const QList<int> marked = marked_lines();
    const int current = textCursor().blockNumber();
    QFont number_font = font();
    painter.setFont(number_font);
    const int line_height = fontMetrics().height();

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    painter.setRenderHint(QPainter::Antialiasing);
    while (block.isValid() && top <= rect.bottom()) {
        if (block.isVisible() && bottom >= rect.top()) {
            const int number = block.blockNumber() + 1;
            const bool is_marked = marked.contains(number);
            painter.setPen(is_marked ? p.error : block.blockNumber() == current ? p.text : p.muted);
            painter.drawText(QRect(0, top, w - 10, line_height), Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(number));
            if (is_marked) {
                const qreal r = std::max(3.0, line_height * 0.27);
                painter.setPen(Qt::NoPen);
                painter.setBrush(p.error);
                painter.drawEllipse(QPointF(marker_space() / 2.0, top + line_height / 2.0), r, r);
            }
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

// The one-line status beside the buttons: the first error (elided to the room there is), or
// "No errors". A click on it goes to the first error.
class StatusLine : public QWidget {
  public:
    explicit StatusLine(QWidget* parent) : QWidget(parent) {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    }
    void set(const QString& text, const QColor& colour) {
        text_ = text;
        colour_ = colour;
        setCursor(on_click && colour != theme::palette().muted ? Qt::PointingHandCursor
                                                               : Qt::ArrowCursor);
        updateGeometry();
        update();
    }
    const QString& text() const { return text_; }
    QSize sizeHint() const override {
        return {fontMetrics().horizontalAdvance(text_) + 4, fontMetrics().height()};
    }
    QSize minimumSizeHint() const override { return {40, fontMetrics().height()}; }

    std::function<void()> on_click;

  protected:
    void paintEvent(QPaintEvent*) override {
        QPainter painter(this);
        painter.setPen(colour_);
        painter.drawText(rect(), Qt::AlignRight | Qt::AlignVCenter,
                         fontMetrics().elidedText(text_, Qt::ElideRight, width()));
    }
    void mousePressEvent(QMouseEvent* event) override {
        if (on_click && event->button() == Qt::LeftButton) on_click();
    }

  private:
    QString text_;
    QColor colour_;
};

// ---------------------------------------------------------------------------------------------

ModelEditor::ModelEditor(QWidget* parent) : QWidget(parent) {
    edit_ = new CodeEdit(this);
    edit_->setObjectName(QStringLiteral("modelEditorText"));
    highlighter_ = new JsonHighlighter(edit_->document());
    edit_->on_apply = [this] { request_apply(); };

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(400);
    connect(debounce_, &QTimer::timeout, this, &ModelEditor::validate_now);

    autosave_timer_ = new QTimer(this);
    autosave_timer_->setSingleShot(true);
    autosave_timer_->setInterval(3000);
    connect(autosave_timer_, &QTimer::timeout, this, &ModelEditor::autosave_now);

    apply_action_ = new QAction(tr("Apply"), this);
    apply_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    apply_action_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    apply_action_->setToolTip(tr("Load this text into the window (Ctrl+Return)"));
    connect(apply_action_, &QAction::triggered, this, &ModelEditor::request_apply);
    addAction(apply_action_);

    save_action_ = new QAction(tr("Save"), this);
    save_action_->setShortcut(QKeySequence::Save);
    save_action_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    save_action_->setToolTip(tr("Save the file (Ctrl+S)"));
    connect(save_action_, &QAction::triggered, this, [this] { save(); });
    addAction(save_action_);

    file_label_ = new QLabel(this);
    status_ = new StatusLine(this);
    status_->on_click = [this] {
        for (const ModelError& e : errors_)
            if (e.place.line > 0) return go_to(e.place.line, e.place.column);
    };
    apply_button_ = new QToolButton(this);
    apply_button_->setDefaultAction(apply_action_);
    save_button_ = new QToolButton(this);
    save_button_->setDefaultAction(save_action_);
    for (QToolButton* b : {apply_button_, save_button_}) {
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setAutoRaise(false);
    }

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(10, 6, 8, 6);
    bar->setSpacing(8);
    bar->addWidget(file_label_);
    bar->addSpacing(16);
    bar->addWidget(status_, 1);
    bar->addSpacing(6);
    bar->addWidget(apply_button_);
    bar->addWidget(save_button_);

    recovery_bar_ = new QWidget(this);
    recovery_bar_->setObjectName(QStringLiteral("modelEditorRecovery"));
    recovery_bar_->setAutoFillBackground(true);
    recovery_label_ = new QLabel(recovery_bar_);
    recovery_label_->setWordWrap(true);
    auto* restore = new QToolButton(recovery_bar_);
    restore->setText(tr("Restore"));
    connect(restore, &QToolButton::clicked, this, &ModelEditor::restore_autosave);
    auto* discard = new QToolButton(recovery_bar_);
    discard->setText(tr("Discard"));
    connect(discard, &QToolButton::clicked, this, &ModelEditor::discard_autosave);
    auto* recovery = new QHBoxLayout(recovery_bar_);
    recovery->setContentsMargins(10, 4, 8, 4);
    recovery->addWidget(recovery_label_, 1);
    recovery->addWidget(restore);
    recovery->addWidget(discard);
    recovery_bar_->hide();

    auto* rule = new QFrame(this);
    rule->setFrameShape(QFrame::HLine);
    rule->setFixedHeight(1);
    rule->setObjectName(QStringLiteral("modelEditorRule"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(rule);
    layout->addWidget(recovery_bar_);
    layout->addWidget(edit_, 1);

    connect(edit_->document(), &QTextDocument::modificationChanged, this, [this](bool modified) {
        if (!loading_) report_modified(modified);
    });
    connect(edit_->document(), &QTextDocument::contentsChange, this,
            [this](int, int removed, int added) {
                if (removed == 0 && added == 0) return;
                debounce_->start();
                if (!loading_) autosave_timer_->start();
            });
    apply_theme();
    update_status();
}

ModelEditor::~ModelEditor() = default;

QPlainTextEdit* ModelEditor::text_edit() const {
    return edit_;
}

void ModelEditor::apply_theme() {
    const auto& p = theme::palette();
    setFont(theme::ui_font());
    edit_->apply_theme();
    highlighter_->apply_theme();
    QPalette pal = palette();
    pal.setColor(QPalette::Window, p.background);
    pal.setColor(QPalette::WindowText, p.text);
    setPalette(pal);
    setAutoFillBackground(true);
    if (auto* rule = findChild<QFrame*>(QStringLiteral("modelEditorRule"))) {
        QPalette rp = rule->palette();
        rp.setColor(QPalette::WindowText, p.border);
        rule->setPalette(rp);
        rule->setFrameShadow(QFrame::Plain);
    }
    QPalette bp = recovery_bar_->palette();
    bp.setColor(QPalette::Window, p.flash);
    bp.setColor(QPalette::WindowText, p.text);
    recovery_bar_->setPalette(bp);
    file_label_->setFont(theme::heading_font());
    update_status();
}

void ModelEditor::set_document(const QString& path, const QString& text) {
    path_ = path;
    set_errors({});
    checked_ = false;
    loading_ = true;           // no "modified" blink while the text is replaced
    edit_->setPlainText(text); // also clears the undo history
    edit_->document()->setModified(false);
    loading_ = false;
    edit_->moveCursor(QTextCursor::Start);
    debounce_->start();
    autosave_timer_->stop();
    report_modified(false);
    offer_autosave();
}

void ModelEditor::set_autosave_delay(int milliseconds) {
    autosave_timer_->setInterval(milliseconds);
}

void ModelEditor::autosave_now() {
    autosave_timer_->stop();
    if (path_.isEmpty()) return; // an untitled document has no file to offer it back with
    if (is_modified())
        autosave::write(path_, text());
    else
        autosave::remove(path_); // edited back to the saved text
}

void ModelEditor::offer_autosave() {
    close_autosave_offer();
    if (path_.isEmpty()) return;
    std::optional<QString> saved = autosave::newer_than_file(path_);
    if (!saved) return;
    if (*saved == text()) { // nothing was lost
        autosave::remove(path_);
        return;
    }
    recovered_text_ = *saved;
    const QString when = QFileInfo(autosave::location(path_)).lastModified().toString(Qt::TextDate);
    recovery_label_->setText(tr("Unsaved changes to %1 from %2 were recovered (autosave).")
                                 .arg(QFileInfo(path_).fileName(), when));
    recovery_bar_->show();
}

bool ModelEditor::autosave_offered() const {
    return !recovery_bar_->isHidden();
}

void ModelEditor::restore_autosave() {
    if (!autosave_offered()) return;
    QTextCursor all(edit_->document()); // one undoable edit: Undo brings the file's text back
    all.select(QTextCursor::Document);
    all.insertText(recovered_text_);
    close_autosave_offer();
}

void ModelEditor::discard_autosave() {
    if (!autosave_offered()) return;
    autosave::remove(path_);
    close_autosave_offer();
}

void ModelEditor::close_autosave_offer() {
    recovered_text_.clear();
    recovery_bar_->hide();
}

void ModelEditor::report_modified(bool modified) {
    update_status();
    if (modified == reported_modified_) return;
    reported_modified_ = modified;
    emit modificationChanged(modified);
}

QString ModelEditor::text() const {
    return edit_->toPlainText();
}

bool ModelEditor::is_modified() const {
    return edit_->document()->isModified();
}

void ModelEditor::set_validation_delay(int milliseconds) {
    debounce_->setInterval(milliseconds);
}

bool ModelEditor::validation_pending() const {
    return debounce_->isActive();
}

void ModelEditor::validate_now() {
    debounce_->stop();
    const QString current = text();
    if (checked_ && current == last_checked_) return;
    const std::string utf8 = current.toStdString();
    const std::string file = path_.isEmpty() ? std::string("<editor>") : path_.toStdString();
    std::vector<ModelError> found;
    try {
        // The whole throwaway load (and its destruction) on the large stack.
        run_with_large_stack([&] {
            LoadResult result = load_model(utf8, file);
            found = std::move(result.errors);
        });
    } catch (const std::exception& e) {
        ModelError err;
        err.file = file;
        err.message = std::string("internal error while checking: ") + e.what();
        found = {err};
    }
    last_checked_ = current;
    checked_ = true;
    set_errors(found);
}

void ModelEditor::set_errors(const std::vector<ModelError>& errors) {
    errors_ = errors;
    update_marks();
    update_status();
    emit errorsChanged(errors_);
}

QList<int> ModelEditor::error_lines() const {
    return edit_->marked_lines();
}

void ModelEditor::update_marks() {
    QTextDocument* doc = edit_->document();
    std::vector<CodeEdit::Mark> marks;
    for (const ModelError& e : errors_) {
        if (e.place.line <= 0) continue; // no position: shown in the status and errors pane
        const QTextBlock block =
            doc->findBlockByNumber(std::min(e.place.line, doc->blockCount()) - 1);
        if (!block.isValid()) continue;
        CodeEdit::Mark m{e, QTextCursor(block), QTextCursor(block)};
        const QString line = block.text();
        const int start = utf16_index(line, e.place.column);
        const auto [from, to] = e.code_line > 0 ? code_span(line, start, e.code_line, e.code_column)
                                                : value_span(line, start);
        if (to > from) {
            m.span.setPosition(block.position() + from);
            m.span.setPosition(block.position() + to, QTextCursor::KeepAnchor);
        }
        marks.push_back(std::move(m));
    }
    edit_->set_marks(std::move(marks));
}

void ModelEditor::update_status() {
    const auto& p = theme::palette();
    const QString name = path_.isEmpty() ? tr("Untitled") : QFileInfo(path_).fileName();
    file_label_->setText(is_modified() ? name + QStringLiteral("  \u2022") : name);
    file_label_->setToolTip(path_.isEmpty() ? tr("Not saved yet") : path_);
    QPalette fp = file_label_->palette();
    fp.setColor(QPalette::WindowText, p.text);
    file_label_->setPalette(fp);

    QString status;
    QColor colour = p.muted;
    QStringList all;
    for (const ModelError& e : errors_)
        all << (e.place.line > 0 ? tr("Line %1: %2").arg(e.place.line).arg(describe(e, true))
                                 : describe(e, true));
    if (!errors_.empty()) {
        status = all.front();
        if (errors_.size() > 1) status = tr("%1 errors \u00b7 %2").arg(errors_.size()).arg(status);
        colour = p.error;
    } else if (checked_ && last_checked_ == text()) {
        status = tr("No errors");
    }
    status_->set(status, colour);
    status_->setToolTip(all.join(u'\n'));
}

QString ModelEditor::status_text() const {
    return status_->text();
}

void ModelEditor::go_to(int line, int column) {
    QTextDocument* doc = edit_->document();
    if (line <= 0) return;
    const QTextBlock block = doc->findBlockByNumber(std::min(line, doc->blockCount()) - 1);
    if (!block.isValid()) return;
    int position = block.position() + utf16_index(block.text(), std::max(1, column));
    // An error's place: go to the exact position of a code error inside its string.
    for (const CodeEdit::Mark& m : edit_->marks())
        if (m.error.place.line == line && m.error.place.column == column && m.error.code_line > 0 &&
            m.span.hasSelection()) {
            position = m.span.selectionStart();
            break;
        }
    QTextCursor cursor(doc);
    cursor.setPosition(position);
    edit_->setTextCursor(cursor);
    edit_->centerCursor();
    edit_->setFocus(Qt::OtherFocusReason);
}

void ModelEditor::request_apply() {
    emit applyRequested(text());
}

bool ModelEditor::save() {
    if (path_.isEmpty()) {
        const QString chosen =
            save_path_hook_ ? save_path_hook_(this)
                            : QFileDialog::getSaveFileName(this, tr("Save model"), QString(),
                                                           tr("Dunderscope models (*.json)"));
        if (chosen.isEmpty()) return false;
        return save_as(chosen);
    }
    return save_as(path_);
}

bool ModelEditor::save_as(const QString& path) {
    QSaveFile file(path);
    const QByteArray bytes = text().toUtf8();
    QString problem;
    if (!file.open(QIODevice::WriteOnly))
        problem = file.errorString();
    else if (file.write(bytes) != bytes.size())
        problem = file.errorString();
    if (problem.isEmpty() && !file.commit()) problem = file.errorString();
    // On any failure the QSaveFile discards its temporary file: the old file is untouched.
    if (!problem.isEmpty()) {
        emit saveFailed(tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), problem));
        return false;
    }
    const bool renamed = path != path_;
    autosave_timer_->stop();
    if (!path_.isEmpty()) autosave::remove(path_);
    path_ = path;
    edit_->document()->setModified(false);
    if (renamed) {
        checked_ = false; // errors name the file
        debounce_->start();
    }
    update_status();
    emit saved(path);
    return true;
}

bool ModelEditor::maybe_save(QWidget* parent) {
    if (!is_modified()) return true;
    SaveChoice choice = SaveChoice::Cancel;
    if (prompt_hook_) {
        choice = prompt_hook_(parent, path_);
    } else {
        const QString name = path_.isEmpty() ? tr("Untitled") : QFileInfo(path_).fileName();
        QMessageBox box(
            QMessageBox::Warning, tr("Unsaved changes"), tr("Save the changes to %1?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent ? parent : this);
        box.setInformativeText(tr("Your edits are lost if you don't save them."));
        box.setDefaultButton(QMessageBox::Save);
        switch (box.exec()) {
        case QMessageBox::Save:
            choice = SaveChoice::Save;
            break;
        case QMessageBox::Discard:
            choice = SaveChoice::Discard;
            break;
        default:
            choice = SaveChoice::Cancel;
        }
    }
    switch (choice) {
    case SaveChoice::Save:
        return save();
    case SaveChoice::Discard:
        autosave_timer_->stop();
        if (!path_.isEmpty()) autosave::remove(path_);
        return true;
    case SaveChoice::Cancel:
        return false;
    }
    return false;
}

} // namespace ds
