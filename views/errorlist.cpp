#include "errorlist.h"

#include "theme.h"

#include <QFileInfo>
#include <QKeyEvent>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTextLayout>

#include <cmath>

namespace ds {

namespace {

constexpr int PadX = 10, PadY = 7, MarkerSpace = 18, LineGap = 2;

// Lays `text` out in `width`, breaking at spaces (or inside a word too long for a line), and
// returns its height; draws it at `at` when a painter is given.
int wrapped_text(const QString& text, const QFont& font, int width, QPainter* painter = nullptr,
                 QPointF at = {}) {
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal y = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout.endLayout();
    if (painter) layout.draw(painter, at);
    return int(std::ceil(y));
}

// The place line breaks between its parts (file:line:col, pointer, code position) only.
QString place_for_wrapping(QString place) {
    const QChar nbsp(0x00a0);
    place.replace(u' ', nbsp);
    place.replace(QString(2, nbsp) + QChar(0x00b7) + QString(2, nbsp),
                  QStringLiteral("  \u00b7  "));
    return place;
}

// Two lines per error: the message (wrapped to the width) and its place, muted.
class ErrorDelegate : public QStyledItemDelegate {
  public:
    explicit ErrorDelegate(QListWidget* list) : QStyledItemDelegate(list), list_(list) {}

    int text_width(const QStyleOptionViewItem& option) const {
        const int w = option.rect.width() > 0 ? option.rect.width() : list_->viewport()->width();
        return std::max(60, w - PadX - MarkerSpace - PadX);
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        opt.rect.setWidth(list_->viewport()->width());
        const int width = text_width(opt);
        const int message =
            wrapped_text(index.data(Qt::DisplayRole).toString(), theme::ui_font(), width);
        const int where = wrapped_text(
            place_for_wrapping(index.data(ErrorList::PlaceRole).toString()), place_font(), width);
        return {opt.rect.width(), PadY + message + LineGap + where + PadY};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        const auto& p = theme::palette();
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRect r = option.rect;
        const bool selected = option.state & QStyle::State_Selected;
        painter->fillRect(r, selected ? p.accent_soft : p.surface);
        painter->setPen(QPen(p.border, theme::line_width(1)));
        painter->drawLine(r.left(), r.bottom(), r.right(), r.bottom());

        const int width = text_width(option);
        const QFont message_font = theme::ui_font();
        const QFontMetrics message_fm(message_font);
        const int x = r.left() + PadX + MarkerSpace;
        int y = r.top() + PadY;

        // The marker, as in the editor's gutter.
        const qreal radius = std::max(3.0, message_fm.height() * 0.22);
        painter->setPen(Qt::NoPen);
        painter->setBrush(p.error);
        painter->drawEllipse(QPointF(r.left() + PadX + radius, y + message_fm.height() / 2.0),
                             radius, radius);

        painter->setPen(p.text);
        y += wrapped_text(index.data(Qt::DisplayRole).toString(), message_font, width, painter,
                          QPointF(x, y)) +
             LineGap;
        painter->setPen(p.muted);
        wrapped_text(place_for_wrapping(index.data(ErrorList::PlaceRole).toString()), place_font(),
                     width, painter, QPointF(x, y));

        if (option.state & QStyle::State_HasFocus && selected) {
            painter->setPen(QPen(p.accent, theme::line_width(1)));
            painter->setBrush(Qt::NoBrush);
            painter->drawLine(r.left(), r.top(), r.left(), r.bottom());
        }
        painter->restore();
    }

  private:
    static QFont place_font() {
        QFont f = theme::ui_font();
        f.setPointSizeF(f.pointSizeF() * 0.9);
        return f;
    }

    QListWidget* list_;
};

} // namespace

ErrorList::ErrorList(QWidget* parent) : QListWidget(parent), placeholder_(tr("No errors")) {
    setItemDelegate(new ErrorDelegate(this));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setResizeMode(QListView::Adjust); // rows re-wrap when the pane is resized
    setUniformItemSizes(false);
    setWordWrap(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    // Double-click or Enter (not QAbstractItemView::activated, which some styles emit on a
    // single click).
    connect(this, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { activate(item); });
    apply_theme();
}

void ErrorList::activate(QListWidgetItem* item) {
    if (!item) return;
    const int line = item->data(LineRole).toInt();
    if (line > 0) emit errorActivated(line, item->data(ColumnRole).toInt());
}

void ErrorList::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentItem()) {
        activate(currentItem());
        event->accept();
        return;
    }
    QListWidget::keyPressEvent(event);
}

void ErrorList::apply_theme() {
    const auto& p = theme::palette();
    setFont(theme::ui_font());
    QPalette pal = palette();
    pal.setColor(QPalette::Base, p.surface);
    pal.setColor(QPalette::Text, p.text);
    setPalette(pal);
    doItemsLayout();
    viewport()->update();
}

QString ErrorList::place_text(const ModelError& e) {
    QStringList parts;
    QString file = QFileInfo(QString::fromStdString(e.file)).fileName();
    if (file.isEmpty()) file = QString::fromStdString(e.file);
    if (e.place.line > 0)
        parts << QStringLiteral("%1:%2:%3").arg(file).arg(e.place.line).arg(e.place.column);
    else if (!file.isEmpty())
        parts << file;
    if (!e.place.pointer.empty()) parts << QString::fromStdString(e.place.pointer);
    if (e.code_line > 0) parts << tr("code line %1, column %2").arg(e.code_line).arg(e.code_column);
    return parts.join(QStringLiteral("  \u00b7  "));
}

void ErrorList::show_errors(const std::vector<ModelError>& errors) {
    QListWidget::clear();
    for (const ModelError& e : errors) {
        auto* item = new QListWidgetItem(QString::fromStdString(e.message), this);
        item->setData(LineRole, e.place.line);
        item->setData(ColumnRole, e.place.column);
        item->setData(PlaceRole, place_text(e));
        item->setData(Qt::ToolTipRole, QString::fromStdString(e.format()));
    }
    viewport()->update();
}

void ErrorList::clear() {
    QListWidget::clear();
    viewport()->update();
}

void ErrorList::set_placeholder(const QString& text) {
    placeholder_ = text;
    viewport()->update();
}

void ErrorList::paintEvent(QPaintEvent* event) {
    QListWidget::paintEvent(event);
    if (count() > 0 || placeholder_.isEmpty()) return;
    QPainter painter(viewport());
    painter.setFont(theme::ui_font());
    painter.setPen(theme::palette().muted);
    painter.drawText(viewport()->rect().adjusted(PadX + MarkerSpace, PadY, -PadX, -PadY),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, placeholder_);
}

} // namespace ds
