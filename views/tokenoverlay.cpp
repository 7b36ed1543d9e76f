#include "tokenoverlay.h"

#include "theme.h"

#include <QEasingCurve>
#include <QEvent>
#include <QPainter>
#include <QPainterPath>

namespace ds {

TokenOverlay::TokenOverlay(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    parent->installEventFilter(this);
    setGeometry(parent->rect());
    hide(); // shown only while a token travels
}

bool TokenOverlay::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parent() && event->type() == QEvent::Resize) setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void TokenOverlay::set_token(const Token& token) {
    token_ = token;
    raise();
    show();
    update();
}

void TokenOverlay::clear_token() {
    token_.reset();
    hide();
}

// The path bows upwards, so a token crossing panes reads as a throw rather than a slide.
static QPainterPath travel_path(const QPointF& from, const QPointF& to) {
    QPainterPath path(from);
    QPointF mid = (from + to) / 2;
    mid.ry() -= std::min(120.0, QLineF(from, to).length() * 0.25);
    path.quadTo(mid, to);
    return path;
}

QPointF TokenOverlay::position() const {
    if (!token_) return {};
    QEasingCurve ease(QEasingCurve::InOutCubic);
    return travel_path(token_->from, token_->to).pointAtPercent(ease.valueForProgress(token_->t));
}

void TokenOverlay::paintEvent(QPaintEvent*) {
    if (!token_) return;
    const theme::Palette& pal = theme::palette();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath path = travel_path(token_->from, token_->to);
    QEasingCurve ease(QEasingCurve::InOutCubic);
    double at = ease.valueForProgress(token_->t);

    // The trail: the way travelled so far, dashed.
    QColor trail = token_->colour;
    trail.setAlphaF(0.55);
    QPen pen(trail, theme::line_width(2), Qt::DashLine, Qt::RoundCap);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    QPainterPath travelled(token_->from);
    for (int i = 1; i <= 24; ++i) travelled.lineTo(path.pointAtPercent(at * i / 24.0));
    p.drawPath(travelled);

    QFont font = theme::code_font();
    QFontMetricsF fm(font);
    QString text = fm.elidedText(token_->text, Qt::ElideMiddle, fm.averageCharWidth() * 28);
    QSizeF size(fm.horizontalAdvance(text) + fm.height(), fm.height() * 1.6);
    QRectF card(path.pointAtPercent(at) - QPointF(size.width() / 2, size.height() / 2), size);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 40)); // a soft shadow lifts it above the panes
    p.drawRoundedRect(card.translated(2, 3), size.height() / 2, size.height() / 2);
    p.setPen(QPen(token_->colour, theme::line_width(2)));
    p.setBrush(pal.surface);
    p.drawRoundedRect(card, size.height() / 2, size.height() / 2);
    p.setFont(font);
    p.setPen(pal.text);
    p.drawText(card, Qt::AlignCenter, text);
}

} // namespace ds
